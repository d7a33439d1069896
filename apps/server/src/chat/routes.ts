import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts/index.js';
import { agentRoutes, sessionRoutes } from './agents/index.js';
import { apiTokenRoutes } from './api-tokens/index.js';
import { conversationRoutes } from './conversations/index.js';
import { csatRoutes } from './csat/index.js';
import { siteRoutes } from './sites/index.js';
import { userPropertyRoutes } from './user-properties/index.js';
import { identityVerificationRoutes, userRoutes } from './users/index.js';
import { groupRoutes } from './groups/index.js';
import { roleRoutes } from './roles/index.js';
import { webhookRoutes } from './webhooks/index.js';
import { fileRoutes } from './files/index.js';
import { widgetRoutes } from './widget/index.js';
import { faqRoutes, faqWidgetRoutes } from './faq/index.js';
import { widgetBootstrapRoutes } from './widget-assets/index.js';
import { helpdeskRoutes } from './helpdesk/index.js';
import { conversionRoutes } from './helpdesk-conversion/index.js';
import { faqImportRoutes } from './helpdesk-faq/index.js';

/** Every Chat module's routes under the v2 base path (chat-v2.md). */
export async function registerChatRoutes(app: FastifyInstance) {
  await app.register(
    async (api) => {
      await api.register(accountRoutes);
      await api.register(apiTokenRoutes);
      await api.register(siteRoutes);
      await api.register(userPropertyRoutes);
      await api.register(userRoutes);
      await api.register(identityVerificationRoutes);
      await api.register(agentRoutes);
      await api.register(sessionRoutes);
      await api.register(groupRoutes);
      await api.register(roleRoutes);
      await api.register(conversationRoutes);
      await api.register(csatRoutes);
      await api.register(webhookRoutes);
      await api.register(fileRoutes);
      await api.register(widgetRoutes);
      await api.register(faqRoutes);
      await api.register(faqWidgetRoutes);
      await api.register(widgetBootstrapRoutes);
      await api.register(helpdeskRoutes);
      await api.register(conversionRoutes);
      await api.register(faqImportRoutes);
    },
    { prefix: '/v2' },
  );
}
