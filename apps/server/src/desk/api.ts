import type { FastifyInstance, FastifyRequest } from 'fastify';
import { consumeRateLimit } from '../platform/http/rate-limit.js';
import { AppError } from '../platform/http/errors.js';
import { authenticateAgentSession, usesAgentSession } from './agent-auth/index.js';
import { authenticate } from './auth/authenticate.js';
import type { DeskContext, DeskServices } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by Desk's API hook on authenticated routes. */
    deskContext?: DeskContext;
  }
}

/** Rate-limit credits a request costs: embeds cost extra, as in Freshdesk (A5). */
function costOf(request: FastifyRequest): number {
  const include = (request.query as { include?: unknown } | undefined)?.include;
  if (typeof include !== 'string' || include === '') return 1;
  const embeds = include.split(',').filter(Boolean).length;
  const isList = request.routeOptions.url === '/api/v2/tickets';
  return 1 + embeds * (isList ? 2 : 1);
}

/**
 * Desk's API-wide hooks: every request under /api/v2 is counted against the account's
 * per-minute limit (headers on every response, 429 when spent), then authenticated.
 */
export function registerDeskApiHooks(app: FastifyInstance, services: DeskServices) {
  const limit = services.config.rateLimitPerMinute;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v2')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const [rate, auth] = await Promise.all([
      consumeRateLimit(services.rateLimitStore, 'desk', limit, costOf(request)),
      isPublic || !request.routeOptions.url
        ? Promise.resolve(undefined)
        : // The agent UI's session cookie (with X-CSRF-Token) stands in for Basic auth.
          (usesAgentSession(request) ? authenticateAgentSession : authenticate)(request, services).catch(
            (e: unknown) => e as Error,
          ),
    ]);
    reply.header('x-ratelimit-total', String(rate.limit));
    reply.header('x-ratelimit-remaining', String(rate.remaining));
    reply.header('x-ratelimit-used-currentrequest', String(rate.cost));
    reply.header('x-freshdesk-api-version', 'latest=v2; requested=v2');
    if (!rate.allowed) {
      throw new AppError('rate_limited', undefined, [], undefined, {
        'retry-after': String(rate.retryAfterSeconds),
      });
    }
    if (auth instanceof Error) throw auth;
    if (auth !== undefined) {
      request.deskContext = { ...auth, db: services.db, requestId: request.id, log: request.log, services };
    }
  });
}

/** The authenticated context of a request; routes call this first. */
export function contextOf(request: FastifyRequest): DeskContext {
  if (!request.deskContext) throw new AppError('invalid_credentials');
  return request.deskContext;
}
