import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useCatalogue, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, navigate } from '../routes.js';
import {
  AdminLink,
  CopyButton,
  Field,
  fieldErrorsOf,
  FormActions,
  FormHead,
  ItemRoute,
  linesOf,
  ListScreen,
  QueryState,
  SaveStatus,
  useAccountConfiguration,
} from './account-common.js';
import { embedSnippet } from './sites-snippet.js';

const en = {
  title: 'Sites',
  intro:
    'Each site (a website or portal) keeps its own users and conversations. Pages embed the widget with the site id.',
  add: 'Add a site',
  newTitle: 'New site',
  editTitle: 'Site {name}',
  id: 'Site id',
  idHint: 'Letters, digits, underscores or hyphens; it cannot be changed later.',
  name: 'Name',
  origins: 'Allowed origins',
  originsHint:
    'One per line, such as https://www.example.com. The widget starts only on pages of these origins; none allows every origin.',
  originsCount: 'Allowed origins',
  anyOrigin: 'Any',
  snippet: 'Embed code',
  snippetHint: 'Paste this where the pages of this site end.',
  snippetLabel: 'Embed code for site {id}',
  copySnippet: 'Copy embed code',
  empty: 'No sites yet.',
  notFound: 'This site does not exist.',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'サイト',
  intro:
    'サイト（ウェブサイトやポータル）ごとにユーザーと会話が分かれます。ページにはサイト ID を指定してウィジェットを埋め込みます。',
  add: 'サイトを追加',
  newTitle: '新しいサイト',
  editTitle: 'サイト {name}',
  id: 'サイト ID',
  idHint: '英数字、アンダースコア、ハイフン。後から変更できません。',
  name: '名前',
  origins: '許可するオリジン',
  originsHint:
    '1 行に 1 つ（例：https://www.example.com）。ウィジェットはこれらのオリジンのページでのみ動作します。空欄の場合はすべて許可されます。',
  originsCount: '許可するオリジン',
  anyOrigin: 'すべて',
  snippet: '埋め込みコード',
  snippetHint: 'このサイトのページの末尾に貼り付けてください。',
  snippetLabel: 'サイト {id} の埋め込みコード',
  copySnippet: '埋め込みコードをコピー',
  empty: 'サイトはまだありません。',
  notFound: 'このサイトは存在しません。',
};

const sitesText = { en, ja } satisfies Catalogue<keyof typeof en>;

/** A site (C3) as admins manage it; widget_settings is kept as read (the pre-chat screen edits it). */
export interface AdminSite {
  id: string;
  name: string;
  allowed_origins: string[];
  widget_settings: {
    prechat: {
      enabled: boolean;
      fields: { name: string; label: unknown; required: boolean }[];
      message?: { en?: string; ja?: string } | null;
    };
    greeting: { en?: string; ja?: string } | null;
    color: string | null;
    position: 'right' | 'left';
  };
}

/** Every site (pages of 50, followed). */
export function useAllSites() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'sites'],
    queryFn: async () => {
      const all: AdminSite[] = [];
      for (let page = 1; ; page++) {
        const res = await client.request<{ sites: AdminSite[]; pagination: { total_pages: number } }>(
          'GET',
          `/sites?items_per_page=50&page=${page}`,
        );
        all.push(...res.sites);
        if (page >= res.pagination.total_pages) return all;
      }
    },
  });
}

/** Admin > Sites: the list, a new site (`new`) or one site with its embed code (its id). */
export default function SitesScreen({ rest }: { rest: string[] }) {
  const t = useCatalogue(sitesText);
  return (
    <ItemRoute
      section="sites"
      first={rest[0]}
      query={useAllSites()}
      keyOf={(site) => site.id}
      list={() => <SiteList />}
      form={(site) => <SiteForm key={site?.id} site={site} />}
      notFound={t('notFound')}
    />
  );
}

function SiteList() {
  const t = useCatalogue(sitesText);
  return (
    <ListScreen
      section="sites"
      title={t('title')}
      addLabel={t('add')}
      intro={t('intro')}
      query={useAllSites()}
      empty={t('empty')}
      columns={[t('name'), t('id'), t('originsCount')]}
      row={(site) => (
        <tr key={site.id}>
          <td>
            <AdminLink href={adminPath('sites', site.id)}>{site.name}</AdminLink>
          </td>
          <td>
            <code>{site.id}</code>
          </td>
          <td>{site.allowed_origins.length ? site.allowed_origins.join(', ') : t('anyOrigin')}</td>
        </tr>
      )}
    />
  );
}

function SiteForm({ site }: { site: AdminSite | null }) {
  const t = useCatalogue(sitesText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const [id, setId] = useState(site?.id ?? '');
  const [name, setName] = useState(site?.name ?? '');
  const [origins, setOrigins] = useState(site?.allowed_origins.join('\n') ?? '');
  const [done, setDone] = useState(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      site
        ? client.request<AdminSite>('PUT', `/sites/${encodeURIComponent(site.id)}`, body)
        : client.request<AdminSite>('POST', '/sites', body),
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['admin', 'sites'] });
      if (site) {
        setOrigins(saved.allowed_origins.join('\n'));
        setDone(true);
      } else navigate(adminPath('sites', saved.id));
    },
  });
  const remove = useMutation({
    mutationFn: () => client.request<void>('DELETE', `/sites/${encodeURIComponent(site!.id)}`),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['admin', 'sites'] });
      navigate(adminPath('sites'));
    },
  });
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const body: Record<string, unknown> = { name, allowed_origins: linesOf(origins) };
    if (!site) body.id = id.trim();
    save.mutate(body);
  }

  return (
    <section className="admin-screen" aria-labelledby="site-form-title">
      <FormHead
        titleId="site-form-title"
        title={site ? t('editTitle', { name: site.name }) : t('newTitle')}
        backHref={adminPath('sites')}
      />
      <form className="admin-form" onSubmit={submit} noValidate>
        <SaveStatus failed={save.isError} error={save.error} errors={errors} done={done} />
        {!site && (
          <Field label={t('id')} hint={t('idHint')} error={errors.id}>
            {(props) => (
              <input
                {...props}
                autoComplete="off"
                spellCheck={false}
                value={id}
                onChange={(event) => setId(event.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('name')} error={errors.name}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label={t('origins')} hint={t('originsHint')} error={errors.allowed_origins}>
          {(props) => (
            <textarea
              {...props}
              rows={4}
              spellCheck={false}
              autoCapitalize="off"
              value={origins}
              onChange={(event) => setOrigins(event.target.value)}
            />
          )}
        </Field>
        <FormActions saving={save.isPending} remove={!!site && site.id !== 'default' && remove} />
      </form>
      {site && <Snippet siteId={site.id} />}
    </section>
  );
}

function Snippet({ siteId }: { siteId: string }) {
  const t = useCatalogue(sitesText);
  const id = useId();
  return (
    <section className="admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('snippet')}</h3>
      <p className="hint">{t('snippetHint')}</p>
      <QueryState query={useAccountConfiguration()}>
        {(configuration) => {
          const code = embedSnippet({
            host: location.origin,
            appId: configuration.app_id,
            widgetToken: configuration.widget_token,
            siteId,
          });
          return (
            <>
              <textarea
                className="admin-code"
                readOnly
                rows={7}
                aria-label={t('snippetLabel', { id: siteId })}
                value={code}
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton text={code} label={t('copySnippet')} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
