import type { FastifyInstance } from 'fastify';

export {
  createHelpdeskClient,
  HelpdeskError,
  normalizeHelpdeskUrl,
  type HelpdeskClient,
  type HelpdeskFieldError,
  type HelpdeskProblem,
} from './helpdesk-client.js';
export {
  explanationOf,
  helpdeskFailure,
  type HelpdeskCause,
  type HelpdeskExplanation,
} from './helpdesk-errors.js';
export {
  findHelpdeskConnection,
  helpdeskClientFor,
  helpdeskClientOf,
  type HelpdeskConnectionRow,
} from './helpdesk-connection.js';

/** Integrations > Helpdesk: connect, authenticate, switches, agent import (I1, I4, I5, B4). */
export async function helpdeskRoutes(app: FastifyInstance) {
  void app;
}
