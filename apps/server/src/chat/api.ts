import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/http/errors.js';
import { consumeRateLimit } from '../platform/http/rate-limit.js';
import { findTokenByHash, recordTokenUse } from './auth/auth.repository.js';
import { bearerToken, hashToken } from './auth/tokens.js';
import { findAgentSessionByHash } from './agents/index.js';
import type { ChatActor, ChatContext, ChatServices } from './context.js';
// The repository, not widget/index.js: the front door brings the widget routes, which import this file.
import { findWidgetSessionByHash } from './widget/widget-session.repository.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route. `widget`: only a widget user's session (POST /v2/widget/sessions);
     * unset: only staff (API tokens and agent inbox sessions). A token of one audience is
     * unknown (401) on the other's routes.
     */
    audience?: 'widget';
  }
  interface FastifyRequest {
    /** Set by Chat's API hook on authenticated routes. */
    chatContext?: ChatContext;
    /** Set by Chat's API hook on every /v2 route, public ones too (e.g. agent login). */
    chatServices?: ChatServices;
  }
}

const WIDGET_CREDENTIALS_MESSAGE =
  'A valid widget session is required: Authorization: Bearer <session_token> (POST /v2/widget/sessions).';

/**
 * Chat's /v2 hooks: every request is counted against a per-minute limit (`X-RateLimit-Limit/
 * Remaining/Reset` on every response, 429 with `Retry-After` when spent), then authenticated by
 * its bearer token: on staff routes an API token or an agent's inbox session token, on widget
 * routes (`config.audience: 'widget'`) a widget session token. Staff calls share the account's
 * limit; widget and public calls are counted per visitor (widget session, else client IP), so a
 * busy or hostile page cannot spend the account's API budget.
 */
export function registerChatApiHooks(app: FastifyInstance, services: ChatServices) {
  const { rateLimitPerMinute, widgetRateLimitPerMinute } = services.config;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v2')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const isWidget = request.routeOptions.config?.audience === 'widget';
    const token = bearerToken(request.headers.authorization);
    const hash = token ? hashToken(token) : undefined;
    // Staff calls spend the account's budget; visitors (widget routes, public routes such as
    // widget sign-in and file downloads) their own, by widget session or else by client IP.
    const isStaff = !isPublic && !isWidget && !!request.routeOptions.url;
    const [bucket, limit] = isStaff
      ? ['chat', rateLimitPerMinute]
      : isWidget && hash
        ? [`chat-visitor:${hash.slice(0, 32)}`, widgetRateLimitPerMinute]
        : [`chat-ip:${request.ip}`, widgetRateLimitPerMinute];
    const [rate, found] = await Promise.all([
      consumeRateLimit(services.rateLimitStore, bucket, limit, 1),
      isPublic || !request.routeOptions.url || !hash
        ? Promise.resolve(undefined)
        : isWidget
          ? findWidgetActor(services, hash)
          : findStaffActor(services, hash),
    ]);
    reply.header('x-ratelimit-limit', String(rate.limit));
    reply.header('x-ratelimit-remaining', String(rate.remaining));
    reply.header('x-ratelimit-reset', String(Math.ceil(Date.now() / 1000) + rate.retryAfterSeconds));
    if (!rate.allowed) {
      throw new AppError('rate_limited', undefined, [], undefined, {
        'retry-after': String(rate.retryAfterSeconds),
      });
    }
    request.chatServices = services;
    if (isPublic || !request.routeOptions.url) return;
    if (!found) throw new AppError('invalid_credentials', isWidget ? WIDGET_CREDENTIALS_MESSAGE : undefined);
    request.chatContext = {
      actor: found,
      db: services.db,
      requestId: request.id,
      log: request.log,
      services,
    };
  });
}

/** An API token first, else an agent's inbox session, by the SHA-256 of the bearer token. */
async function findStaffActor(services: ChatServices, hash: string): Promise<ChatActor | undefined> {
  const token = await findTokenByHash(services.db, hash);
  if (token) {
    // Shown to admins in the token list (C1); written at most once a minute per token.
    await recordTokenUse(services.db, token.id, token.lastUsedAt, new Date());
    return { kind: 'token', tokenId: token.id, role: token.role };
  }
  const session = await findAgentSessionByHash(services.db, hash);
  return session && { kind: 'agent', agentId: session.agentId, role: session.role };
}

/** The widget user of an unexpired widget session, by the SHA-256 of the bearer token. */
async function findWidgetActor(services: ChatServices, hash: string): Promise<ChatActor | undefined> {
  const session = await findWidgetSessionByHash(services.db, hash);
  return session && { kind: 'user', userId: session.userId, siteId: session.siteId };
}

/** The authenticated context of a request; routes call this first. */
export function chatContextOf(request: FastifyRequest): ChatContext {
  if (!request.chatContext) throw new AppError('invalid_credentials');
  return request.chatContext;
}

/** Chat's services on a public /v2 route, where no one is authenticated yet. */
export function chatServicesOf(request: FastifyRequest): ChatServices {
  if (!request.chatServices) throw new AppError('internal_error');
  return request.chatServices;
}
