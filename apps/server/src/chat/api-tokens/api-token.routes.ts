import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { chatContextOf } from '../api.js';
import { generateApiToken, hashToken } from '../auth/tokens.js';
import { assertCanManageApiTokens } from './api-token.policy.js';
import { presentApiToken } from './api-token.presenter.js';
import { findTokenCreator, insertApiToken, listApiTokens, revokeApiToken } from './api-token.repository.js';
import { apiTokenParams, createApiTokenBody } from './api-token.schemas.js';

const tags = ['api tokens'];

/** Admins create, list and revoke the account's API tokens (C1, C10). */
export const apiTokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api_tokens', { schema: { tags, summary: 'List API tokens' } }, async (request) => {
    const ctx = chatContextOf(request);
    assertCanManageApiTokens(ctx.actor);
    return { api_tokens: (await listApiTokens(ctx.db)).map(presentApiToken) };
  });

  app.post(
    '/api_tokens',
    { schema: { tags, summary: 'Create an API token', body: createApiTokenBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageApiTokens(ctx.actor);
      const token = generateApiToken();
      // A token made by a token acts with that token's creator; one made in a session, with its agent.
      const creator =
        ctx.actor.kind === 'token'
          ? await findTokenCreator(ctx.db, ctx.actor.tokenId)
          : { created_by: ctx.actor.kind === 'agent' ? ctx.actor.agentId : null };
      const row = await insertApiToken(ctx.db, {
        id: randomUUID(),
        name: request.body.name,
        token_hash: hashToken(token),
        created_by: creator?.created_by ?? null,
      });
      reply.code(201);
      // The secret is returned this once; only its hash is kept.
      return { ...presentApiToken(row), token };
    },
  );

  app.delete(
    '/api_tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: apiTokenParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageApiTokens(ctx.actor);
      if (!(await revokeApiToken(ctx.db, request.params.id))) throw notFound();
      return reply.code(204).send();
    },
  );
};
