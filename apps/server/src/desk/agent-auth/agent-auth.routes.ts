import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/http/errors.js';
import type { DeskServices } from '../context.js';
import { presentAgentSession } from './agent-auth.presenter.js';
import { signInBody } from './agent-auth.schemas.js';
import { signInAgent } from './commands/sign-in-agent.js';
import {
  agentSessionByToken,
  agentSessionCookie,
  agentSessionOf,
  assertCsrf,
  clearAgentSessionCookie,
  signOutAgent,
} from './session.js';

/**
 * The agent UI's session (Tandem extension): POST signs in with email and password and sets the
 * session cookie, answering the agent and the CSRF token the UI sends as `X-CSRF-Token`; GET
 * answers the signed-in agent (and the token again, for a reloaded page) or 401; DELETE signs out.
 * Outside /api/v2, so not in the Freshdesk OpenAPI document.
 */
export const agentAuthRoutes: FastifyPluginAsyncZod<{ services: DeskServices }> = async (
  app,
  { services },
) => {
  app.post('/api/_session', { schema: { hide: true, body: signInBody } }, async (request, reply) => {
    const result = await signInAgent(services, { ...request.body, ip: request.ip });
    if ('error' in result) {
      if (result.error === 'throttled')
        throw new AppError('rate_limited', 'Too many failed sign-ins. Try again later.', [], undefined, {
          'retry-after': String(result.retryAfterSeconds ?? 60),
        });
      if (result.error === 'deactivated')
        throw new AppError('access_denied', 'This agent account is deactivated.');
      throw new AppError('invalid_credentials', 'The email or password is incorrect.');
    }
    const row = await agentSessionByToken(services, result.sessionToken);
    if (!row) throw new AppError('invalid_credentials');
    reply.header(
      'set-cookie',
      agentSessionCookie(result.sessionToken, { secure: request.protocol === 'https' }),
    );
    reply.header('cache-control', 'no-store');
    return presentAgentSession(row);
  });

  app.get('/api/_session', { schema: { hide: true } }, async (request, reply) => {
    const row = await agentSessionOf(services, request.headers.cookie);
    if (!row) throw new AppError('invalid_credentials');
    reply.header('cache-control', 'no-store');
    return presentAgentSession(row);
  });

  app.delete('/api/_session', { schema: { hide: true } }, async (request, reply) => {
    const row = await agentSessionOf(services, request.headers.cookie);
    // A live session is ended only by its own page; without one there is nothing to protect.
    if (row) assertCsrf(row, request);
    await signOutAgent(services, request.headers.cookie);
    reply.header('set-cookie', clearAgentSessionCookie({ secure: request.protocol === 'https' }));
    return reply.code(204).send();
  });
};
