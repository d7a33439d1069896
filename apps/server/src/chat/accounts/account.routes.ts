import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chatContextOf } from '../api.js';
import { assertCanReadAccountConfiguration } from './account.policy.js';
import { presentAccountConfiguration } from './account.presenter.js';
import { findAccount } from './account.repository.js';

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/accounts/configuration',
    { schema: { tags: ['accounts'], summary: 'App id and widget token of the account (admins)' } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanReadAccountConfiguration(ctx.actor);
      return presentAccountConfiguration(await findAccount(ctx.db));
    },
  );
};
