import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/http/errors.js';
import { isoTime } from '../../platform/http/format.js';
import { chatContextOf, chatServicesOf } from '../api.js';
import { bearerToken, hashToken } from '../auth/tokens.js';
import { presentAgent } from './agent.presenter.js';
import { groupIdsOfAgent } from './agent.repository.js';
import { loginBody } from './agent.schemas.js';
import { logInAgent } from './commands/log-in-agent.js';
import { deleteAgentSession } from './session.repository.js';

const tags = ['sessions'];

/** Inbox sign-in with email and password (C5): the session token then works as a bearer token on /v2. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/sessions',
    { schema: { tags, summary: 'Agent login', body: loginBody, security: [] }, config: { public: true } },
    async (request, reply) => {
      const { db } = chatServicesOf(request);
      const { token, agent, expiresAt } = await logInAgent({ db }, request.body);
      reply.code(201);
      return {
        token,
        expires_time: isoTime(expiresAt),
        agent: presentAgent(agent, await groupIdsOfAgent(db, agent.id)),
      };
    },
  );

  app.delete('/sessions/current', { schema: { tags, summary: 'Agent logout' } }, async (request, reply) => {
    const ctx = chatContextOf(request);
    if (ctx.actor.kind !== 'agent')
      throw new AppError('not_found', 'Only an agent session can be logged out.');
    await deleteAgentSession(ctx.db, hashToken(bearerToken(request.headers.authorization)!));
    return reply.code(204).send();
  });
};
