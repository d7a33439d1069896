import type { FastifyInstance } from 'fastify';
import { agentsRoutes } from './agents/index.js';
import { companiesRoutes } from './companies/index.js';
import { contactsRoutes } from './contacts/index.js';
import { groupsRoutes } from './groups/index.js';
import { roleRoutes } from './roles/index.js';
import { searchRoutes } from './search/index.js';
import { ticketFieldsRoutes } from './ticket-fields/index.js';
import { ticketsRoutes } from './tickets/index.js';

/** Every Desk module's routes, under the Freshdesk v2 base path. */
export async function registerDeskRoutes(app: FastifyInstance) {
  await app.register(
    async (api) => {
      await api.register(ticketsRoutes);
      await api.register(ticketFieldsRoutes);
      await api.register(contactsRoutes);
      await api.register(companiesRoutes);
      await api.register(agentsRoutes);
      await api.register(groupsRoutes);
      await api.register(roleRoutes);
      await api.register(searchRoutes);
    },
    { prefix: '/api/v2' },
  );
}
