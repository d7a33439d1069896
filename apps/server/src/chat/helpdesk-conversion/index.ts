import type { FastifyInstance } from 'fastify';
import type { JobHandler } from '../../platform/jobs/index.js';
import type { ChatServices } from '../context.js';

/** Field mapping, mapping health, convert preview and convert (I2, I6, I7, B2, B5, B6). */
export async function conversionRoutes(app: FastifyInstance) {
  void app;
}

/** Job queues this module runs (queued conversions after a 429, ...). */
export function conversionJobHandlers(services: ChatServices): Record<string, JobHandler> {
  void services;
  return {};
}
