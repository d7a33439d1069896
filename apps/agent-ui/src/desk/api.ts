/**
 * The Desk agent UI speaks only Desk's HTTP API: /api/_session for sign-in, and the same
 * Freshdesk v2 API as any client, authenticated by the session cookie plus `X-CSRF-Token`.
 */

export interface FieldError {
  field: string;
  message: string;
  code: string;
}

/** A refused request: the status and Desk's error body (field errors when validation failed). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body:
      { code?: string; message?: string; description?: string; errors?: FieldError[] } | undefined,
    readonly retryAfter?: number,
  ) {
    super(body?.message ?? body?.description ?? `HTTP ${status}`);
  }
  get fieldErrors(): FieldError[] {
    return this.body?.errors ?? [];
  }
}

let csrfToken: string | undefined;

/** The token of the current session, echoed on every API call. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, data as ApiError['body'], Number.isFinite(retry) ? retry : undefined);
  }
  return { data: data as T, headers: response.headers };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', `/api/v2${path}`),
  post: <T>(path: string, body?: unknown) => request<T>('POST', `/api/v2${path}`, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', `/api/v2${path}`, body ?? {}),
};

/** The signed-in agent as GET /api/_session answers it. */
export interface Me {
  id: number;
  name: string;
  email: string | null;
  roles: string[];
  ticket_scope: number;
  group_ids: number[];
  csrf_token: string;
}

export interface Ticket {
  id: number;
  subject: string;
  description?: string;
  description_text?: string;
  status: number;
  priority: number;
  group_id: number | null;
  responder_id: number | null;
  requester_id: number;
  created_at: string;
  updated_at: string;
  due_by?: string;
  deleted?: boolean;
  custom_fields: Record<string, unknown>;
  requester?: { id: number; name: string; email: string | null };
  conversations?: Conversation[];
}

export interface Conversation {
  id: number;
  body: string;
  body_text: string;
  incoming: boolean;
  private: boolean;
  user_id: number;
  created_at: string;
}

export interface TicketField {
  id: number;
  name: string;
  label: string;
  type: string;
  default: boolean;
  required_for_agents: boolean;
  choices?: unknown;
  position: number;
}

export interface Group {
  id: number;
  name: string;
}

export interface Agent {
  id: number;
  contact: { name: string; email: string | null };
}

/** `rel="next"` of a Link header: whether another page follows. */
export const hasNextPage = (headers: Headers) => /rel="?next"?/.test(headers.get('link') ?? '');

/**
 * `request` with extra headers (e.g. `If-Match`) and an optional FormData body sent as multipart
 * (the browser sets the boundary); JSON otherwise. Used by the ticket page (src/desk/tickets).
 */
export async function requestWith<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const body = options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined);
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body ? { body } : {}),
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, data as ApiError['body']);
  return { data: data as T, headers: response.headers };
}

/** A file from the API as a Blob (attachment downloads need the session's CSRF header too). */
export async function fetchBlob(path: string): Promise<Blob> {
  const response = await fetch(path, {
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    credentials: 'same-origin',
  });
  if (!response.ok) throw new ApiError(response.status, undefined);
  return response.blob();
}
