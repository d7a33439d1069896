import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import { presentCompany } from '../companies/index.js';
import { presentContact } from '../contacts/index.js';
import { customFieldDefaults } from '../ticket-fields/index.js';
import { presentTicket } from '../tickets/index.js';
import {
  COMPANY_SEARCH_CATALOG,
  CONTACT_SEARCH_CATALOG,
  ticketSearchCatalog,
  toSearchFilter,
} from './search-filter.js';
import { presentSearchResults } from './search.presenter.js';
import {
  listCustomTicketFields,
  listTicketAttachments,
  searchCompanies,
  searchContacts,
  searchTickets,
} from './search.repository.js';
import { searchSchema } from './search.schemas.js';

/** Freshdesk's filter-query search (A14): tickets within the caller's scope, contacts, companies. */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search/tickets',
    { schema: { tags: ['search'], summary: 'Search tickets with a filter query', ...searchSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const { query, page } = request.query;
      const filter = toSearchFilter(query, ticketSearchCatalog(await listCustomTicketFields(ctx.db)));
      const found = await searchTickets(ctx.db, filter, ctx.actor, page);
      const [defaults, attachments] = await Promise.all([
        customFieldDefaults(ctx.db, ctx.revisions.ticketFields),
        listTicketAttachments(
          ctx.db,
          found.rows.map((row) => row.id),
        ),
      ]);
      const baseUrl = baseUrlOf(request, ctx.services.config.publicUrl);
      // Same shape as a GET /tickets item: no description, the ticket's own attachments.
      return presentSearchResults(found, (row) =>
        presentTicket(row, {
          customFieldDefaults: defaults,
          attachments: attachments.filter((a) => a.ticket_id === row.id),
          baseUrl,
          withDescription: false,
        }),
      );
    },
  );

  app.get(
    '/search/contacts',
    { schema: { tags: ['search'], summary: 'Search contacts with a filter query', ...searchSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const { query, page } = request.query;
      const found = await searchContacts(ctx.db, toSearchFilter(query, CONTACT_SEARCH_CATALOG), page);
      return presentSearchResults(found, presentContact);
    },
  );

  app.get(
    '/search/companies',
    { schema: { tags: ['search'], summary: 'Search companies with a filter query', ...searchSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const { query, page } = request.query;
      const found = await searchCompanies(ctx.db, toSearchFilter(query, COMPANY_SEARCH_CATALOG), page);
      return presentSearchResults(found, presentCompany);
    },
  );
};
