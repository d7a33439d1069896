import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chatContextOf } from '../api.js';
import { presentRoles } from './role.presenter.js';

/** `GET /v2/roles`: the three built-in roles, for any authenticated caller. */
export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/roles', { schema: { tags: ['roles'], summary: 'List roles' } }, async (request) => {
    chatContextOf(request);
    return { roles: presentRoles() };
  });
};
