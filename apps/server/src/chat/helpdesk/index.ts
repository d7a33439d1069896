import type { FastifyInstance } from 'fastify';
import { agentInvitationRoutes } from '../agents/index.js';
import { helpdeskConnectionRoutes } from './helpdesk.routes.js';

export {
  createHelpdeskClient,
  HelpdeskError,
  normalizeHelpdeskUrl,
  type HelpdeskClient,
  type HelpdeskFieldError,
  type HelpdeskProblem,
  type HelpdeskResponse,
} from './helpdesk-client.js';
export {
  explanationOf,
  helpdeskFailure,
  notConnectedFailure,
  type HelpdeskCause,
  type HelpdeskExplanation,
} from './helpdesk-errors.js';
export {
  findHelpdeskConnection,
  helpdeskClientFor,
  helpdeskClientOf,
  type HelpdeskConnectionRow,
} from './helpdesk-connection.js';
export { explainHelpdeskError, inspectKeyOwner, isAdminRoleName, refusalOf } from './key-owner.js';

/** Integrations > Helpdesk: connect, authenticate, switches, agent import (I1, I4, I5, B4). */
export async function helpdeskRoutes(app: FastifyInstance) {
  await app.register(helpdeskConnectionRoutes);
  // The invitation link imported agents get (B4); the agents module owns it.
  await app.register(agentInvitationRoutes);
}
