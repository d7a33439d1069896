import type { Translate } from './i18n.js';

/** One field's problem, as both products' APIs report it (Chat `details`, Desk `errors`). */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

/** A refused request: the HTTP status, the API's own message and its field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export interface ApiClient {
  /** A JSON request to the product's API; throws ApiError for a non-2xx answer. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/**
 * A small fetch wrapper for one product's API: bearer token from `token()`, JSON both ways,
 * errors as ApiError (Chat's `{message, details}` and Desk's `{description, errors}` alike).
 * `onUnauthorized` hears a 401 on an authenticated call (the session ended).
 */
export function createApiClient(options: {
  base: string;
  token: () => string | null;
  onUnauthorized?: () => void;
}): ApiClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const token = options.token();
      const response = await fetch(`${options.base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let data: unknown;
      try {
        data = text ? JSON.parse(text) : undefined;
      } catch {
        data = undefined;
      }
      if (response.ok) return data as T;
      if (response.status === 401 && token) options.onUnauthorized?.();
      const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
      const message =
        typeof record.message === 'string'
          ? record.message
          : typeof record.description === 'string'
            ? record.description
            : '';
      const list = Array.isArray(record.details)
        ? record.details
        : Array.isArray(record.errors)
          ? record.errors
          : [];
      const details = list.filter(
        (item): item is FieldProblem =>
          !!item && typeof item === 'object' && typeof (item as FieldProblem).message === 'string',
      );
      throw new ApiError(response.status, message, details, data);
    },
  };
}

/**
 * What to tell the agent about a failure, in plain words: the API's field messages (they name
 * the cause, e.g. a rule that blocks resolving), else its message, else the status.
 */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.details.length > 0) return error.details.map((problem) => problem.message).join(' ');
    if (error.message) return error.message;
    return t('error.status', { status: error.status });
  }
  return t('error.network');
}

/** An idempotency key for a send (crypto.randomUUID needs a secure context). */
export function clientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
