import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf, pageOffset, paginate } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskDb } from '../db.js';
import { createGroup } from './commands/create-group.js';
import { deleteGroup } from './commands/delete-group.js';
import { updateGroup } from './commands/update-group.js';
import { assertCanManageGroups, assertCanReadGroups } from './group.policy.js';
import { presentGroup } from './group.presenter.js';
import { findAgentIdsOfGroups, findGroupById, listGroups, type GroupRow } from './group.repository.js';
import {
  createGroupSchema,
  deleteGroupSchema,
  listGroupsSchema,
  updateGroupSchema,
  viewGroupSchema,
} from './group.schemas.js';

const tags = ['groups'];

/** Members of a batch of groups in one query, then the v2 objects. */
async function presentGroups(db: DeskDb, rows: GroupRow[]) {
  const members = await findAgentIdsOfGroups(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentGroup(row, members.get(row.id) ?? []));
}

async function loadGroup(db: DeskDb, id: number): Promise<GroupRow> {
  const group = await findGroupById(db, id);
  if (!group) throw notFound();
  return group;
}

/** Admin-only endpoints answer 403 before looking at the body, so nothing leaks to non-admins. */
const adminOnly = {
  preValidation: async (request: FastifyRequest) => assertCanManageGroups(contextOf(request).actor),
};

export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/groups',
    { schema: { tags, summary: 'List groups', ...listGroupsSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanReadGroups(ctx.actor);
      const page = { page: request.query.page, per_page: request.query.per_page };
      const rows = await listGroups(ctx.db, page.per_page + 1, pageOffset(page));
      const baseUrl = baseUrlOf(request, ctx.services.config.publicUrl);
      return presentGroups(ctx.db, paginate(request, reply, rows, page, baseUrl));
    },
  );

  app.get(
    '/groups/:id',
    { schema: { tags, summary: 'View a group', ...viewGroupSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadGroups(ctx.actor);
      const [view] = await presentGroups(ctx.db, [await loadGroup(ctx.db, request.params.id)]);
      return view;
    },
  );

  app.post(
    '/groups',
    { ...adminOnly, schema: { tags, summary: 'Create a group', ...createGroupSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const id = await createGroup(ctx, request.body);
      const [view] = await presentGroups(ctx.db, [await loadGroup(ctx.db, id)]);
      const baseUrl = baseUrlOf(request, ctx.services.config.publicUrl);
      reply.code(201).header('location', `${baseUrl}/api/v2/groups/${id}`);
      return view;
    },
  );

  app.put(
    '/groups/:id',
    { ...adminOnly, schema: { tags, summary: 'Update a group', ...updateGroupSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const group = await loadGroup(ctx.db, request.params.id);
      await updateGroup(ctx, group.id, request.body);
      const [view] = await presentGroups(ctx.db, [await loadGroup(ctx.db, group.id)]);
      return view;
    },
  );

  app.delete(
    '/groups/:id',
    { ...adminOnly, schema: { tags, summary: 'Delete a group', ...deleteGroupSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const group = await loadGroup(ctx.db, request.params.id);
      await deleteGroup(ctx, group.id);
      return reply.code(204).send();
    },
  );
};
