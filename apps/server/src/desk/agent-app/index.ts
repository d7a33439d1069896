/** Serving the Desk agent UI at /a (built by apps/agent-ui `--mode desk`). */
export {
  agentAppCsp,
  agentAppRoutes,
  AGENT_APP_CSP,
  type AgentAppRoutesOptions,
} from './agent-app.routes.js';
export { agentAppDist, DEFAULT_AGENT_APP_DIST_DIR, type AgentAppDist } from './agent-app.dist.js';
