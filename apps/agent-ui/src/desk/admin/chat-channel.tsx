import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, fieldErrorsOf, useChatChannel, type ChatChannel } from './admin-api.js';
import { adminText } from './admin-text.js';
import { CheckField, Loading, SaveError, TextField } from './form.js';
import { binder } from './record-editor.js';

/** What Chat itself answered when Desk's check failed (`additional_info` of the field error). */
function chatAnswerOf(error: unknown): { status: number; body: string } | undefined {
  if (!(error instanceof ApiError)) return undefined;
  for (const e of error.fieldErrors as { additional_info?: { chat_status?: number; chat_body?: string } }[]) {
    const info = e.additional_info;
    if (info?.chat_status !== undefined) return { status: info.chat_status, body: info.chat_body ?? '' };
  }
  return undefined;
}

interface ChannelDraft {
  enabled: boolean;
  chatUrl: string;
  appId: string;
  /** Secrets: typed values only; empty keeps what Desk has. */
  widgetToken: string;
  apiToken: string;
  identitySecret: string;
}

const draftOf = (c: ChatChannel): ChannelDraft => ({
  enabled: c.enabled,
  chatUrl: c.chat_url ?? '',
  appId: c.app_id ?? '',
  widgetToken: '',
  apiToken: '',
  identitySecret: '',
});

/**
 * Chat channel settings (GET/PUT /admin/chat_channel). Tokens are write-only here: a saved one
 * shows as "saved", never its value. Desk checks the settings against Chat on save and names the
 * field at fault; that message is shown under the field.
 */
export function ChatChannelSettings() {
  const t = useCatalogue(adminText);
  const client = useQueryClient();
  const channel = useChatChannel();
  const [draft, setDraft] = useState<ChannelDraft | null>(null);
  useEffect(() => {
    if (channel.data && !draft) setDraft(draftOf(channel.data));
  }, [channel.data, draft]);

  const save = useMutation({
    mutationFn: async (d: ChannelDraft) => {
      const body = {
        enabled: d.enabled,
        chat_url: d.chatUrl.trim() || null,
        app_id: d.appId.trim() || null,
        ...(d.widgetToken.trim() ? { widget_token: d.widgetToken.trim() } : {}),
        ...(d.apiToken.trim() ? { api_token: d.apiToken.trim() } : {}),
        ...(d.identitySecret.trim() ? { identity_secret: d.identitySecret.trim() } : {}),
      };
      return (await api.put<ChatChannel>('/admin/chat_channel', body)).data;
    },
    onSuccess: (saved) => {
      client.setQueryData(ADMIN_KEYS.chat, saved);
      // Saved secrets are not kept in the page once Desk has them.
      setDraft(draftOf(saved));
    },
  });

  if (!channel.data || !draft) return <Loading error={channel.error} />;
  const current = save.data ?? channel.data;
  const errors = fieldErrorsOf(save.error);
  const set = (patch: Partial<ChannelDraft>) => setDraft({ ...draft, ...patch });
  const { text, check } = binder(draft, set, errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const secretHint = (isSet: boolean) => (isSet ? t('secretSaved') : t('secretNotSet'));
  const chatAnswer = chatAnswerOf(save.error);

  return (
    <section aria-labelledby="chat-title">
      <h1 id="chat-title">{t('chatTitle')}</h1>
      <p className="hint">{t('chatHint')}</p>
      <form className="admin-form card" onSubmit={submit} noValidate>
        <CheckField label={t('chatEnabled')} {...check('enabled', 'enabled')} />
        <TextField
          label={t('chatUrl')}
          type="url"
          {...text('chatUrl', 'chat_url')}
          placeholder="https://chat.example.com"
        />
        <TextField label={t('appId')} {...text('appId', 'app_id')} hint={t('appIdHint')} />
        <TextField
          label={t('widgetToken')}
          type="password"
          autoComplete="new-password"
          {...text('widgetToken', 'widget_token')}
          hint={secretHint(Boolean(current.widget_token))}
        />
        <TextField
          label={t('apiToken')}
          type="password"
          autoComplete="new-password"
          {...text('apiToken', 'api_token')}
          hint={`${secretHint(current.api_token_set)} ${t('apiTokenHint')}`}
        />
        <TextField
          label={t('identitySecret')}
          type="password"
          autoComplete="new-password"
          {...text('identitySecret', 'identity_secret')}
          hint={secretHint(current.identity_secret_set)}
        />
        <SaveError
          error={save.error}
          shown={['enabled', 'chat_url', 'app_id', 'widget_token', 'api_token', 'identity_secret']}
        />
        {chatAnswer && (
          <details className="chat-answer">
            <summary>{t('chatAnswer', { status: chatAnswer.status })}</summary>
            <pre>{chatAnswer.body || t('chatAnswerEmpty')}</pre>
          </details>
        )}
        {save.isSuccess && !save.isPending && (
          <p role="status" className="success">
            {t('saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('verifying') : t('save')}
          </button>
        </div>
      </form>
      <div className="card status-card">
        <h2>{t('chatStatus')}</h2>
        <p>
          {current.verified_at
            ? t('verifiedAt', { time: new Date(current.verified_at).toLocaleString() })
            : t('notVerified')}
        </p>
        <h3>{t('chatSites')}</h3>
        <p>{current.sites.message}</p>
        {current.sites.required.length > 0 && (
          <ul>
            {current.sites.required.map((site) => (
              <li key={site.site_id}>
                <code>{site.site_id}</code> — {site.allowed_origins.join(', ')}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
