export { agentRoutes as agentsRoutes } from './agent.routes.js';
export { findAgentById, findExistingAgentIds, type AgentRow } from './agent.repository.js';
