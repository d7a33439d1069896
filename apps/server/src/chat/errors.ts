import { AppError, type ErrorCode } from '../platform/http/errors.js';

const STATUS_NAMES: Record<ErrorCode, string> = {
  validation_failed: 'VALIDATION_FAILED',
  invalid_json: 'INVALID_JSON',
  invalid_credentials: 'UNAUTHORIZED',
  access_denied: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  not_acceptable: 'NOT_ACCEPTABLE',
  invalid_content_type: 'UNSUPPORTED_MEDIA_TYPE',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  rate_limited: 'TOO_MANY_REQUESTS',
  internal_error: 'INTERNAL_SERVER_ERROR',
  upstream_failed: 'BAD_GATEWAY',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_credentials: 'A valid API token is required: Authorization: Bearer <token>.',
  access_denied: 'This token or agent may not perform this action.',
};

/**
 * A specific message given where the error was raised wins (e.g. "The widget session has
 * expired."); the platform's generic text is worded for Chat's API; a 5xx never shows its own.
 */
function messageOf(error: AppError): string {
  if (error.code === 'validation_failed') return 'Validation failed';
  const generic = new AppError(error.code).message;
  if ((error.status < 500 || error.code === 'upstream_failed') && error.message !== generic)
    return error.message;
  return MESSAGES[error.code] ?? generic;
}

/**
 * Chat's error body, after the Freshchat v2 model (chat-v2.md B1): `{code, status, message}` with
 * the numeric HTTP status, an UPPER_SNAKE status name and, for validation, field-level `details`.
 */
export function chatErrorBody(error: AppError): Record<string, unknown> {
  const conflict = error.status === 409;
  return {
    code: error.status,
    status: conflict ? 'CONFLICT' : STATUS_NAMES[error.code],
    message: messageOf(error),
    ...(error.fieldErrors.length
      ? { details: error.fieldErrors.map(({ field, code, message }) => ({ field, code, message })) }
      : {}),
    ...error.extra,
  };
}
