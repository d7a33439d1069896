import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf, paginate } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskContext } from '../context.js';
import { createNote } from './commands/create-note.js';
import { createReply } from './commands/create-reply.js';
import { createTicket } from './commands/create-ticket.js';
import { deleteConversation } from './commands/delete-conversation.js';
import { deleteTicket } from './commands/delete-ticket.js';
import { restoreTicket } from './commands/restore-ticket.js';
import { updateConversation } from './commands/update-conversation.js';
import { updateTicket } from './commands/update-ticket.js';
import { attachmentStore } from './ticket.attachments.js';
import { assertCanAccessTicket } from './ticket.policy.js';
import { presentConversation } from './ticket.presenter.js';
import {
  ticketETag,
  findTicketPage,
  presentConversations,
  presentTicketPage,
  viewTicket,
} from './ticket.queries.js';
import {
  findAttachmentForDownload,
  findConversation,
  findCustomFieldTypes,
  findTicket,
  listConversations,
} from './ticket.repository.js';
import {
  createTicketBody,
  idParams,
  listTicketsQuery,
  noteBody,
  pageQuery,
  replyBody,
  updateConversationBody,
  updateTicketBody,
  viewTicketSchema,
} from './ticket.schemas.js';
import { coerceCustomFields, readMultipart, uploadsOf } from './ticket.uploads.js';

const tags = ['tickets'];

/** The collision guard's precondition: `If-Match` with a ticket ETag (absent: unconditional, as in Freshdesk). */
const guardOf = (request: FastifyRequest) => {
  const header = request.headers['if-match'];
  return { ifMatch: Array.isArray(header) ? header.join(',') : header };
};
const baseUrl = (request: FastifyRequest, ctx: DeskContext) =>
  baseUrlOf(request, ctx.services.config.publicUrl);

/** Loads a ticket the actor may access: 404 when unknown, 403 when outside the actor's scope. */
async function loadTicket(ctx: DeskContext, id: number) {
  const ticket = await findTicket(ctx.db, id);
  if (!ticket) throw notFound();
  assertCanAccessTicket(ctx.actor, ticket);
  return ticket;
}

/** Loads a conversation through its ticket, with the same 404/403 rules. */
async function loadConversation(ctx: DeskContext, id: number) {
  const conversation = await findConversation(ctx.db, id);
  if (!conversation) throw notFound();
  return { conversation, ticket: await loadTicket(ctx, conversation.ticket_id) };
}

/**
 * Endpoints that accept file uploads. Multipart is registered only in this plugin, so every
 * other endpoint keeps answering 415 to multipart bodies.
 */
const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { throwFileSizeLimit: false });

  // Multipart bodies become the same JSON-like body before validation, so one schema serves both.
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const ctx = contextOf(request);
    const { body, files } = await readMultipart(request, ctx.services.config.maxUploadBytes);
    if (body.custom_fields) {
      body.custom_fields = coerceCustomFields(
        body.custom_fields as Record<string, unknown>,
        await findCustomFieldTypes(ctx.db),
      );
    }
    request.body = body;
    request.ticketUploads = files;
  });

  app.post(
    '/tickets',
    { schema: { tags, summary: 'Create a ticket', body: createTicketBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { ticket, attachments } = await createTicket(ctx, request.body, uploadsOf(request));
      const url = baseUrl(request, ctx);
      reply.code(201).header('location', `${url}/api/v2/tickets/${ticket.id}`);
      return viewTicket(ctx, ticket, [], url, attachments);
    },
  );

  app.post(
    '/tickets/:id/reply',
    { schema: { tags, summary: 'Reply to a ticket', params: idParams, body: replyBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ticket = await loadTicket(ctx, request.params.id);
      const { conversation, attachments } = await createReply(
        ctx,
        ticket,
        request.body,
        uploadsOf(request),
        guardOf(request),
      );
      reply.code(201);
      return presentConversation(conversation, attachments, baseUrl(request, ctx));
    },
  );

  app.post(
    '/tickets/:id/notes',
    { schema: { tags, summary: 'Add a note to a ticket', params: idParams, body: noteBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ticket = await loadTicket(ctx, request.params.id);
      const { conversation, attachments } = await createNote(
        ctx,
        ticket,
        request.body,
        uploadsOf(request),
        guardOf(request),
      );
      reply.code(201);
      return presentConversation(conversation, attachments, baseUrl(request, ctx));
    },
  );
};

/** JSON-only ticket, conversation and attachment endpoints. */
const jsonRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tickets',
    { schema: { tags, summary: 'List tickets', querystring: listTicketsQuery } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const url = baseUrl(request, ctx);
      const { rows, defaults, nextCursor } = await findTicketPage(ctx, request.query);
      if (request.query.cursor === undefined) {
        const page = paginate(request, reply, rows, { ...request.query, page: request.query.page ?? 1 }, url);
        return presentTicketPage(ctx, page, defaults, request.query.include, url);
      }
      if (nextCursor) {
        const next = new URL(request.url, url);
        next.searchParams.set('cursor', nextCursor);
        reply.header('link', `<${next.toString()}>; rel="next"`);
      }
      return presentTicketPage(ctx, rows, defaults, request.query.include, url);
    },
  );

  app.get(
    '/tickets/:id',
    { schema: { tags, summary: 'View a ticket', ...viewTicketSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ticket = await loadTicket(ctx, request.params.id);
      const [view, etag] = await Promise.all([
        viewTicket(ctx, ticket, request.query.include ?? [], baseUrl(request, ctx)),
        ticketETag(ctx, ticket),
      ]);
      reply.header('etag', etag);
      return view;
    },
  );

  app.put(
    '/tickets/:id',
    { schema: { tags, summary: 'Update a ticket', params: idParams, body: updateTicketBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ticket = await loadTicket(ctx, request.params.id);
      const updated = await updateTicket(ctx, ticket, request.body, guardOf(request));
      const [view, etag] = await Promise.all([
        viewTicket(ctx, updated, [], baseUrl(request, ctx)),
        ticketETag(ctx, updated),
      ]);
      reply.header('etag', etag);
      return view;
    },
  );

  app.delete(
    '/tickets/:id',
    { schema: { tags, summary: 'Delete a ticket (to trash)', params: idParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await deleteTicket(ctx, await loadTicket(ctx, request.params.id));
      return reply.code(204).send();
    },
  );

  app.put(
    '/tickets/:id/restore',
    { schema: { tags, summary: 'Restore a deleted ticket', params: idParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await restoreTicket(ctx, await loadTicket(ctx, request.params.id));
      return reply.code(204).send();
    },
  );

  app.get(
    '/tickets/:id/conversations',
    { schema: { tags, summary: "List a ticket's conversations", params: idParams, querystring: pageQuery } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ticket = await loadTicket(ctx, request.params.id);
      const { page, per_page } = request.query;
      const url = baseUrl(request, ctx);
      const rows = await listConversations(ctx.db, ticket.id, per_page + 1, (page - 1) * per_page);
      return presentConversations(ctx, paginate(request, reply, rows, request.query, url), url);
    },
  );

  app.put(
    '/conversations/:id',
    {
      schema: { tags, summary: 'Edit a note or agent reply', params: idParams, body: updateConversationBody },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { conversation } = await loadConversation(ctx, request.params.id);
      const updated = await updateConversation(ctx, conversation, request.body);
      return (await presentConversations(ctx, [updated], baseUrl(request, ctx)))[0];
    },
  );

  app.delete(
    '/conversations/:id',
    { schema: { tags, summary: 'Delete a conversation', params: idParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { conversation } = await loadConversation(ctx, request.params.id);
      await deleteConversation(ctx, conversation);
      return reply.code(204).send();
    },
  );

  app.get(
    '/attachments/:id',
    { schema: { tags, summary: 'Download an attachment', params: idParams }, config: { anyAccept: true } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const attachment = await findAttachmentForDownload(ctx.db, request.params.id);
      if (!attachment || attachment.ticket_id === null) throw notFound();
      await loadTicket(ctx, attachment.ticket_id);
      const stream = await attachmentStore(ctx.services)
        .open(attachment.storage_key)
        .catch(() => {
          throw notFound();
        });
      return reply
        .header('content-type', attachment.content_type)
        .header('content-length', String(attachment.size))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
};

/** Freshdesk v2 tickets, conversations and attachments (A6, A7). */
export const ticketsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(uploadRoutes);
  await app.register(jsonRoutes);
};
