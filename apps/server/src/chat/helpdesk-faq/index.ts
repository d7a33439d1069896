import type { FastifyInstance } from 'fastify';
import type { JobHandler } from '../../platform/jobs/index.js';
import type { ChatServices } from '../context.js';

/** The helpdesk's knowledge base as Chat's FAQ: tree, imports with progress, live sync (I3, B3). */
export async function faqImportRoutes(app: FastifyInstance) {
  void app;
}

/** Job queues this module runs (imports, live sync). */
export function faqImportJobHandlers(services: ChatServices): Record<string, JobHandler> {
  void services;
  return {};
}
