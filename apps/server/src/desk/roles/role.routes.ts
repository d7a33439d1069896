import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { contextOf } from '../api.js';
import { assertCanReadRoles } from './role.policy.js';
import { presentRole } from './role.presenter.js';
import { findRole, listRoles } from './role.repository.js';
import { viewRoleSchema } from './role.schemas.js';

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/roles', { schema: { tags: ['roles'], summary: 'List roles' } }, async (request) => {
    const ctx = contextOf(request);
    assertCanReadRoles(ctx.actor);
    return (await listRoles(ctx.db)).map(presentRole);
  });

  app.get(
    '/roles/:id',
    { schema: { tags: ['roles'], summary: 'View a role', ...viewRoleSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadRoles(ctx.actor);
      const role = await findRole(ctx.db, request.params.id);
      if (!role) throw notFound();
      return presentRole(role);
    },
  );
};
