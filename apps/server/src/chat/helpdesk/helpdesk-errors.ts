import { AppError } from '../../platform/http/errors.js';
import type { HelpdeskError, HelpdeskProblem } from './helpdesk-client.js';

/**
 * Causes Chat explains beyond the transport/HTTP problem of helpdesk-client.ts: what the
 * helpdesk's refusal means for this admin or agent (I1, I7, B1).
 */
export type HelpdeskCause =
  | HelpdeskProblem
  /** The key's agent has no admin role (Account Administrator or Administrator). */
  | 'not_admin'
  /** The key's agent's ticket scope is not global. */
  | 'no_global_scope'
  /** The key's agent is an occasional (day-pass) agent. */
  | 'occasional_agent'
  /** A required ticket field is missing: unmapped, or mapped and empty for this conversation. */
  | 'required_field_missing'
  /** The customer's email was refused by the helpdesk (`value` holds it). */
  | 'invalid_email'
  /** No helpdesk is connected yet. */
  | 'not_connected';

/** The `helpdesk` member of a Chat error body when the helpdesk is why a request failed. */
export interface HelpdeskExplanation {
  cause: HelpdeskCause;
  /** Plain words for the admin or agent. */
  message: string;
  /** The ticket field (Freshdesk name, e.g. cf_order_id or email) or input concerned. */
  field?: string;
  value?: unknown;
  /** For rate limits: when the helpdesk accepts calls again (ISO time). */
  retry_at?: string;
  /** The helpdesk's own answer, verbatim: status, body, request id. */
  answer?: { status: number; body: string; request_id?: string };
}

export function explanationOf(
  error: HelpdeskError,
  override: Partial<HelpdeskExplanation> = {},
): HelpdeskExplanation {
  return {
    cause: error.problem,
    message: error.message,
    ...(error.retryAt ? { retry_at: error.retryAt.toISOString() } : {}),
    ...(error.answer
      ? {
          answer: {
            status: error.answer.status,
            body: error.answer.body,
            ...(error.answer.requestId ? { request_id: error.answer.requestId } : {}),
          },
        }
      : {}),
    ...override,
  };
}

/**
 * The error a route throws when the helpdesk is why it failed: HTTP 502 (BAD_GATEWAY) with Chat's
 * usual `{code, status, message}` plus `helpdesk: HelpdeskExplanation`, and field `details` when a
 * field is concerned, so clients that only read `details` still point at the right input.
 */
export function helpdeskFailure(explanation: HelpdeskExplanation, status = 502): AppError {
  return new AppError(
    'upstream_failed',
    explanation.message,
    explanation.field
      ? [{ field: explanation.field, code: 'invalid_value', message: explanation.message }]
      : [],
    status,
    explanation.retry_at
      ? {
          'retry-after': String(
            Math.max(0, Math.ceil((Date.parse(explanation.retry_at) - Date.now()) / 1000)),
          ),
        }
      : {},
    { helpdesk: explanation },
  );
}

/** 409: no helpdesk is connected yet (what every integration feature answers then). */
export function notConnectedFailure(): AppError {
  return helpdeskFailure(
    {
      cause: 'not_connected',
      message: 'No helpdesk is connected: an admin connects one under Integrations > Helpdesk.',
    },
    409,
  );
}
