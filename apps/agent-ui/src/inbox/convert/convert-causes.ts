import type { Language } from '../../shared/i18n.js';
import type { ConversionField, HelpdeskExplanation } from '../chat-api.js';
import { convertText, type ConvertKey } from './convert-text.js';

/* A refused conversion in plain words, in the agent's language (the API's own text is English). */

/** The time a queued conversion runs, or a rate limit lifts, in the agent's language. */
export function timeText(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

/** The cause of a refusal in plain words, with the field's label, the refused value, the retry time. */
export function causeText(
  t: (key: ConvertKey, params?: Record<string, string | number>) => string,
  explanation: HelpdeskExplanation,
  fields: ConversionField[],
  language: Language,
): string {
  const key = `cause.${explanation.cause}`;
  const known = key in convertText.en ? (key as ConvertKey) : 'cause.other';
  const field = fields.find((f) => f.name === explanation.field);
  return t(known, {
    label: field?.label ?? explanation.field ?? '',
    value:
      explanation.value === undefined || explanation.value === null ? '' : `“${String(explanation.value)}”`,
    time: explanation.retry_at ? timeText(explanation.retry_at, language) : '',
  });
}

/** The shown field a refusal concerns: its own name, or the requester for a refused email. */
export function fieldOfProblem(
  explanation: HelpdeskExplanation,
  shown: ConversionField[],
): string | undefined {
  if (!explanation.field) return undefined;
  if (shown.some((f) => f.name === explanation.field)) return explanation.field;
  if (explanation.cause === 'invalid_email') return shown.find((f) => f.type === 'default_requester')?.name;
  return undefined;
}
