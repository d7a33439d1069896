import { useMemo } from 'react';
import { errorText } from '../../shared/api.js';
import { useI18n, type CatalogueTranslate } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { explanationOf, helpdeskApi, type HelpdeskApi, type HelpdeskExplanation } from './helpdesk-api.js';
import { helpdeskText, type HelpdeskTextKey } from './helpdesk-text.js';

/* Pieces the Helpdesk screens share. */

export type HelpdeskT = CatalogueTranslate<HelpdeskTextKey>;
/** The admin section's path segment: /inbox/admin/helpdesk. */
export const SECTION_ID = 'helpdesk';
export const connectionKey = ['helpdesk', 'connection'] as const;
export const ticketFieldsKey = ['helpdesk', 'ticket-fields'] as const;
export const faqTreeKey = ['helpdesk', 'faq-tree'] as const;

/** The Helpdesk screens' API over the signed-in admin's client. */
export function useHelpdeskApi(): HelpdeskApi {
  const { client } = useInbox();
  return useMemo(() => helpdeskApi(client), [client]);
}

/** A helpdesk refusal: Chat's explanation and the helpdesk's own response, one click away. */
export function HelpdeskAnswer({ explanation, t }: { explanation: HelpdeskExplanation; t: HelpdeskT }) {
  const answer = explanation.answer;
  return (
    <details className="helpdesk-answer">
      <summary>{t('answer.summary')}</summary>
      <dl>
        <dt>{t('answer.explanation')}</dt>
        <dd>{explanation.message}</dd>
        {answer ? (
          <>
            <dt>{t('answer.status')}</dt>
            <dd>{answer.status}</dd>
            {answer.request_id && (
              <>
                <dt>{t('answer.requestId')}</dt>
                <dd>
                  <code>{answer.request_id}</code>
                </dd>
              </>
            )}
            <dt>{t('answer.body')}</dt>
            <dd>
              <pre>{answer.body}</pre>
            </dd>
          </>
        ) : (
          <>
            <dt>{t('answer.status')}</dt>
            <dd>{t('answer.none')}</dd>
          </>
        )}
      </dl>
    </details>
  );
}

/** A helpdesk screen's failed load: the reason in plain words, the helpdesk's answer and Retry. */
export function HelpdeskLoadError({ error, onRetry, t }: { error: unknown; onRetry(): void; t: HelpdeskT }) {
  const { t: tShared } = useI18n();
  const explanation = explanationOf(error);
  return (
    <div className="field-error" role="alert">
      <p className="error">{explanation ? causeText(explanation, t) : errorText(error, tShared)}</p>
      {explanation && <HelpdeskAnswer explanation={explanation} t={t} />}
      <button type="button" className="secondary" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

/** The plain-words reason of a helpdesk cause in the admin's language (Chat's own words otherwise). */
export function causeText(explanation: HelpdeskExplanation, t: HelpdeskT): string {
  const key = `cause.${explanation.cause}` as HelpdeskTextKey;
  return key in helpdeskText.en ? t(key) : explanation.message;
}
