import { accessDenied, fieldError } from '../../platform/http/errors.js';
import type { ChatActor } from '../context.js';

/*
 * Conversations are account-wide: an API token and every signed-in agent may read them all and
 * change assignment or status (the inbox's views are filters, not permissions).
 */

/**
 * Who a message may be sent as: an API token (an integration) speaks for the conversation's user
 * or any agent; a signed-in agent only as themselves.
 */
export function assertCanSendAs(actor: ChatActor, actorType: 'user' | 'agent', actorId: string) {
  if (actor.kind === 'agent' && (actorType !== 'agent' || actorId !== actor.agentId)) throw accessDenied();
}

/** The agent whose `mine` view is asked for: the signed-in agent, or `agent_id` for a token. */
export function mineViewAgentId(actor: ChatActor, agentId: string | undefined): string {
  if (agentId) return agentId;
  if (actor.kind === 'agent') return actor.agentId;
  throw fieldError('agent_id', 'missing_field', 'The mine view needs agent_id when called with an API token');
}
