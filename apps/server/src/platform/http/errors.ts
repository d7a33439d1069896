/**
 * The one error type. Stable codes map once to an HTTP status and to the Freshdesk-style body:
 * field errors → `{description, errors:[{field, message, code}]}`, the rest → `{code, message}`.
 */
export type FieldErrorCode =
  | 'missing_field'
  | 'invalid_value'
  | 'duplicate_value'
  | 'datatype_mismatch'
  | 'invalid_field'
  | 'readonly_field'
  | 'inconsistent_state'
  | 'max_size_exceeded';

export interface FieldError {
  field: string;
  message: string;
  code: FieldErrorCode;
  additional_info?: Record<string, unknown>;
}

export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'invalid_credentials'
  | 'access_denied'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'invalid_content_type'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal_error'
  /** A service this one calls on the caller's behalf (Chat's helpdesk) failed or refused. */
  | 'upstream_failed';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_credentials: 401,
  access_denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  invalid_content_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  upstream_failed: 502,
};

const MESSAGES: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  invalid_json: 'Request body has invalid json format',
  invalid_credentials: 'You have to be logged in to perform this action.',
  access_denied: 'You are not authorized to perform this action.',
  not_found: 'The requested resource was not found.',
  method_not_allowed: 'This HTTP method is not allowed on this resource.',
  not_acceptable: 'Only application/json responses are supported; check the Accept header.',
  invalid_content_type: "Content-Type header is not supported. Use 'application/json'.",
  payload_too_large: 'The request is too large.',
  rate_limited: 'You have exceeded the limit of requests per minute.',
  internal_error: 'We are sorry, something went wrong. Please try again.',
  upstream_failed: 'A service this request depends on failed.',
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fieldErrors: FieldError[] = [],
    /** 409 for uniqueness clashes, as Freshdesk does; otherwise the code's status. */
    statusOverride?: number,
    readonly headers: Record<string, string> = {},
    /** Extra top-level members of the error body (e.g. Chat's `helpdesk` explanation). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message ?? MESSAGES[code]);
    this.status = statusOverride ?? STATUS[code];
  }

  /** The response body in the documented Freshdesk shape. */
  body(): Record<string, unknown> {
    if (this.code === 'validation_failed')
      return { description: 'Validation failed', errors: this.fieldErrors };
    return { code: this.code, message: this.message };
  }
}

/** One or more field-level errors; 409 when every error is a uniqueness clash. */
export function validationError(errors: FieldError[]): AppError {
  const conflict = errors.length > 0 && errors.every((e) => e.code === 'duplicate_value');
  return new AppError('validation_failed', 'Validation failed', errors, conflict ? 409 : 400);
}

export function fieldError(field: string, code: FieldErrorCode, message: string): AppError {
  return validationError([{ field, code, message }]);
}

export const notFound = () => new AppError('not_found');
export const accessDenied = () => new AppError('access_denied');
export const duplicate = (field: string, additional_info?: Record<string, unknown>) =>
  validationError([
    {
      field,
      code: 'duplicate_value',
      message: 'It should be a unique value',
      ...(additional_info ? { additional_info } : {}),
    },
  ]);

/** Accumulates field errors so a request reports all of them at once. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, code: FieldErrorCode, message: string) {
    this.list.push({ field, code, message });
    return this;
  }
  get empty() {
    return this.list.length === 0;
  }
  throwIfAny() {
    if (this.list.length) throw validationError(this.list);
  }
}
