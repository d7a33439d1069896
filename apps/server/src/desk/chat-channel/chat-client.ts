import { OutboundBlockedError, outboundRequest } from '../../platform/http/outbound.js';

/*
 * Desk's only way to Chat: Chat's public HTTP API at the URL an admin entered (the widget
 * bootstrap to prove an app id + widget token pair, /v2/sites with a Chat API token). Desk never
 * imports Chat's code. Every failure becomes a ChatCallError naming the settings field at fault,
 * so the admin reads why in Freshdesk's field-error shape.
 */

/** Why a call to Chat failed; stable codes, returned as `additional_info.cause`. */
export type ChatProblem =
  /** chat_url is not an http(s) URL. */
  | 'malformed_url'
  /** Nothing answered: DNS failure, connection refused, host unreachable. */
  | 'unreachable'
  | 'timeout'
  | 'tls_error'
  /** A private or loopback address that is not a trusted Chat origin (DESK_CHAT_TRUSTED_ORIGINS). */
  | 'blocked_address'
  /** Something answered, but not Tandem Chat's widget API. */
  | 'not_a_chat'
  /** Chat does not know this widget token. */
  | 'invalid_widget_token'
  /** The widget token belongs to an account with another app id. */
  | 'app_id_mismatch'
  /** The Chat API token is wrong (401) or may not manage sites (403). */
  | 'invalid_api_token'
  /** Any other answer (5xx, 429, unexpected status). */
  | 'chat_error';

/** The settings field a problem is about. */
export type ChatField = 'chat_url' | 'app_id' | 'widget_token' | 'api_token';

const FIELD_OF: Record<ChatProblem, ChatField> = {
  malformed_url: 'chat_url',
  unreachable: 'chat_url',
  timeout: 'chat_url',
  tls_error: 'chat_url',
  blocked_address: 'chat_url',
  not_a_chat: 'chat_url',
  invalid_widget_token: 'widget_token',
  app_id_mismatch: 'app_id',
  invalid_api_token: 'api_token',
  chat_error: 'chat_url',
};

export class ChatCallError extends Error {
  readonly field: ChatField;
  constructor(
    readonly problem: ChatProblem,
    message: string,
    /** What Chat itself answered, when it answered. */
    readonly answer?: { status: number; body: string },
  ) {
    super(message);
    this.name = 'ChatCallError';
    this.field = FIELD_OF[problem];
  }
}

/**
 * The Chat URL an admin typed, as the base its API hangs off: http(s) only, no credentials,
 * query or fragment; trailing slashes and a pasted `/v2…` suffix dropped.
 */
export function normalizeChatUrl(input: string): string {
  const malformed = () =>
    new ChatCallError(
      'malformed_url',
      `"${input}" is not a URL. Enter Chat's address, like https://chat.example.com.`,
    );
  const trimmed = input.trim();
  if (/\s/.test(trimmed)) throw malformed();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw malformed();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ChatCallError('malformed_url', `Chat's address must start with https:// (or http://).`);
  if (!url.hostname) throw malformed();
  if (url.username || url.password)
    throw new ChatCallError('malformed_url', 'Leave any user name and password out of the Chat URL.');
  const path = url.pathname.replace(/\/v2(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

export interface ChatClientOptions {
  /** Normalized chat_url. */
  baseUrl: string;
  /** Origins that may be called on loopback or private addresses (config.chatTrustedOrigins). */
  trustedOrigins: string[];
  /** The Chat API token, for /v2/sites. */
  apiToken?: string;
  timeoutMs?: number;
}

interface ChatAnswer {
  status: number;
  text: string;
  json: unknown;
}

/** A transport failure (no HTTP answer) as a ChatCallError about chat_url. */
function transportError(error: unknown, baseUrl: string, timeoutMs: number): ChatCallError {
  const url = new URL(baseUrl);
  if (error instanceof OutboundBlockedError)
    return new ChatCallError(
      'blocked_address',
      `${error.message}. Desk calls a private address only for a trusted Chat origin (DESK_CHAT_TRUSTED_ORIGINS).`,
    );
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError')
    return new ChatCallError('timeout', `${url.host} did not answer within ${timeoutMs / 1000} s.`);
  const code = err.code ?? err.cause?.code ?? '';
  if (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /certificate|SSL|TLS/i.test(err.message ?? '')
  )
    return new ChatCallError(
      'tls_error',
      `The secure connection to ${url.host} failed (${code || err.message}): its certificate is not trusted or it does not speak TLS on this port.`,
    );
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `the name ${url.hostname} does not resolve`
      : code === 'ECONNREFUSED'
        ? 'nothing is listening on that address and port'
        : code === 'ECONNRESET'
          ? 'the connection was reset'
          : err.message || code || 'unknown network error';
  return new ChatCallError('unreachable', `Could not reach ${url.host}: ${why}.`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A thin client for the few Chat calls the chat channel makes. */
export function createChatClient(options: ChatClientOptions) {
  const { baseUrl } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const allowPrivateNetworks = options.trustedOrigins.includes(new URL(baseUrl).origin);

  async function call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    extra: { token?: string; body?: unknown } = {},
  ): Promise<ChatAnswer> {
    let response;
    try {
      response = await outboundRequest({
        url: `${baseUrl}${path}`,
        method,
        headers: {
          accept: 'application/json',
          'user-agent': 'Tandem-Desk',
          ...(extra.token ? { authorization: `Bearer ${extra.token}` } : {}),
          ...(extra.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(extra.body !== undefined ? { body: JSON.stringify(extra.body) } : {}),
        timeoutMs,
        allowPrivateNetworks,
        maxResponseBytes: 64 * 1024,
      });
    } catch (error) {
      throw transportError(error, baseUrl, timeoutMs);
    }
    const text = response.body.toString('utf8');
    return { status: response.status, text, json: parseJson(text) };
  }

  const notAChat = (answer: ChatAnswer) =>
    new ChatCallError(
      'not_a_chat',
      `${baseUrl} answered, but not as Tandem Chat (GET /v2/widget/bootstrap gave HTTP ${answer.status}${
        answer.json === undefined ? ', not JSON' : ''
      }). Check the Chat URL: it is the address Chat's widget.js is served from.`,
      { status: answer.status, body: answer.text },
    );

  const chatError = (answer: ChatAnswer, what: string) =>
    new ChatCallError(
      'chat_error',
      answer.status === 429
        ? `Chat's rate limit was reached while ${what}; try again in a minute.`
        : `Chat answered HTTP ${answer.status} while ${what}.`,
      { status: answer.status, body: answer.text },
    );

  /** Maps 401/403 of a staff call to the API token; other failures to a Chat error. */
  const staffFailure = (answer: ChatAnswer, what: string) => {
    if (answer.status === 401)
      return new ChatCallError(
        'invalid_api_token',
        "Chat refused the API token (401): it is wrong or was revoked. Generate one in Chat's Admin > API tokens.",
        { status: answer.status, body: answer.text },
      );
    if (answer.status === 403)
      return new ChatCallError(
        'invalid_api_token',
        "Chat's API token may not manage sites (403): use a token of a Chat admin.",
        { status: answer.status, body: answer.text },
      );
    return chatError(answer, what);
  };

  const requireToken = () => {
    if (!options.apiToken) throw new Error('createChatClient: apiToken is needed for this call');
    return options.apiToken;
  };

  return {
    baseUrl,

    /**
     * Proves that `widgetToken` is a token of this Chat and belongs to the account `appId`:
     * the widget's own public bootstrap (read only, creates nothing), asked for the default
     * site without an Origin, answers the token's account app id.
     */
    async verifyWidgetPair(appId: string, widgetToken: string): Promise<void> {
      const query = new URLSearchParams({ token: widgetToken, site_id: 'default' });
      const answer = await call('GET', `/v2/widget/bootstrap?${query.toString()}`);
      const body = answer.json;
      if (!isObject(body) || typeof body.allowed !== 'boolean') {
        if (answer.status === 429 || answer.status >= 500)
          throw chatError(answer, 'checking the widget token');
        throw notAChat(answer);
      }
      if (answer.status === 200 && body.allowed && typeof body.app_id === 'string') {
        if (body.app_id !== appId)
          throw new ChatCallError(
            'app_id_mismatch',
            `The widget token belongs to the Chat account with app id ${body.app_id}, not ${appId}. Copy both from Chat's Admin > Account settings.`,
          );
        return;
      }
      if (answer.status === 401)
        throw new ChatCallError(
          'invalid_widget_token',
          "Chat does not know this widget token. Copy the widget_token from Chat's Admin > Account settings (GET /v2/accounts/configuration).",
          { status: answer.status, body: answer.text },
        );
      if (answer.status === 404 && body.code === 'unknown_site') {
        // The token is Chat's, but its default site is gone: ask the account itself when we can.
        if (!options.apiToken) return;
        const config = await call('GET', '/v2/accounts/configuration', { token: options.apiToken });
        if (config.status !== 200 || !isObject(config.json))
          throw staffFailure(config, 'reading the account');
        if (config.json.app_id !== appId)
          throw new ChatCallError(
            'app_id_mismatch',
            `The API token's Chat account has app id ${String(config.json.app_id)}, not ${appId}.`,
          );
        return;
      }
      throw notAChat(answer);
    },

    /** The site `id` with its allowed origins, or undefined when Chat has none (API token needed). */
    async findSite(id: string): Promise<{ id: string; allowed_origins: string[] } | undefined> {
      const answer = await call('GET', `/v2/sites/${encodeURIComponent(id)}`, { token: requireToken() });
      if (answer.status === 404 && isObject(answer.json)) return undefined;
      if (answer.status !== 200 || !isObject(answer.json))
        throw staffFailure(answer, `reading the site ${id}`);
      const origins = answer.json.allowed_origins;
      return { id, allowed_origins: Array.isArray(origins) ? origins.map(String) : [] };
    },

    async createSite(site: { id: string; name: string; allowed_origins: string[] }): Promise<void> {
      const answer = await call('POST', '/v2/sites', { token: requireToken(), body: site });
      if (answer.status !== 201 && answer.status !== 200)
        throw staffFailure(answer, `creating the site ${site.id}`);
    },

    async updateSiteOrigins(id: string, allowedOrigins: string[]): Promise<void> {
      const answer = await call('PUT', `/v2/sites/${encodeURIComponent(id)}`, {
        token: requireToken(),
        body: { allowed_origins: allowedOrigins },
      });
      if (answer.status !== 200) throw staffFailure(answer, `updating the site ${id}`);
    },
  };
}

export type ChatClient = ReturnType<typeof createChatClient>;
