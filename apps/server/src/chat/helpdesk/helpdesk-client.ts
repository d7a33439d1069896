import { OutboundBlockedError, outboundRequest } from '../../platform/http/outbound.js';

/*
 * Chat's only way to a helpdesk: the public Freshdesk v2 API at the URL and with the key an admin
 * entered, so it works against Desk and against any server that speaks that API. Every failure
 * becomes a HelpdeskError with a precise reason, the helpdesk's own status and body, and (for
 * validation errors) its field errors: what the admin or agent is shown, in plain words.
 */

/** Why a call to the helpdesk failed; stable codes the API and the UI explain. */
export type HelpdeskProblem =
  /** The URL the admin typed is not an http(s) URL. */
  | 'malformed_url'
  /** Nothing answered: DNS failure, connection refused or reset, host unreachable. */
  | 'unreachable'
  /** The helpdesk did not answer in time. */
  | 'timeout'
  /** The TLS handshake failed (self-signed or expired certificate, wrong host name, not TLS). */
  | 'tls_error'
  /** The URL names a private or loopback address and such addresses are not allowed. */
  | 'blocked_address'
  /** Something answered, but not a Freshdesk v2 API (HTML, wrong JSON shape, 404 on the API). */
  | 'not_a_helpdesk'
  /** 401: the key is wrong, revoked, or its agent deactivated. */
  | 'invalid_key'
  /** 403: the key's agent may not do this. */
  | 'access_denied'
  /** 429: the helpdesk's rate limit; `retryAt` says when to try again. */
  | 'rate_limited'
  /** 400/409: the helpdesk refused the data; `fieldErrors` name the fields. */
  | 'validation_failed'
  /** 404 on an object (a ticket, a folder) that the API otherwise serves. */
  | 'not_found'
  /** Any other answer (5xx, unexpected status). */
  | 'helpdesk_error';

export interface HelpdeskFieldError {
  field: string;
  message: string;
  code: string;
}

/** What the helpdesk itself answered: shown to agents "one click away" (I7, B1). */
export interface HelpdeskAnswer {
  status: number;
  /** The body as text (at most 64 KiB kept). */
  body: string;
  /** The helpdesk's request id, when it sent one (X-Request-Id). */
  requestId?: string;
}

export class HelpdeskError extends Error {
  readonly problem: HelpdeskProblem;
  readonly answer: HelpdeskAnswer | undefined;
  readonly fieldErrors: HelpdeskFieldError[];
  /** For rate_limited: when the helpdesk accepts calls again. */
  readonly retryAt: Date | undefined;

  constructor(
    problem: HelpdeskProblem,
    message: string,
    extra: {
      answer?: HelpdeskAnswer;
      fieldErrors?: HelpdeskFieldError[];
      retryAt?: Date;
      cause?: unknown;
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'HelpdeskError';
    this.problem = problem;
    this.answer = extra.answer;
    this.fieldErrors = extra.fieldErrors ?? [];
    this.retryAt = extra.retryAt;
  }
}

export interface HelpdeskCredentials {
  /** The portal URL as the admin entered it (normalised by normalizeHelpdeskUrl). */
  url: string;
  apiKey: string;
}

export interface HelpdeskClientOptions {
  /** Let calls reach loopback and private networks (a self-hosted LAN, the local Desk, tests). */
  allowPrivateNetworks: boolean;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export interface HelpdeskResponse<T> {
  status: number;
  data: T;
  /** The next page's URL from the Link header (rel="next"), if any. */
  next: string | undefined;
  rateLimit: { total: number; remaining: number } | undefined;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HelpdeskClient {
  /** The helpdesk's base URL (origin and path, no trailing slash, without /api/v2). */
  readonly baseUrl: string;
  /** One call; `path` is relative to /api/v2 (e.g. '/agents/me'). Throws HelpdeskError. */
  request<T>(method: Method, path: string, body?: unknown): Promise<HelpdeskResponse<T>>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** Every item of a paginated list, following Link rel="next" (asks per_page=100). */
  listAll<T>(path: string): Promise<T[]>;
}

/**
 * The portal URL an admin typed, as the base the API hangs off: http(s) only, no credentials,
 * query or fragment; a pasted `/api/v2...` suffix and trailing slashes are dropped.
 */
export function normalizeHelpdeskUrl(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new HelpdeskError(
      'malformed_url',
      `"${input}" is not a URL. Enter the helpdesk's address, like https://support.example.com.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HelpdeskError(
      'malformed_url',
      `The helpdesk's address must start with https:// (or http://), not ${url.protocol}//.`,
    );
  if (!url.hostname || /\s/.test(trimmed))
    throw new HelpdeskError(
      'malformed_url',
      `"${input}" is not a URL. Enter the helpdesk's address, like https://support.example.com.`,
    );
  if (url.username || url.password)
    throw new HelpdeskError(
      'malformed_url',
      'Leave the user name and password out of the URL; the API key goes in its own field.',
    );
  const path = url.pathname.replace(/\/api\/v2(\/.*)?$/i, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** A transport failure (no HTTP answer) as a HelpdeskError. */
function transportError(error: unknown, baseUrl: string, timeoutMs: number): HelpdeskError {
  const host = new URL(baseUrl).host;
  if (error instanceof OutboundBlockedError)
    return new HelpdeskError(
      'blocked_address',
      `${error.message}. Chat does not call private addresses unless CHAT_ALLOW_PRIVATE_NETWORK_URLS is true or the helpdesk's origin is in CHAT_HELPDESK_TRUSTED_ORIGINS.`,
      { cause: error },
    );
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  // outbound.ts names the timeout TimeoutError; an abort while the body streams stays AbortError.
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new HelpdeskError('timeout', `${host} did not answer within ${timeoutMs / 1000} s.`, {
      cause: error,
    });
  const code = err.code ?? err.cause?.code ?? '';
  if (
    TLS_CODES.has(code) ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /certificate|SSL|TLS/i.test(err.message ?? '')
  )
    return new HelpdeskError(
      'tls_error',
      `The secure connection to ${host} failed (${code || err.message}): its certificate is not trusted or it does not speak TLS on this port.`,
      { cause: error },
    );
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `the name ${new URL(baseUrl).hostname} does not resolve`
      : code === 'ECONNREFUSED'
        ? 'nothing is listening on that address and port'
        : code === 'ECONNRESET'
          ? 'the connection was reset'
          : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
            ? 'the host cannot be reached from this server'
            : err.message || code || 'unknown network error';
  return new HelpdeskError('unreachable', `Could not reach ${host}: ${why}.`, { cause: error });
}

const bodyText = (body: Buffer) => body.subarray(0, 64 * 1024).toString('utf8');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Seconds (Retry-After is seconds on Freshdesk) or an HTTP date; 60 s when absent or unreadable. */
function retryAtOf(header: string | string[] | undefined, now = Date.now()): Date {
  const value = Array.isArray(header) ? header[0] : header;
  if (value && /^\d+$/.test(value.trim())) return new Date(now + Number(value.trim()) * 1000);
  const date = value ? Date.parse(value) : NaN;
  return new Date(Number.isFinite(date) ? date : now + 60_000);
}

const looksLikeFreshdeskError = (json: unknown) =>
  typeof json === 'object' &&
  json !== null &&
  (typeof (json as { code?: unknown }).code === 'string' ||
    typeof (json as { description?: unknown }).description === 'string');

/** An HTTP answer other than 2xx as a HelpdeskError. */
function answerError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  what: string,
) {
  const answer: HelpdeskAnswer = {
    status,
    body: text,
    ...(typeof headers['x-request-id'] === 'string' ? { requestId: headers['x-request-id'] } : {}),
  };
  const json = parseJson(text);
  const contentType = String(headers['content-type'] ?? '');
  const isJson = json !== undefined && /json/i.test(contentType);
  if (status === 429) {
    const retryAt = retryAtOf(headers['retry-after']);
    return new HelpdeskError(
      'rate_limited',
      `The helpdesk's API rate limit is reached; it accepts calls again at ${retryAt.toISOString()}.`,
      { answer, retryAt },
    );
  }
  const location = headers.location;
  if (status >= 300 && status < 400 && typeof location === 'string')
    return new HelpdeskError(
      'not_a_helpdesk',
      `${what} answered ${status}, a redirect to ${location}: the API does not redirect, so enter the helpdesk's address as it redirects (its https:// or canonical host name).`,
      { answer },
    );
  if (!isJson || !looksLikeFreshdeskError(json))
    return new HelpdeskError(
      'not_a_helpdesk',
      `${what} answered ${status} ${isJson ? 'with JSON that is not a Freshdesk v2 error' : `with ${contentType || 'no content type'}, not JSON`}: this is not a Freshdesk v2 API.`,
      { answer },
    );
  const body = json as {
    code?: string;
    message?: string;
    description?: string;
    errors?: HelpdeskFieldError[];
  };
  if (status === 401)
    return new HelpdeskError(
      'invalid_key',
      'The helpdesk refused the API key: it is wrong, was regenerated, or its agent was deactivated.',
      { answer },
    );
  if (status === 403)
    return new HelpdeskError(
      'access_denied',
      `The helpdesk refused: ${body.message ?? 'the key may not do this'}.`,
      { answer },
    );
  if (status === 404)
    return new HelpdeskError('not_found', `${what} does not exist in the helpdesk.`, { answer });
  if ((status === 400 || status === 409) && Array.isArray(body.errors))
    return new HelpdeskError(
      'validation_failed',
      body.errors.map((e) => `${e.field}: ${e.message}`).join('; ') ||
        body.description ||
        'Validation failed',
      {
        answer,
        fieldErrors: body.errors.map((e) => ({
          field: String(e.field),
          message: String(e.message),
          code: String(e.code),
        })),
      },
    );
  return new HelpdeskError(
    'helpdesk_error',
    `The helpdesk answered ${status}: ${body.message ?? body.description ?? 'an error'}.`,
    { answer },
  );
}

function nextLink(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  for (const part of value.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** A Freshdesk v2 client for one helpdesk and key. */
export function createHelpdeskClient(
  credentials: HelpdeskCredentials,
  options: HelpdeskClientOptions,
): HelpdeskClient {
  const baseUrl = normalizeHelpdeskUrl(credentials.url);
  const apiBase = `${baseUrl}/api/v2`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const authorization = `Basic ${Buffer.from(`${credentials.apiKey}:X`).toString('base64')}`;

  const call = async <T>(method: Method, url: string, body?: unknown): Promise<HelpdeskResponse<T>> => {
    const what = `${method} ${url.slice(apiBase.length) || '/'}`;
    let res;
    try {
      res = await outboundRequest({
        url,
        method,
        headers: {
          authorization,
          accept: 'application/json',
          'user-agent': 'Tandem-Chat (helpdesk connector)',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        timeoutMs,
        allowPrivateNetworks: options.allowPrivateNetworks,
        maxResponseBytes: 16 << 20,
      });
    } catch (error) {
      throw transportError(error, baseUrl, timeoutMs);
    }
    const text = res.body.toString('utf8');
    if (res.status < 200 || res.status >= 300)
      throw answerError(res.status, res.headers, bodyText(res.body), what);
    const total = Number(res.headers['x-ratelimit-total']);
    const remaining = Number(res.headers['x-ratelimit-remaining']);
    const rateLimit = Number.isFinite(total) && Number.isFinite(remaining) ? { total, remaining } : undefined;
    if (res.status === 204 || text === '')
      return { status: res.status, data: undefined as T, next: undefined, rateLimit };
    const json = /json/i.test(String(res.headers['content-type'] ?? '')) ? parseJson(text) : undefined;
    if (json === undefined)
      throw new HelpdeskError(
        'not_a_helpdesk',
        `${what} answered ${res.status} without JSON: this is not a Freshdesk v2 API.`,
        {
          answer: { status: res.status, body: bodyText(res.body) },
        },
      );
    return { status: res.status, data: json as T, next: nextLink(res.headers.link), rateLimit };
  };

  const urlOf = (path: string) => `${apiBase}${path.startsWith('/') ? path : `/${path}`}`;

  return {
    baseUrl,
    request: (method, path, body) => call(method, urlOf(path), body),
    get: async (path) => (await call<never>('GET', urlOf(path))).data,
    post: async (path, body) => (await call<never>('POST', urlOf(path), body)).data,
    put: async (path, body) => (await call<never>('PUT', urlOf(path), body)).data,
    async listAll<T>(path: string) {
      const items: T[] = [];
      const first = new URL(urlOf(path));
      if (!first.searchParams.has('per_page')) first.searchParams.set('per_page', '100');
      let url: string | undefined = first.toString();
      for (let page = 0; url && page < 1000; page++) {
        const res: HelpdeskResponse<T[]> = await call<T[]>('GET', url);
        if (!Array.isArray(res.data))
          throw new HelpdeskError(
            'not_a_helpdesk',
            `GET ${path} did not answer a list: this is not a Freshdesk v2 API.`,
          );
        items.push(...res.data);
        // Follow only links on the same helpdesk (a Link header is the server's word, not ours).
        url =
          res.next && new URL(res.next, url).origin === first.origin
            ? new URL(res.next, url).toString()
            : undefined;
      }
      return items;
    },
  };
}
