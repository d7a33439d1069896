/** Serving the Chat inbox (apps/agent-ui's `inbox` build) at /inbox. */
export { agentAppRoutes, type AgentAppRoutesOptions } from './agent-app.routes.js';
export { agentAppDist, DEFAULT_INBOX_DIST_DIR, type AgentAppDist } from './agent-app-dist.js';
export { inboxCsp } from './agent-app.csp.js';
export { panelFrameAncestors } from './panel-ancestors.js';
