import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf } from '../api.js';
import { createSite } from './commands/create-site.js';
import { deleteSite } from './commands/delete-site.js';
import { updateSite } from './commands/update-site.js';
import { chatListEnvelope, chatPageOffset } from './pagination.js';
import { assertCanManageSites } from './site.policy.js';
import { presentSite } from './site.presenter.js';
import { findSiteById, listSites } from './site.repository.js';
import { createSiteBody, listSitesQuery, siteParams, updateSiteBody } from './site.schemas.js';

const tags = ['sites'];

/** Sites (C3): any token reads, admins write. */
export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sites',
    { schema: { tags, summary: 'List sites', querystring: listSitesQuery } },
    async (request) => {
      const ctx = chatContextOf(request);
      const page = request.query;
      const { rows, total } = await listSites(ctx.db, chatPageOffset(page), page.items_per_page);
      return chatListEnvelope(
        request,
        ctx.services.config.publicUrl,
        'sites',
        rows.map(presentSite),
        page,
        total,
      );
    },
  );

  app.post(
    '/sites',
    { schema: { tags, summary: 'Create a site', body: createSiteBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageSites(ctx.actor);
      const row = await createSite(ctx, request.body);
      reply
        .code(201)
        .header('location', `${baseUrlOf(request, ctx.services.config.publicUrl)}/v2/sites/${row.id}`);
      return presentSite(row);
    },
  );

  app.get('/sites/:id', { schema: { tags, summary: 'View a site', params: siteParams } }, async (request) => {
    const ctx = chatContextOf(request);
    const row = await findSiteById(ctx.db, request.params.id);
    if (!row) throw notFound();
    return presentSite(row);
  });

  app.put(
    '/sites/:id',
    { schema: { tags, summary: 'Update a site', params: siteParams, body: updateSiteBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageSites(ctx.actor);
      return presentSite(await updateSite(ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/sites/:id',
    { schema: { tags, summary: 'Delete an unused site', params: siteParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageSites(ctx.actor);
      await deleteSite(ctx, request.params.id);
      return reply.code(204).send();
    },
  );
};
