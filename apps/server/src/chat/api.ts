import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/http/errors.js';
import { consumeRateLimit } from '../platform/http/rate-limit.js';
import { findTokenByHash } from './auth/auth.repository.js';
import { bearerToken, hashToken } from './auth/tokens.js';
import { findAgentSessionByHash } from './agents/index.js';
import type { ChatActor, ChatContext, ChatServices } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by Chat's API hook on authenticated routes. */
    chatContext?: ChatContext;
    /** Set by Chat's API hook on every /v2 route, public ones too (e.g. agent login). */
    chatServices?: ChatServices;
  }
}

/**
 * Chat's /v2 hooks: every request is counted against the account's per-minute limit
 * (`X-RateLimit-Limit/Remaining/Reset` on every response, 429 with `Retry-After` when spent),
 * then authenticated by its bearer token: an API token or an agent's inbox session token.
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
        : findActor(services, hashToken(token)),
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
    if (!found) throw new AppError('invalid_credentials');
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
async function findActor(services: ChatServices, hash: string): Promise<ChatActor | undefined> {
  const token = await findTokenByHash(services.db, hash);
  if (token) return { kind: 'token', tokenId: token.id, role: token.role };
  const session = await findAgentSessionByHash(services.db, hash);
  return session && { kind: 'agent', agentId: session.agentId, role: session.role };
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
