import { useState, type FormEvent } from 'react';
import { ApiError } from './api.js';
import { useI18n } from './i18n-context.js';
import { useSignIn } from './session.js';

export function SignIn() {
  const { t } = useI18n();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  let error: string | undefined;
  if (signIn.error instanceof ApiError) {
    const e = signIn.error;
    if (e.status === 429) error = t('throttled', { seconds: e.retryAfter ?? 60 });
    else if (e.status === 403) error = t('deactivated');
    else if (e.status === 401 || e.status === 400) error = t('badCredentials');
    else error = t('genericError', { message: e.message });
  } else if (signIn.error) error = t('genericError', { message: signIn.error.message });

  return (
    <main id="main" className="centered">
      <form className="card sign-in" onSubmit={submit} noValidate>
        <h1>{t('signInTitle')}</h1>
        <label htmlFor="sign-in-email">{t('email')}</label>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <label htmlFor="sign-in-password">{t('password')}</label>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        {error && (
          <p id="sign-in-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
