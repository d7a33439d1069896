import { useId, useState, type FormEvent } from 'react';
import { errorText } from '../shared/api.js';
import { useI18n } from '../shared/i18n.js';
import { LanguageSelect } from '../shared/language-select.js';
import type { ChatApi } from './chat-api.js';
import { followLink } from './routes.js';

/** The page of an agent invitation link: set a password (POST /v2/agent-invitations/:token/accept). */
export function Invitation({ api, token }: { api: ChatApi; token: string }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) return setError(t('invite.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await api.acceptInvitation(token, password);
      setDone(true);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
        <h1 id={`${id}-title`}>{t('invite.title')}</h1>
        {done ? (
          <>
            <p role="status">{t('invite.done')}</p>
            <a className="button" href="/inbox/" onClick={followLink}>
              {t('invite.signIn')}
            </a>
          </>
        ) : (
          <>
            <p>{t('invite.intro')}</p>
            <label htmlFor={`${id}-password`}>{t('invite.password')}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              minLength={10}
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            <label htmlFor={`${id}-confirm`}>{t('invite.confirm')}</label>
            <input
              id={`${id}-confirm`}
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {error && (
              <p id={`${id}-error`} className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" disabled={busy || !password || !confirm}>
              {t('invite.submit')}
            </button>
          </>
        )}
        <LanguageSelect />
      </form>
    </main>
  );
}
