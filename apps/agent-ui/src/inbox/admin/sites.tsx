import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, followLink, navigate } from '../routes.js';
import {
  commonText,
  CopyButton,
  DeleteButton,
  Field,
  fieldErrorsOf,
  linesOf,
  useAccountConfiguration,
  useFocusOnMount,
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
  const c = useCatalogue(commonText);
  const [first] = rest;
  const sites = useAllSites();
  if (first === 'new') return <SiteForm site={null} />;
  if (first) {
    if (sites.isPending) return <p>{c('loading')}</p>;
    const site = sites.data?.find((candidate) => candidate.id === first);
    if (!site)
      return (
        <section className="admin-screen">
          <p role="alert">{t('notFound')}</p>
          <a href={adminPath('sites')} onClick={followLink}>
            {c('back')}
          </a>
        </section>
      );
    return <SiteForm key={site.id} site={site} />;
  }
  return <SiteList />;
}

function SiteList() {
  const t = useCatalogue(sitesText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const sites = useAllSites();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="admin-screen" aria-labelledby="sites-title">
      <div className="admin-head">
        <h2 id="sites-title" tabIndex={-1} ref={heading}>
          {t('title')}
        </h2>
        <a className="button" href={adminPath('sites', 'new')} onClick={followLink}>
          {t('add')}
        </a>
      </div>
      <p className="hint">{t('intro')}</p>
      {sites.isPending ? (
        <p>{c('loading')}</p>
      ) : sites.isError ? (
        <p className="error" role="alert">
          {errorText(sites.error, shared)}
        </p>
      ) : sites.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('id')}</th>
                <th scope="col">{t('originsCount')}</th>
              </tr>
            </thead>
            <tbody>
              {sites.data.map((site) => (
                <tr key={site.id}>
                  <td>
                    <a href={adminPath('sites', site.id)} onClick={followLink}>
                      {site.name}
                    </a>
                  </td>
                  <td>
                    <code>{site.id}</code>
                  </td>
                  <td>{site.allowed_origins.length ? site.allowed_origins.join(', ') : t('anyOrigin')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SiteForm({ site }: { site: AdminSite | null }) {
  const t = useCatalogue(sitesText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
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
      <a href={adminPath('sites')} onClick={followLink}>
        {c('back')}
      </a>
      <h2 id="site-form-title" tabIndex={-1} ref={heading}>
        {site ? t('editTitle', { name: site.name }) : t('newTitle')}
      </h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        {save.isError && (
          <p className="error" role="alert">
            {Object.keys(errors).length ? c('formErrors') : errorText(save.error, shared)}
          </p>
        )}
        {done && (
          <p className="notice" role="status">
            {c('saved')}
          </p>
        )}
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
        <div className="admin-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? c('saving') : c('save')}
          </button>
          {site && site.id !== 'default' && (
            <DeleteButton busy={remove.isPending} onConfirm={() => remove.mutate()} />
          )}
        </div>
        {remove.isError && (
          <p className="error" role="alert">
            {errorText(remove.error, shared)}
          </p>
        )}
      </form>
      {site && <Snippet siteId={site.id} />}
    </section>
  );
}

function Snippet({ siteId }: { siteId: string }) {
  const t = useCatalogue(sitesText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const configuration = useAccountConfiguration();
  const id = useId();
  return (
    <section className="admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('snippet')}</h3>
      <p className="hint">{t('snippetHint')}</p>
      {configuration.isPending ? (
        <p>{c('loading')}</p>
      ) : configuration.isError ? (
        <p className="error" role="alert">
          {errorText(configuration.error, shared)}
        </p>
      ) : (
        (() => {
          const code = embedSnippet({
            host: location.origin,
            appId: configuration.data.app_id,
            widgetToken: configuration.data.widget_token,
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
        })()
      )}
    </section>
  );
}
