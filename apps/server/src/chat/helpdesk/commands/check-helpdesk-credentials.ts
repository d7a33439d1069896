import { AppError } from '../../../platform/http/errors.js';
import type { ChatServices } from '../../context.js';
import type { HelpdeskKeyOwner } from '../../db.js';
import { HelpdeskError, normalizeHelpdeskUrl, type HelpdeskClient } from '../helpdesk-client.js';
import { helpdeskClientFor } from '../helpdesk-connection.js';
import {
  explanationOf,
  helpdeskFailure,
  type HelpdeskCause,
  type HelpdeskExplanation,
} from '../helpdesk-errors.js';
import { inspectKeyOwner } from '../key-owner.js';

/** Causes the admin fixes in the URL field. */
const URL_CAUSES = new Set<HelpdeskCause>([
  'malformed_url',
  'unreachable',
  'timeout',
  'tls_error',
  'blocked_address',
  'not_a_helpdesk',
]);
/** Causes the admin fixes with another key (or by changing its agent in the helpdesk). */
const KEY_CAUSES = new Set<HelpdeskCause>([
  'invalid_key',
  'access_denied',
  'not_admin',
  'no_global_scope',
  'occasional_agent',
]);

/**
 * A failed Authenticate as the admin sees it: the input field concerned (`url` or `api_key`)
 * and the helpdesk's own answer. A malformed URL is a plain 400 validation error on `url` (no
 * helpdesk was called); every other failure is a 502 with the helpdesk explanation.
 */
export function credentialsFailure(explanation: HelpdeskExplanation): AppError {
  const field = URL_CAUSES.has(explanation.cause)
    ? 'url'
    : KEY_CAUSES.has(explanation.cause)
      ? 'api_key'
      : undefined;
  const explained = field ? { ...explanation, field } : explanation;
  if (explanation.cause === 'malformed_url')
    return new AppError(
      'validation_failed',
      explanation.message,
      [{ field: 'url', code: 'invalid_value', message: explanation.message }],
      400,
      {},
      { helpdesk: explained },
    );
  return helpdeskFailure(explained);
}

/** Who owns the key the client calls with, or the failure explaining why Chat cannot use it. */
export async function verifyKeyOwner(client: HelpdeskClient) {
  try {
    return await inspectKeyOwner(client);
  } catch (error) {
    if (error instanceof HelpdeskError) throw credentialsFailure(explanationOf(error));
    throw error;
  }
}

/**
 * Authenticate (I1): the typed URL normalized, then GET /agents/me and /roles with the key. Passes
 * only for a full-time administrator with global ticket scope; any other outcome throws the
 * failure naming the field. Nothing is saved here.
 */
export async function checkHelpdeskCredentials(
  services: ChatServices,
  url: string,
  apiKey: string,
): Promise<{ url: string; owner: HelpdeskKeyOwner }> {
  let baseUrl: string;
  try {
    baseUrl = normalizeHelpdeskUrl(url);
  } catch (error) {
    if (error instanceof HelpdeskError) throw credentialsFailure(explanationOf(error));
    throw error;
  }
  const { owner, refusal } = await verifyKeyOwner(helpdeskClientFor(services, baseUrl, apiKey));
  if (refusal) throw credentialsFailure(refusal);
  return { url: baseUrl, owner };
}
