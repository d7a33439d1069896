/**
 * Agent sign-in for the Desk agent UI: email and password → a session cookie with a CSRF token
 * (throttled like portal sign-in); /api/v2 accepts the session as an alternative to Basic auth.
 */
export { agentAuthRoutes } from './agent-auth.routes.js';
export { AGENT_SESSION_COOKIE, CSRF_HEADER, authenticateAgentSession, usesAgentSession } from './session.js';
export { signInAgent, type AgentSignInResult } from './commands/sign-in-agent.js';
export { deleteAgentSessionsOf as endAgentSessions } from './agent-auth.repository.js';
