import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf, paginate, pageOffset } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskContext } from '../context.js';
import { createContact } from './commands/create-contact.js';
import { deleteContact } from './commands/delete-contact.js';
import { hardDeleteContact } from './commands/hard-delete-contact.js';
import { restoreContact } from './commands/restore-contact.js';
import { updateContact } from './commands/update-contact.js';
import { presentContactFields } from './contact-fields.js';
import { assertCanDeleteContacts, assertCanReadContacts, assertCanWriteContacts } from './contact.policy.js';
import { presentContact, presentContactSuggestion } from './contact.presenter.js';
import { autocompleteContacts, findContactById, listContacts } from './contact.repository.js';
import {
  autocompleteContactsSchema,
  createContactSchema,
  hardDeleteContactSchema,
  listContactsSchema,
  restoreContactSchema,
  updateContactSchema,
  viewContactSchema,
} from './contact.schemas.js';

const tags = ['contacts'];
const AUTOCOMPLETE_LIMIT = 25;

/** A contact by id; agents are not contacts on this API (they live under /agents). */
async function loadContact(ctx: DeskContext, id: number) {
  const contact = await findContactById(ctx.db, id);
  if (!contact || contact.is_agent) throw notFound();
  return contact;
}

export const contactsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/contacts',
    { schema: { tags, summary: 'Create a contact', ...createContactSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanWriteContacts(ctx.actor);
      const contact = await createContact(ctx, request.body);
      const base = baseUrlOf(request, ctx.services.config.publicUrl);
      reply.status(201).header('location', `${base}/api/v2/contacts/${contact.id}`);
      return presentContact(contact);
    },
  );

  app.get(
    '/contacts',
    { schema: { tags, summary: 'List contacts', ...listContactsSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanReadContacts(ctx.actor);
      const q = request.query;
      const rows = await listContacts(
        ctx.db,
        {
          email: q.email,
          mobile: q.mobile,
          phone: q.phone,
          companyId: q.company_id,
          state: q.state,
          updatedSince: q._updated_since,
        },
        { limit: q.per_page + 1, offset: pageOffset(q) },
      );
      const base = baseUrlOf(request, ctx.services.config.publicUrl);
      return paginate(request, reply, rows, q, base).map(presentContact);
    },
  );

  app.get(
    '/contacts/autocomplete',
    { schema: { tags, summary: 'Autocomplete contacts by name or email', ...autocompleteContactsSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadContacts(ctx.actor);
      const rows = await autocompleteContacts(ctx.db, request.query.term, AUTOCOMPLETE_LIMIT);
      return rows.map(presentContactSuggestion);
    },
  );

  app.get(
    '/contacts/:id',
    { schema: { tags, summary: 'View a contact', ...viewContactSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadContacts(ctx.actor);
      return presentContact(await loadContact(ctx, request.params.id));
    },
  );

  app.put(
    '/contacts/:id',
    { schema: { tags, summary: 'Update a contact', ...updateContactSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const contact = await loadContact(ctx, request.params.id);
      assertCanWriteContacts(ctx.actor);
      return presentContact(await updateContact(ctx, contact, request.body));
    },
  );

  app.delete(
    '/contacts/:id',
    { schema: { tags, summary: 'Soft delete a contact', ...viewContactSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteContacts(ctx.actor);
      const contact = await loadContact(ctx, request.params.id);
      // Already in the trash: nothing to delete, as Freshdesk answers.
      if (contact.deleted) throw notFound();
      await deleteContact(ctx, contact);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/contacts/:id/hard_delete',
    { schema: { tags, summary: 'Permanently delete a contact', ...hardDeleteContactSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteContacts(ctx.actor);
      const contact = await loadContact(ctx, request.params.id);
      await hardDeleteContact(ctx, contact, request.query.force);
      return reply.status(204).send();
    },
  );

  app.put(
    '/contacts/:id/restore',
    { schema: { tags, summary: 'Restore a soft-deleted contact', ...restoreContactSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteContacts(ctx.actor);
      const contact = await loadContact(ctx, request.params.id);
      // Only deleted contacts can be restored; a live one is not in the trash.
      if (!contact.deleted) throw notFound();
      await restoreContact(ctx, contact);
      return reply.status(204).send();
    },
  );

  app.get('/contact_fields', { schema: { tags, summary: 'List contact fields' } }, async (request) => {
    const ctx = contextOf(request);
    assertCanReadContacts(ctx.actor);
    return presentContactFields();
  });
};
