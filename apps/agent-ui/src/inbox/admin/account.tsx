import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useCatalogue, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import {
  CopyButton,
  ErrorAlert,
  Field,
  QueryState,
  useAccountConfiguration,
  useFocusOnMount,
} from './account-common.js';

const en = {
  title: 'Account settings',
  integration: 'Integration settings',
  integrationHint:
    'The widget on your sites and a linked helpdesk identify this Chat account with these values.',
  appId: 'App id',
  widgetToken: 'Widget token',
  copyAppId: 'Copy app id',
  copyToken: 'Copy widget token',
  identity: 'Identity verification',
  identityHint:
    'When on, the widget accepts an external id only with its signature (HMAC-SHA256 of the id) or a JWT (HS256) made with the secret below, so nobody can open another user’s conversations.',
  identityOn: 'Verify user identities',
  identityNoSecret: 'Generate a secret before your pages start signing ids.',
  secretSet: 'A secret is set.',
  secretNone: 'No secret yet.',
  rotate: 'Generate a new secret',
  rotateHint: 'A new secret replaces the old one at once: ids signed with the old one are refused.',
  secret: 'New secret (shown only now)',
  copySecret: 'Copy secret',
  on: 'On',
  off: 'Off',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'アカウント設定',
  integration: '連携設定',
  integrationHint:
    'サイトのウィジェットや連携するヘルプデスクは、これらの値でこの Chat アカウントを識別します。',
  appId: 'アプリ ID',
  widgetToken: 'ウィジェットトークン',
  copyAppId: 'アプリ ID をコピー',
  copyToken: 'ウィジェットトークンをコピー',
  identity: '本人確認',
  identityHint:
    'オンにすると、ウィジェットは下のシークレットで作成した署名（ID の HMAC-SHA256）または JWT（HS256）付きの外部 ID のみを受け付けます。他のユーザーの会話を開かれることを防ぎます。',
  identityOn: 'ユーザーの本人確認を行う',
  identityNoSecret: 'ページで ID に署名する前にシークレットを生成してください。',
  secretSet: 'シークレットは設定済みです。',
  secretNone: 'シークレットはまだありません。',
  rotate: '新しいシークレットを生成',
  rotateHint:
    '新しいシークレットはすぐに古いものを置き換えます。古いシークレットで署名された ID は拒否されます。',
  secret: '新しいシークレット（今回のみ表示）',
  copySecret: 'シークレットをコピー',
  on: 'オン',
  off: 'オフ',
};

const accountText = { en, ja } satisfies Catalogue<keyof typeof en>;

interface IdentitySettings {
  enabled: boolean;
  secret_set: boolean;
}

/** Admin > Account settings: Integration settings (app id, widget token) and identity verification. */
export default function AccountScreen() {
  const t = useCatalogue(accountText);
  const configuration = useAccountConfiguration();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const id = useId();
  return (
    <section className="admin-screen" aria-labelledby="account-title">
      <h2 id="account-title" tabIndex={-1} ref={heading}>
        {t('title')}
      </h2>
      <section className="admin-subsection" aria-labelledby={`${id}-integration`}>
        <h3 id={`${id}-integration`}>{t('integration')}</h3>
        <p className="hint">{t('integrationHint')}</p>
        <QueryState query={configuration}>
          {(config) => (
            <>
              <Field label={t('appId')}>
                {(props) => (
                  <div className="admin-copy-row">
                    <input {...props} readOnly value={config.app_id} spellCheck={false} />
                    <CopyButton text={config.app_id} label={t('copyAppId')} />
                  </div>
                )}
              </Field>
              <Field label={t('widgetToken')}>
                {(props) => (
                  <div className="admin-copy-row">
                    <input {...props} readOnly value={config.widget_token} spellCheck={false} />
                    <CopyButton text={config.widget_token} label={t('copyToken')} />
                  </div>
                )}
              </Field>
            </>
          )}
        </QueryState>
      </section>
      <IdentityVerification />
    </section>
  );
}

function IdentityVerification() {
  const t = useCatalogue(accountText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const id = useId();
  const key = ['admin', 'identity-verification'];
  const settings = useQuery({
    queryKey: key,
    queryFn: () => client.request<IdentitySettings>('GET', '/accounts/identity_verification'),
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) =>
      client.request<IdentitySettings>('PUT', '/accounts/identity_verification', { enabled }),
    onSuccess: (next) => queries.setQueryData(key, next),
  });
  const rotate = useMutation({
    mutationFn: () => client.request<{ secret: string }>('POST', '/accounts/identity_verification/secret'),
    onSuccess: () => queries.invalidateQueries({ queryKey: key }),
  });
  return (
    <section className="admin-subsection" aria-labelledby={`${id}-identity`}>
      <h3 id={`${id}-identity`}>{t('identity')}</h3>
      <p className="hint">{t('identityHint')}</p>
      <QueryState query={settings}>
        {(current) => (
          <>
            <label className="admin-check">
              <input
                type="checkbox"
                checked={current.enabled}
                disabled={toggle.isPending}
                onChange={(event) => toggle.mutate(event.target.checked)}
              />
              {t('identityOn')}
            </label>
            <p role="status" className="hint">
              {t('identity')}: {current.enabled ? t('on') : t('off')}.{' '}
              {current.secret_set ? t('secretSet') : t('secretNone')}
              {current.enabled && !current.secret_set ? ` ${t('identityNoSecret')}` : ''}
            </p>
            <ErrorAlert error={toggle.error} />
            <p className="hint">{t('rotateHint')}</p>
            <button
              type="button"
              className="secondary"
              disabled={rotate.isPending}
              onClick={() => rotate.mutate()}
            >
              {t('rotate')}
            </button>
            <ErrorAlert error={rotate.error} />
            {rotate.data && (
              <Field label={t('secret')}>
                {(props) => (
                  <div className="admin-copy-row">
                    <input {...props} readOnly value={rotate.data.secret} spellCheck={false} />
                    <CopyButton text={rotate.data.secret} label={t('copySecret')} />
                  </div>
                )}
              </Field>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
