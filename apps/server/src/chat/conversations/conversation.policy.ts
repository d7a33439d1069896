import { AppError, accessDenied, fieldError } from '../../platform/http/errors.js';
import type { ChatActor } from '../context.js';

/*
 * Conversations are account-wide: an API token and every signed-in agent may read them all and
 * change assignment or status (the inbox's views are filters, not permissions).
 */

/**
 * Who a message may be sent as: an API token (an integration) speaks for the conversation's user
 * or any agent; a signed-in agent only as themselves; a widget user only as themselves.
 */
export function assertCanSendAs(actor: ChatActor, actorType: 'user' | 'agent', actorId: string) {
  if (actor.kind === 'agent' && (actorType !== 'agent' || actorId !== actor.agentId)) throw accessDenied();
  if (actor.kind === 'user' && (actorType !== 'user' || actorId !== actor.userId)) throw accessDenied();
}

/**
 * A widget user reaches only their own conversations on their own site; anything else looks
 * absent (404), so ids cannot be probed. Staff reach every conversation.
 */
export function assertCanSeeConversation(
  actor: ChatActor,
  conversation: { user_id: string; site_id: string },
) {
  if (actor.kind !== 'user') return;
  if (conversation.user_id !== actor.userId || conversation.site_id !== actor.siteId)
    throw new AppError('not_found');
}

/** The agent whose `mine` view is asked for: the signed-in agent, or `agent_id` for a token. */
export function mineViewAgentId(actor: ChatActor, agentId: string | undefined): string {
  if (agentId) return agentId;
  if (actor.kind === 'agent') return actor.agentId;
  if (actor.kind === 'user') throw accessDenied();
  throw fieldError('agent_id', 'missing_field', 'The mine view needs agent_id when called with an API token');
}
