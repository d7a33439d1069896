import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { pageEnvelope, pageLimitOffset } from '../agents/index.js';
import { chatContextOf } from '../api.js';
import { createGroup } from './commands/create-group.js';
import { updateGroup } from './commands/update-group.js';
import { assertCanManageGroups } from './group.policy.js';
import { presentGroup } from './group.presenter.js';
import {
  agentIdsOfGroup,
  agentIdsOfGroups,
  deleteGroup,
  findGroupById,
  listGroups,
} from './group.repository.js';
import { createGroupBody, groupParams, listGroupsQuery, updateGroupBody } from './group.schemas.js';

const tags = ['groups'];

/** Chat's groups (C5): everyone signed in reads them; admins manage them. */
export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/groups',
    { schema: { tags, summary: 'List groups', querystring: listGroupsQuery } },
    async (request) => {
      const ctx = chatContextOf(request);
      const { limit, offset } = pageLimitOffset(request.query);
      const { rows, total } = await listGroups(ctx.db, limit, offset);
      const members = await agentIdsOfGroups(
        ctx.db,
        rows.map((r) => r.id),
      );
      const groups = rows.map((r) => presentGroup(r, members.get(r.id) ?? []));
      return pageEnvelope(ctx, request, 'groups', groups, request.query, total);
    },
  );

  app.get(
    '/groups/:id',
    { schema: { tags, summary: 'View a group', params: groupParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      const row = await findGroupById(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentGroup(row, await agentIdsOfGroup(ctx.db, row.id));
    },
  );

  app.post(
    '/groups',
    { schema: { tags, summary: 'Create a group', body: createGroupBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageGroups(ctx.actor);
      const row = await createGroup(ctx, request.body);
      reply.code(201).header('location', `/v2/groups/${row.id}`);
      return presentGroup(row, await agentIdsOfGroup(ctx.db, row.id));
    },
  );

  app.put(
    '/groups/:id',
    { schema: { tags, summary: 'Update a group', params: groupParams, body: updateGroupBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageGroups(ctx.actor);
      const row = await updateGroup(ctx, request.params.id, request.body);
      return presentGroup(row, await agentIdsOfGroup(ctx.db, row.id));
    },
  );

  app.delete(
    '/groups/:id',
    { schema: { tags, summary: 'Delete a group', params: groupParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageGroups(ctx.actor);
      if (!(await deleteGroup(ctx.db, request.params.id))) throw notFound();
      return reply.code(204).send();
    },
  );
};
