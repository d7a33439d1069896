import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import { syncPortalSite } from '../chat-channel/index.js';
import type { DeskDb } from '../db.js';
import { createPortal } from './commands/create-portal.js';
import { deletePortal } from './commands/delete-portal.js';
import { updatePortal } from './commands/update-portal.js';
import { assertCanManagePortals, assertCanReadPortals } from './portal.policy.js';
import { presentPortal } from './portal.presenter.js';
import {
  findCategoryIdsOfPortals,
  findPortalById,
  listPortals,
  type PortalRow,
} from './portal.repository.js';
import {
  createPortalSchema,
  deletePortalSchema,
  updatePortalSchema,
  viewPortalSchema,
} from './portal.schemas.js';

const tags = ['portals'];

/** Shown categories of a batch of portals in one query, then the portal objects. */
async function presentPortals(request: FastifyRequest, db: DeskDb, rows: PortalRow[]) {
  const categories = await findCategoryIdsOfPortals(
    db,
    rows.map((r) => r.id),
  );
  const baseUrl = baseUrlOf(request, contextOf(request).services.config.publicUrl);
  return rows.map((row) => presentPortal(row, categories.get(row.id) ?? [], baseUrl));
}

async function loadPortal(db: DeskDb, id: number): Promise<PortalRow> {
  const portal = await findPortalById(db, id);
  if (!portal) throw notFound();
  return portal;
}

/** Admin-only endpoints answer 403 before looking at the body, so nothing leaks to non-admins. */
const adminOnly = {
  preValidation: async (request: FastifyRequest) => assertCanManagePortals(contextOf(request).actor),
};

/** Admin API for customer portals (a Tandem extension to the Freshdesk v2 API). */
export const portalAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/portals', { schema: { tags, summary: 'List portals' } }, async (request) => {
    const ctx = contextOf(request);
    assertCanReadPortals(ctx.actor);
    return presentPortals(request, ctx.db, await listPortals(ctx.db));
  });

  app.get(
    '/portals/:id',
    { schema: { tags, summary: 'View a portal', ...viewPortalSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadPortals(ctx.actor);
      const [view] = await presentPortals(request, ctx.db, [await loadPortal(ctx.db, request.params.id)]);
      return view;
    },
  );

  app.post(
    '/portals',
    { ...adminOnly, schema: { tags, summary: 'Create a portal', ...createPortalSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const id = await createPortal(ctx, request.body);
      const portal = await loadPortal(ctx.db, id);
      const baseUrl = baseUrlOf(request, ctx.services.config.publicUrl);
      // After commit: a portal with chat on needs its site in Chat (when Desk may create it).
      await syncPortalSite(ctx.services, portal, baseUrl, request.log);
      const [view] = await presentPortals(request, ctx.db, [portal]);
      reply.code(201).header('location', `${baseUrl}/api/v2/portals/${id}`);
      return view;
    },
  );

  app.put(
    '/portals/:id',
    { ...adminOnly, schema: { tags, summary: 'Update a portal', ...updatePortalSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const portal = await loadPortal(ctx.db, request.params.id);
      await updatePortal(ctx, portal, request.body);
      const updated = await loadPortal(ctx.db, portal.id);
      await syncPortalSite(
        ctx.services,
        updated,
        baseUrlOf(request, ctx.services.config.publicUrl),
        request.log,
      );
      const [view] = await presentPortals(request, ctx.db, [updated]);
      return view;
    },
  );

  app.delete(
    '/portals/:id',
    { ...adminOnly, schema: { tags, summary: 'Delete a portal', ...deletePortalSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await deletePortal(ctx, await loadPortal(ctx.db, request.params.id));
      return reply.code(204).send();
    },
  );
};
