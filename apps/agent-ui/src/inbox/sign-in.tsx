import { useId, useState, type FormEvent } from 'react';
import { errorText } from '../shared/api.js';
import { useI18n } from '../shared/i18n.js';
import { LanguageSelect } from '../shared/language-select.js';
import type { ChatApi, Session } from './chat-api.js';

/** Email and password → an inbox session (POST /v2/sessions); the API's refusal shown in place. */
export function SignIn({
  api,
  notice,
  onSignedIn,
}: {
  api: ChatApi;
  notice: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { token, agent } = await api.signIn(email.trim(), password);
      onSignedIn({ token, agent });
    } catch (failure) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
        <h1 id={`${id}-title`}>{t('signIn.title')}</h1>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor={`${id}-email`}>{t('signIn.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !email.trim() || !password}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <LanguageSelect />
      </form>
    </main>
  );
}
