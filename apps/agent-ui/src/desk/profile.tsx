import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Me } from './api.js';
import { useI18n } from './i18n-context.js';

/** The agent's profile, and the API key: shown once, right after it is regenerated. */
export function Profile({ me }: { me: Me }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const regenerate = useMutation({
    mutationFn: async () => (await api.post<{ api_key: string }>('/agents/me/api_key')).data.api_key,
    onSettled: () => setConfirming(false),
  });

  return (
    <section className="card profile" aria-labelledby="profile-title">
      <h1 id="profile-title">{t('profileTitle')}</h1>
      <dl>
        <dt>{t('name')}</dt>
        <dd>{me.name}</dd>
        <dt>{t('email')}</dt>
        <dd>{me.email}</dd>
        <dt>{t('roles')}</dt>
        <dd>{me.roles.join(', ')}</dd>
      </dl>
      <h2>{t('apiKey')}</h2>
      <p>{t('apiKeyHelp')}</p>
      {regenerate.data && (
        <div className="new-key">
          <label htmlFor="new-api-key">{t('newApiKey')}</label>
          <input id="new-api-key" readOnly value={regenerate.data} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {regenerate.error && (
        <p className="error" role="alert">
          {t('genericError', { message: regenerate.error.message })}
        </p>
      )}
      {confirming ? (
        <div role="group" aria-labelledby="regen-confirm" className="confirm">
          <p id="regen-confirm">{t('regenerateConfirm')}</p>
          <button
            type="button"
            className="danger"
            onClick={() => regenerate.mutate()}
            disabled={regenerate.isPending}
          >
            {t('confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('regenerate')}
        </button>
      )}
    </section>
  );
}
