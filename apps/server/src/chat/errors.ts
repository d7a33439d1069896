import type { AppError, ErrorCode } from '../platform/http/errors.js';

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
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_credentials: 'A valid API token is required: Authorization: Bearer <token>.',
  access_denied: 'This token or agent may not perform this action.',
};

/**
 * Chat's error body, after the Freshchat v2 model (chat-v2.md B1): `{code, status, message}` with
 * the numeric HTTP status, an UPPER_SNAKE status name and, for validation, field-level `details`.
 */
export function chatErrorBody(error: AppError): Record<string, unknown> {
  const conflict = error.status === 409;
  return {
    code: error.status,
    status: conflict ? 'CONFLICT' : STATUS_NAMES[error.code],
    message:
      error.code === 'validation_failed' ? 'Validation failed' : (MESSAGES[error.code] ?? error.message),
    ...(error.fieldErrors.length
      ? { details: error.fieldErrors.map(({ field, code, message }) => ({ field, code, message })) }
      : {}),
  };
}
