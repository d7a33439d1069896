import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fieldError, notFound } from '../../platform/http/errors.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf } from '../api.js';
import { chatListEnvelope, chatPageOffset } from '../sites/index.js';
import { createUser } from './commands/create-user.js';
import { deleteUser } from './commands/delete-user.js';
import { updateUser } from './commands/update-user.js';
import { assertCanDeleteUsers } from './user.policy.js';
import { presentUser } from './user.presenter.js';
import { findUserById, findUsersByIds, listUserConversationIds, listUsers } from './user.repository.js';
import {
  createUserBody,
  fetchUsersBody,
  listUsersQuery,
  updateUserBody,
  userParams,
} from './user.schemas.js';

const tags = ['users'];
const FILTERS = ['site_id', 'reference_id', 'email', 'phone', 'created_from', 'created_to'] as const;

/** Users (C4), chat-v2.md B2. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/users',
    { schema: { tags, summary: 'Create a user', body: createUserBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const { row, restoreId } = await createUser(ctx, request.body);
      reply
        .code(201)
        .header('location', `${baseUrlOf(request, ctx.services.config.publicUrl)}/v2/users/${row.id}`);
      // The restore id is shown in this response only; the database keeps its hash.
      return { ...presentUser(row), restore_id: restoreId };
    },
  );

  app.get(
    '/users',
    { schema: { tags, summary: 'Find users (at least one filter)', querystring: listUsersQuery } },
    async (request) => {
      const ctx = chatContextOf(request);
      const query = request.query;
      if (!FILTERS.some((f) => query[f] !== undefined)) {
        throw fieldError('filter', 'missing_field', `Give at least one filter: ${FILTERS.join(', ')}`);
      }
      const { rows, total } = await listUsers(
        ctx.db,
        query,
        query.sort_order,
        chatPageOffset(query),
        query.items_per_page,
      );
      return chatListEnvelope(
        request,
        ctx.services.config.publicUrl,
        'users',
        rows.map(presentUser),
        query,
        total,
      );
    },
  );

  app.post(
    '/users/fetch',
    { schema: { tags, summary: 'Fetch users by ids', body: fetchUsersBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      return { users: (await findUsersByIds(ctx.db, request.body.ids)).map(presentUser) };
    },
  );

  app.get('/users/:id', { schema: { tags, summary: 'View a user', params: userParams } }, async (request) => {
    const ctx = chatContextOf(request);
    const row = await findUserById(ctx.db, request.params.id);
    if (!row) throw notFound();
    return presentUser(row);
  });

  app.put(
    '/users/:id',
    { schema: { tags, summary: 'Update a user', params: userParams, body: updateUserBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      return presentUser(await updateUser(ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/users/:id',
    { schema: { tags, summary: 'Delete a user without conversations', params: userParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanDeleteUsers(ctx.actor);
      await deleteUser(ctx, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/users/:id/conversations',
    { schema: { tags, summary: "A user's conversation ids, newest first", params: userParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      if (!(await findUserById(ctx.db, request.params.id))) throw notFound();
      return { conversations: await listUserConversationIds(ctx.db, request.params.id) };
    },
  );
};
