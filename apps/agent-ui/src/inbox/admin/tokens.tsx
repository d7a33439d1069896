import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import {
  AdminTable,
  commonText,
  CopyButton,
  ErrorAlert,
  Field,
  fieldErrorsOf,
  QueryState,
  useFocusOnMount,
} from './account-common.js';
import './tokens.css';

const en = {
  title: 'API tokens',
  intro:
    'Scripts and integrations call the Chat API (/v2) with a token: Authorization: Bearer <token>. A token acts with the rights of the admin who made it.',
  name: 'Token name',
  nameHint: 'What uses it, e.g. "CRM sync".',
  create: 'Create token',
  creating: 'Creating…',
  createdTitle: 'Token "{name}" created',
  createdOnce: 'Copy it now: it is shown this once and cannot be shown again.',
  tokenLabel: 'The new token',
  done: 'I have copied it',
  created: 'Created',
  lastUsed: 'Last used',
  never: 'Never',
  status: 'Status',
  active: 'Active',
  revoked: 'Revoked {time}',
  actions: 'Actions',
  revoke: 'Revoke',
  confirmRevoke: 'Confirm revoke',
  revokedDone: 'Token "{name}" revoked: calls with it are refused now.',
  empty: 'No tokens yet.',
  list: 'Tokens',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'API トークン',
  intro:
    'スクリプトや連携はトークンを使って Chat API（/v2）を呼び出します：Authorization: Bearer <トークン>。トークンは作成した管理者の権限で動作します。',
  name: 'トークン名',
  nameHint: '用途（例：「CRM 同期」）。',
  create: 'トークンを作成',
  creating: '作成中…',
  createdTitle: 'トークン「{name}」を作成しました',
  createdOnce: '今すぐコピーしてください。表示されるのはこの一度だけで、再表示はできません。',
  tokenLabel: '新しいトークン',
  done: 'コピーしました',
  created: '作成日時',
  lastUsed: '最終使用',
  never: '未使用',
  status: '状態',
  active: '有効',
  revoked: '{time} に無効化',
  actions: '操作',
  revoke: '無効化',
  confirmRevoke: '無効化を確定',
  revokedDone: 'トークン「{name}」を無効化しました。このトークンでの呼び出しは拒否されます。',
  empty: 'トークンはまだありません。',
  list: 'トークン一覧',
};

const tokensText = { en, ja } satisfies Catalogue<keyof typeof en>;

interface ApiToken {
  id: string;
  name: string;
  created_by: string | null;
  created_time: string;
  last_used_time: string | null;
  revoked_time: string | null;
}

/** Admin > API tokens: list, create (the secret shown once, with copy), revoke. */
export default function TokensScreen() {
  const t = useCatalogue(tokensText);
  const { language } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<(ApiToken & { token: string }) | null>(null);
  const [notice, setNotice] = useState('');
  const tokens = useQuery({
    queryKey: ['admin', 'api-tokens'],
    queryFn: () => client.request<{ api_tokens: ApiToken[] }>('GET', '/api_tokens'),
  });
  const create = useMutation({
    mutationFn: (tokenName: string) =>
      client.request<ApiToken & { token: string }>('POST', '/api_tokens', { name: tokenName }),
    onSuccess: (made) => {
      setFresh(made);
      setName('');
      setNotice('');
      void queries.invalidateQueries({ queryKey: ['admin', 'api-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => client.request<void>('DELETE', `/api_tokens/${token.id}`),
    onSuccess: (_, token) => {
      setNotice(t('revokedDone', { name: token.name }));
      void queries.invalidateQueries({ queryKey: ['admin', 'api-tokens'] });
    },
  });
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const time = (iso: string | null) => (iso ? format.format(new Date(iso)) : t('never'));
  const errors = fieldErrorsOf(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name);
  }

  return (
    <section className="admin-screen" aria-labelledby="tokens-title">
      <h2 id="tokens-title" tabIndex={-1} ref={heading}>
        {t('title')}
      </h2>
      <p className="hint">{t('intro')}</p>
      {fresh ? (
        <FreshToken token={fresh} onDone={() => setFresh(null)} />
      ) : (
        <form className="admin-form tokens-form" onSubmit={submit} noValidate>
          <Field label={t('name')} hint={t('nameHint')} error={errors.name}>
            {(props) => (
              <input
                {...props}
                value={name}
                maxLength={100}
                required
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <ErrorAlert error={errors.name ? null : create.error} />
          <div className="admin-actions">
            <button type="submit" disabled={create.isPending}>
              {create.isPending ? t('creating') : t('create')}
            </button>
          </div>
        </form>
      )}
      <p role="status" className="notice-line">
        {notice}
      </p>
      <ErrorAlert error={revoke.error} />
      <h3>{t('list')}</h3>
      <QueryState query={tokens} empty={t('empty')} isEmpty={(data) => data.api_tokens.length === 0}>
        {(data) => (
          <AdminTable columns={[t('name'), t('created'), t('lastUsed'), t('status'), t('actions')]}>
            {data.api_tokens.map((token) => (
              <tr key={token.id} className={token.revoked_time ? 'inactive' : undefined}>
                <th scope="row">{token.name}</th>
                <td>{time(token.created_time)}</td>
                <td>{time(token.last_used_time)}</td>
                <td>{token.revoked_time ? t('revoked', { time: time(token.revoked_time) }) : t('active')}</td>
                <td>
                  {!token.revoked_time && (
                    <RevokeButton
                      name={token.name}
                      busy={revoke.isPending}
                      onConfirm={() => revoke.mutate(token)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
      </QueryState>
    </section>
  );
}

/** The new token, shown this once, with a copy button; focus lands on it. */
function FreshToken({ token, onDone }: { token: ApiToken & { token: string }; onDone(): void }) {
  const t = useCatalogue(tokensText);
  const c = useCatalogue(commonText);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="tokens-fresh" role="region" aria-labelledby="tokens-fresh-title">
      <h3 id="tokens-fresh-title" tabIndex={-1} ref={heading}>
        {t('createdTitle', { name: token.name })}
      </h3>
      <p className="notice">{t('createdOnce')}</p>
      <div className="admin-copy-row">
        <input
          aria-label={t('tokenLabel')}
          readOnly
          value={token.token}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="fresh-token"
        />
        <CopyButton text={token.token} label={c('copy')} name={`${c('copy')}: ${t('tokenLabel')}`} />
      </div>
      <div className="admin-actions">
        <button type="button" className="secondary" onClick={onDone}>
          {t('done')}
        </button>
      </div>
    </div>
  );
}

/** Revoke asks for a second click (focus moves to it), with the token named for screen readers. */
function RevokeButton({ name, busy, onConfirm }: { name: string; busy: boolean; onConfirm(): void }) {
  const t = useCatalogue(tokensText);
  const [armed, setArmed] = useState(false);
  return armed ? (
    <ConfirmRevoke busy={busy} onConfirm={onConfirm} onCancel={() => setArmed(false)} />
  ) : (
    <button
      type="button"
      className="secondary"
      aria-label={`${t('revoke')}: ${name}`}
      onClick={() => setArmed(true)}
    >
      {t('revoke')}
    </button>
  );
}

function ConfirmRevoke({
  busy,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useCatalogue(tokensText);
  const c = useCatalogue(commonText);
  const confirm = useFocusOnMount<HTMLButtonElement>();
  return (
    <span className="admin-confirm">
      <button type="button" className="danger" disabled={busy} onClick={onConfirm} ref={confirm}>
        {t('confirmRevoke')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {c('cancel')}
      </button>
    </span>
  );
}
