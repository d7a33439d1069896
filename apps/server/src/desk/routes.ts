import type { FastifyInstance } from 'fastify';
import type { DeskServices } from './context.js';
import { agentAppRoutes } from './agent-app/index.js';
import { agentAuthRoutes } from './agent-auth/index.js';
import { agentsRoutes } from './agents/index.js';
import { chatChannelRoutes, chatPanelLocation, chatPanelRoutes } from './chat-channel/index.js';
import { companiesRoutes } from './companies/index.js';
import { contactsRoutes } from './contacts/index.js';
import { groupsRoutes } from './groups/index.js';
import { kbSearchRoutes } from './kb-search/index.js';
import { portalAdminRoutes, portalPageRoutes } from './portal/index.js';
import { portalAuthApiRoutes } from './portal-auth/index.js';
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
      await api.register(portalAuthApiRoutes);
      await api.register(chatChannelRoutes);
    },
    { prefix: '/api/v2' },
  );
  // Customer portals: server-rendered pages, outside the API (no API key, contact sessions),
  // and so left out of the API's OpenAPI document.
  await app.register(async (pages) => {
    pages.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    await pages.register(portalPageRoutes, { services });
  });
  // The agent UI (Tandem extension): agent sessions at /api/_session, the single-page app at /a.
  await app.register(agentAuthRoutes, { services });
  // The docked chat panel (D8): where Chat is, and /a may frame that origin.
  await app.register(chatPanelRoutes, { services });
  await app.register(agentAppRoutes, {
    chatOrigin: async () => (await chatPanelLocation(services.db))?.origin,
  });
}
