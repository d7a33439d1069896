import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, fieldErrorsOf, remove, useCategories, usePortals, type Portal } from './admin-api.js';
import { adminText } from './admin-text.js';
import { CheckField, ChoiceSet, ConfirmDelete, Loading, SaveError, TextField } from './form.js';

/** All portals with their address and whether chat is on; links to edit each and to add one. */
export function PortalList() {
  const t = useCatalogue(adminText);
  const portals = usePortals();
  const { params } = useLocation();
  return (
    <section aria-labelledby="portals-title">
      <div className="admin-head">
        <h1 id="portals-title">{t('portalsTitle')}</h1>
        <Link className="button primary" href="/a/admin/portals/new">
          {t('portalNew')}
        </Link>
      </div>
      {params.get('deleted') === '1' && (
        <p role="status" className="success">
          {t('deleted')}
        </p>
      )}
      {!portals.data ? (
        <Loading error={portals.error} />
      ) : (
        <div className="table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('portalUrl')}</th>
                <th scope="col">{t('chat')}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
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
  const { params } = useLocation();
  const categories = useCategories();
  const portal = useQuery({
    queryKey: ['admin', 'portal', id],
    queryFn: async () => (await api.get<Portal>(`/portals/${id}`)).data,
    enabled: id !== undefined,
  });
  const [draft, setDraft] = useState<PortalDraft | null>(
    id === undefined
      ? {
          name: '',
          host: '',
          isDefault: false,
          brandColor: '#0b57c5',
          logoUrl: '',
          chatEnabled: false,
          categoryIds: [],
        }
      : null,
  );
  useEffect(() => {
    if (portal.data && !draft) setDraft(draftOf(portal.data));
  }, [portal.data, draft]);

  const save = useMutation({
    mutationFn: async (d: PortalDraft) => {
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
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.portals });
      // Chat-enabled portals are the sites the chat channel lists.
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.chat });
      client.setQueryData(['admin', 'portal', saved.id], saved);
      setDraft(draftOf(saved));
      if (id === undefined) navigate(`/a/admin/portals/${saved.id}?saved=1`);
    },
  });
  const destroy = useMutation({
    mutationFn: () => remove(`/portals/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.portals });
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.chat });
      navigate('/a/admin/portals?deleted=1');
    },
  });

  if (id !== undefined && !portal.data) return <Loading error={portal.error} />;
  if (!draft) return <Loading />;
  const errors = fieldErrorsOf(save.error);
  const set = (patch: Partial<PortalDraft>) => setDraft({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const saved = (save.isSuccess || params.get('saved') === '1') && !save.isPending && !save.error;

  return (
    <section aria-labelledby="portal-title">
      <p>
        <Link href="/a/admin/portals">{t('backToPortals')}</Link>
      </p>
      <h1 id="portal-title">{portal.data ? t('portalEdit', { name: portal.data.name }) : t('portalNew')}</h1>
      {portal.data && (
        <p>
          {t('portalUrl')}:{' '}
          <a href={portal.data.portal_url} target="_blank" rel="noreferrer">
            {portal.data.portal_url}
          </a>
        </p>
      )}
      <form className="admin-form card" onSubmit={submit} noValidate>
        <TextField
          label={t('name')}
          required
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errors.name}
        />
        <TextField
          label={t('portalHost')}
          value={draft.host}
          onChange={(host) => set({ host })}
          error={errors.host}
          hint={t('portalHostHint')}
          placeholder="support.example.com"
        />
        <CheckField
          label={t('defaultPortal')}
          checked={draft.isDefault}
          onChange={(isDefault) => set({ isDefault })}
          error={errors.is_default}
        />
        <TextField
          label={t('brandColor')}
          value={draft.brandColor}
          onChange={(brandColor) => set({ brandColor })}
          error={errors.brand_color}
          hint={t('brandColorHint')}
        />
        <TextField
          label={t('logoUrl')}
          type="url"
          value={draft.logoUrl}
          onChange={(logoUrl) => set({ logoUrl })}
          error={errors.logo_url}
        />
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
          checked={draft.chatEnabled}
          onChange={(chatEnabled) => set({ chatEnabled })}
          error={errors.chat_enabled}
          hint={t('enableChatHint')}
        />
        <SaveError
          error={save.error}
          shown={['name', 'host', 'is_default', 'brand_color', 'logo_url', 'category_ids', 'chat_enabled']}
        />
        {saved && (
          <p role="status" className="success">
            {t('saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : id === undefined ? t('portalCreate') : t('save')}
          </button>
        </div>
      </form>
      {id !== undefined && (
        <ConfirmDelete
          title={t('portalDelete')}
          question={t('portalDeleteConfirm')}
          confirm={t('confirmDelete')}
          cancel={t('cancel')}
          pending={destroy.isPending}
          error={destroy.error}
          onConfirm={() => destroy.mutate()}
        />
      )}
    </section>
  );
}
