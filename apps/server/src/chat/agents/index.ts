/** Chat agents (C5): their /v2 routes, inbox sessions, and what other modules may use. */
export { agentRoutes } from './agent.routes.js';
export { sessionRoutes } from './session.routes.js';
export { agentInvitationRoutes } from './agent-invitation.routes.js';
export { createAgent } from './commands/create-agent.js';
export { inviteAgent, INVITATION_DAYS } from './commands/invite-agent.js';
export { assertCanCreateAgent } from './agent.policy.js';
export type { CreateAgentInput } from './agent.schemas.js';
export {
  findAgentById,
  findAgentsByEmails,
  groupIdsOfAgent,
  groupIdsOfAgents,
  type AgentRow,
} from './agent.repository.js';
export { presentAgent, type PresentedAgent } from './agent.presenter.js';
export { findAgentSessionByHash } from './session.repository.js';
export { pageEnvelope, pageLimitOffset, pageQuery, type PageRequest } from './pagination.js';
