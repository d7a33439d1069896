import type { FastifyInstance } from 'fastify';
import type { JobHandler } from '../../platform/jobs/index.js';
import type { ChatServices } from '../context.js';
import { CONVERSION_QUEUE } from './commands/convert-conversation.js';
import { runQueuedConversion } from './commands/run-queued-conversion.js';
import { REPLY_QUEUE, runReplyPoll } from './commands/sync-ticket-replies.js';
import { conversionRouteRecipes } from './conversion.routes.js';

/** Field mapping, mapping health, convert preview and convert (I2, I6, I7, B2, B5). */
export async function conversionRoutes(app: FastifyInstance) {
  await app.register(conversionRouteRecipes);
}

/** Job queues this module runs: conversions queued after a 429 (B2), the ticket reply poller (B6). */
export function conversionJobHandlers(services: ChatServices): Record<string, JobHandler> {
  return {
    [CONVERSION_QUEUE]: async (payload) => {
      const { conversation_id: conversationId } = payload as { conversation_id: string };
      await runQueuedConversion(services, conversationId);
    },
    [REPLY_QUEUE]: (payload) => runReplyPoll(services, payload),
  };
}

export { CONVERSION_QUEUE, REPLY_QUEUE };
