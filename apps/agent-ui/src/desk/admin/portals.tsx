import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api.js';
import { Link } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, useCategories, usePortals, type Portal } from './admin-api.js';
import { adminText } from './admin-text.js';
import {
  CheckField,
  AdminTable,
  ChoiceSet,
  ConfirmDelete,
  DeletedNotice,
  EditHead,
  FormFooter,
  ListHead,
  Loading,
  TextField,
} from './form.js';
import { binder, useRecordEditor } from './record-editor.js';

/** All portals with their address and whether chat is on; links to edit each and to add one. */
export function PortalList() {
  const t = useCatalogue(adminText);
  const portals = usePortals();
  return (
    <section aria-labelledby="portals-title">
      <ListHead
        titleId="portals-title"
        title={t('portalsTitle')}
        newHref="/a/admin/portals/new"
        newLabel={t('portalNew')}
      />
      <DeletedNotice />
      {!portals.data ? (
        <Loading error={portals.error} />
      ) : (
        <AdminTable columns={[t('name'), t('portalUrl'), t('chat')]}>
          {portals.data.map((portal) => (
            <tr key={portal.id}>
              <th scope="row">
                <Link href={`/a/admin/portals/${portal.id}`}>{portal.name}</Link>
                {portal.is_default && <span className="badge">{t('defaultPortal')}</span>}
              </th>
              <td className="wrap">{portal.portal_url}</td>
              <td>{portal.chat_enabled ? t('chatOn') : t('chatOff')}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

interface PortalDraft {
  name: string;
  host: string;
  isDefault: boolean;
  brandColor: string;
  logoUrl: string;
  chatEnabled: boolean;
  categoryIds: number[];
}

const draftOf = (p: Portal): PortalDraft => ({
  name: p.name,
  host: p.host ?? '',
  isDefault: p.is_default,
  brandColor: p.brand_color,
  logoUrl: p.logo_url ?? '',
  chatEnabled: p.chat_enabled,
  categoryIds: p.category_ids,
});

/** Creates a portal (`id` undefined) or edits one, including "Enable chat on this portal". */
export function PortalForm({ id }: { id?: number }) {
  const t = useCatalogue(adminText);
  const client = useQueryClient();
  const categories = useCategories();
  const {
    record: portal,
    draft,
    set,
    errors,
    save,
    destroy,
    submit,
  } = useRecordEditor<Portal, PortalDraft>({
    id,
    kind: 'portal',
    path: `/portals/${id}`,
    screen: '/a/admin/portals',
    empty: {
      name: '',
      host: '',
      isDefault: false,
      brandColor: '#0b57c5',
      logoUrl: '',
      chatEnabled: false,
      categoryIds: [],
    },
    draftOf,
    send: async (d) => {
      const body = {
        name: d.name,
        host: d.host.trim() || null,
        is_default: d.isDefault,
        brand_color: d.brandColor.trim(),
        logo_url: d.logoUrl.trim() || null,
        chat_enabled: d.chatEnabled,
        category_ids: d.categoryIds,
      };
      return id === undefined
        ? (await api.post<Portal>('/portals', body)).data
        : (await api.put<Portal>(`/portals/${id}`, body)).data;
    },
    refresh: () => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.portals });
      // Chat-enabled portals are the sites the chat channel lists.
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.chat });
    },
  });

  if (id !== undefined && !portal.data) return <Loading error={portal.error} />;
  if (!draft) return <Loading />;
  const { text, check } = binder(draft, set, errors);

  return (
    <section aria-labelledby="portal-title">
      <EditHead
        backHref="/a/admin/portals"
        backLabel={t('backToPortals')}
        titleId="portal-title"
        title={portal.data ? t('portalEdit', { name: portal.data.name }) : t('portalNew')}
      />
      {portal.data && (
        <p>
          {t('portalUrl')}:{' '}
          <a href={portal.data.portal_url} target="_blank" rel="noreferrer">
            {portal.data.portal_url}
          </a>
        </p>
      )}
      <form className="admin-form card" onSubmit={submit} noValidate>
        <TextField label={t('name')} required {...text('name', 'name')} />
        <TextField
          label={t('portalHost')}
          {...text('host', 'host')}
          hint={t('portalHostHint')}
          placeholder="support.example.com"
        />
        <CheckField label={t('defaultPortal')} {...check('isDefault', 'is_default')} />
        <TextField
          label={t('brandColor')}
          {...text('brandColor', 'brand_color')}
          hint={t('brandColorHint')}
        />
        <TextField label={t('logoUrl')} type="url" {...text('logoUrl', 'logo_url')} />
        <ChoiceSet
          legend={t('categories')}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          selected={draft.categoryIds}
          onChange={(categoryIds) => set({ categoryIds })}
          error={errors.category_ids}
          empty={t('noCategories')}
        />
        <CheckField
          label={t('enableChat')}
          {...check('chatEnabled', 'chat_enabled')}
          hint={t('enableChatHint')}
        />
        <FormFooter
          save={save}
          shown={['name', 'host', 'is_default', 'brand_color', 'logo_url', 'category_ids', 'chat_enabled']}
          isNew={id === undefined}
          createLabel={t('portalCreate')}
        />
      </form>
      {id !== undefined && (
        <ConfirmDelete
          title={t('portalDelete')}
          question={t('portalDeleteConfirm')}
          pending={destroy.isPending}
          error={destroy.error}
          onConfirm={() => destroy.mutate()}
        />
      )}
    </section>
  );
}
