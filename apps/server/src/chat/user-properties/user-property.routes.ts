import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf } from '../api.js';
import { createUserProperty } from './commands/create-user-property.js';
import { deleteUserProperty } from './commands/delete-user-property.js';
import { updateUserProperty } from './commands/update-user-property.js';
import { assertCanManageUserProperties } from './user-property.policy.js';
import { presentUserProperty } from './user-property.presenter.js';
import { listUserProperties } from './user-property.repository.js';
import {
  createUserPropertyBody,
  updateUserPropertyBody,
  userPropertyParams,
} from './user-property.schemas.js';

const tags = ['users'];

/** Custom user property definitions (C4): any token reads, admins write. */
export const userPropertyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users/fields',
    { schema: { tags, summary: 'List user property definitions' } },
    async (request) => {
      const ctx = chatContextOf(request);
      return { fields: (await listUserProperties(ctx.db)).map(presentUserProperty) };
    },
  );

  app.post(
    '/users/fields',
    { schema: { tags, summary: 'Declare a user property', body: createUserPropertyBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageUserProperties(ctx.actor);
      const row = await createUserProperty(ctx, request.body);
      reply
        .code(201)
        .header(
          'location',
          `${baseUrlOf(request, ctx.services.config.publicUrl)}/v2/users/fields/${row.name}`,
        );
      return presentUserProperty(row);
    },
  );

  app.put(
    '/users/fields/:name',
    {
      schema: {
        tags,
        summary: 'Relabel a user property or change its choices',
        params: userPropertyParams,
        body: updateUserPropertyBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageUserProperties(ctx.actor);
      return presentUserProperty(await updateUserProperty(ctx, request.params.name, request.body));
    },
  );

  app.delete(
    '/users/fields/:name',
    { schema: { tags, summary: 'Delete a user property and its values', params: userPropertyParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageUserProperties(ctx.actor);
      await deleteUserProperty(ctx, request.params.name);
      return reply.code(204).send();
    },
  );
};
