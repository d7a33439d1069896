import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { contextOf } from '../api.js';
import { createTicketField } from './commands/create-ticket-field.js';
import { deleteTicketField } from './commands/delete-ticket-field.js';
import { updateTicketField } from './commands/update-ticket-field.js';
import { assertCanManageTicketFields, assertCanReadTicketFields } from './ticket-field.policy.js';
import { presentTicketField } from './ticket-field.presenter.js';
import { findTicketField, listTicketFields, loadChoiceLookups } from './ticket-field.repository.js';
import {
  createTicketFieldSchema,
  listTicketFieldsSchema,
  updateTicketFieldSchema,
  viewTicketFieldSchema,
} from './ticket-field.schemas.js';

const ADMIN_PATH = '/admin/ticket_fields';

export const ticketFieldsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ticket_fields',
    { schema: { tags: ['ticket fields'], summary: 'List ticket fields', ...listTicketFieldsSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadTicketFields(ctx.actor);
      const rows = await listTicketFields(ctx.db, request.query.type);
      const lookups = await loadChoiceLookups(ctx.db, rows);
      return rows.map((row) => presentTicketField(row, lookups));
    },
  );

  app.get(
    ADMIN_PATH,
    { schema: { tags: ['ticket fields'], summary: 'List ticket fields (admin)', ...listTicketFieldsSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanManageTicketFields(ctx.actor);
      const rows = await listTicketFields(ctx.db, request.query.type);
      const lookups = await loadChoiceLookups(ctx.db, rows);
      return rows.map((row) => presentTicketField(row, lookups, 'admin'));
    },
  );

  app.post(
    ADMIN_PATH,
    {
      schema: {
        tags: ['ticket fields'],
        summary: 'Create a custom ticket field',
        ...createTicketFieldSchema,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanManageTicketFields(ctx.actor);
      const row = await createTicketField(ctx, request.body);
      reply.code(201).header('location', `/api/v2${ADMIN_PATH}/${row.id}`);
      return presentTicketField(row, await loadChoiceLookups(ctx.db, [row]), 'admin');
    },
  );

  app.get(
    `${ADMIN_PATH}/:id`,
    { schema: { tags: ['ticket fields'], summary: 'View a ticket field', ...viewTicketFieldSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanManageTicketFields(ctx.actor);
      const row = await findTicketField(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentTicketField(row, await loadChoiceLookups(ctx.db, [row]), 'admin');
    },
  );

  app.put(
    `${ADMIN_PATH}/:id`,
    { schema: { tags: ['ticket fields'], summary: 'Update a ticket field', ...updateTicketFieldSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanManageTicketFields(ctx.actor);
      const field = await findTicketField(ctx.db, request.params.id);
      if (!field) throw notFound();
      const row = await updateTicketField(ctx, field, request.body);
      return presentTicketField(row, await loadChoiceLookups(ctx.db, [row]), 'admin');
    },
  );

  app.delete(
    `${ADMIN_PATH}/:id`,
    {
      schema: { tags: ['ticket fields'], summary: 'Delete a custom ticket field', ...viewTicketFieldSchema },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanManageTicketFields(ctx.actor);
      const field = await findTicketField(ctx.db, request.params.id);
      if (!field) throw notFound();
      await deleteTicketField(ctx, field);
      return reply.code(204).send();
    },
  );
};
