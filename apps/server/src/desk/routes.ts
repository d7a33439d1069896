import type { FastifyInstance } from 'fastify';
import type { DeskServices } from './context.js';
import { agentsRoutes } from './agents/index.js';
import { companiesRoutes } from './companies/index.js';
import { contactsRoutes } from './contacts/index.js';
import { groupsRoutes } from './groups/index.js';
import { kbSearchRoutes } from './kb-search/index.js';
import { portalAdminRoutes, portalPageRoutes } from './portal/index.js';
import { roleRoutes } from './roles/index.js';
import { searchRoutes } from './search/index.js';
import { solutionsRoutes } from './solutions/index.js';
import { ticketFieldsRoutes } from './ticket-fields/index.js';
import { ticketsRoutes } from './tickets/index.js';

/** Every Desk module's routes: the API under the Freshdesk v2 base path, and the portal pages. */
export async function registerDeskRoutes(app: FastifyInstance, services: DeskServices) {
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
      await api.register(solutionsRoutes);
      await api.register(kbSearchRoutes);
      await api.register(portalAdminRoutes);
    },
    { prefix: '/api/v2' },
  );
  // Customer portals: server-rendered pages, outside the API (no API key, contact sessions).
  await app.register(portalPageRoutes, { services });
}
