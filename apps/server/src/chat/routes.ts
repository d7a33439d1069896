import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts/index.js';
import { apiTokenRoutes } from './api-tokens/index.js';

/** Every Chat module's routes under the v2 base path (chat-v2.md). */
export async function registerChatRoutes(app: FastifyInstance) {
  await app.register(
    async (api) => {
      await api.register(accountRoutes);
      await api.register(apiTokenRoutes);
    },
    { prefix: '/v2' },
  );
}
