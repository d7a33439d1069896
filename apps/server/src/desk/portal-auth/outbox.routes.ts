import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf, pageOffset, paginate } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import { assertCanReadOutbox } from './outbox.policy.js';
import { presentOutboxEmail } from './outbox.presenter.js';
import { listOutboxQuery } from './outbox.schemas.js';
import { listOutboxEmails } from './portal-auth.repository.js';

/** Tandem extension under /api/v2: the outgoing mail, newest first, for operators without SMTP. */
export const portalAuthApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary: 'List outgoing mail, newest first (Tandem extension; admins only)',
        querystring: listOutboxQuery,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanReadOutbox(ctx.actor);
      const query = request.query;
      const rows = await listOutboxEmails(ctx.db, { to: query.to }, query.per_page + 1, pageOffset(query));
      const page = paginate(request, reply, rows, query, baseUrlOf(request, ctx.services.config.publicUrl));
      return page.map(presentOutboxEmail);
    },
  );
};
