import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/http/errors.js';
import { consumeRateLimit } from '../platform/http/rate-limit.js';
import { findTokenByHash } from './auth/auth.repository.js';
import { bearerToken, hashToken } from './auth/tokens.js';
import type { ChatContext, ChatServices } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by Chat's API hook on authenticated routes. */
    chatContext?: ChatContext;
  }
}

/**
 * Chat's /v2 hooks: every request is counted against the account's per-minute limit
 * (`X-RateLimit-Limit/Remaining/Reset` on every response, 429 with `Retry-After` when spent),
 * then authenticated by its bearer token.
 */
export function registerChatApiHooks(app: FastifyInstance, services: ChatServices) {
  const limit = services.config.rateLimitPerMinute;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v2')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const token = bearerToken(request.headers.authorization);
    const [rate, found] = await Promise.all([
      consumeRateLimit(services.rateLimitStore, 'chat', limit, 1),
      isPublic || !request.routeOptions.url || !token
        ? Promise.resolve(undefined)
        : findTokenByHash(services.db, hashToken(token)),
    ]);
    reply.header('x-ratelimit-limit', String(rate.limit));
    reply.header('x-ratelimit-remaining', String(rate.remaining));
    reply.header('x-ratelimit-reset', String(Math.ceil(Date.now() / 1000) + rate.retryAfterSeconds));
    if (!rate.allowed) {
      throw new AppError('rate_limited', undefined, [], undefined, {
        'retry-after': String(rate.retryAfterSeconds),
      });
    }
    if (isPublic || !request.routeOptions.url) return;
    if (!found) throw new AppError('invalid_credentials');
    request.chatContext = {
      actor: { kind: 'token', tokenId: found.id, role: found.role },
      db: services.db,
      requestId: request.id,
      log: request.log,
      services,
    };
  });
}

/** The authenticated context of a request; routes call this first. */
export function chatContextOf(request: FastifyRequest): ChatContext {
  if (!request.chatContext) throw new AppError('invalid_credentials');
  return request.chatContext;
}
