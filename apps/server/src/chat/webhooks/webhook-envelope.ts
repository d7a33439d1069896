import { isoTime } from '../../platform/http/format.js';
import type { ChatActor } from '../context.js';
import { presentConversation } from '../conversations/index.js';
import type { WebhookChatEvent } from '../events.js';

type EnvelopeActor = { actor_type: 'user' | 'agent' | 'system'; actor_id: string | null };

/** Who acted, as chat-v2.md B7: an agent session is that agent, a widget user that user; an API token acts as the system. */
function actorOf(actor: ChatActor): EnvelopeActor {
  if (actor.kind === 'agent') return { actor_type: 'agent', actor_id: actor.agentId };
  if (actor.kind === 'user') return { actor_type: 'user', actor_id: actor.userId };
  return { actor_type: 'system', actor_id: null };
}

/**
 * The B7 envelope `{actor, action, action_time, data}` for an event, built when the event is
 * recorded so the payload is what happened then, not what the rows say at delivery time.
 * We have no separate interactions: `interaction_id` is the conversation id.
 */
export function webhookEnvelope(
  event: WebhookChatEvent,
  actor: ChatActor,
  appId: string | null,
  at = new Date(),
) {
  const conversation = presentConversation(event.conversation, appId);
  const interaction_id = event.conversation.id;
  const who = actorOf(actor);
  const base = { action: event.type, action_time: isoTime(at) };
  switch (event.type) {
    case 'message_create': {
      const m = event.message;
      return {
        actor: { actor_type: m.actor_type, actor_id: m.actor_id },
        ...base,
        data: {
          message: {
            id: m.id,
            conversation_id: m.conversation_id,
            interaction_id,
            app_id: appId,
            actor_type: m.actor_type,
            actor_id: m.actor_id,
            user_id: event.conversation.user_id,
            message_type: m.message_type,
            message_parts: m.message_parts,
            message_source: m.message_source,
            created_time: isoTime(m.created_at),
            seq: m.seq,
          },
        },
      };
    }
    case 'conversation_assignment':
      return {
        actor: who,
        ...base,
        data: {
          assignment: {
            assignor: who.actor_type,
            assignor_id: who.actor_id,
            to_agent_id: event.conversation.assigned_agent_id,
            to_group_id: event.conversation.assigned_group_id,
            // The event carries the new assignment only.
            from_agent_id: null,
            from_group_id: null,
            conversation,
            interaction_id,
          },
        },
      };
    case 'conversation_resolution':
      return {
        actor: who,
        ...base,
        data: {
          resolve: {
            resolver: who.actor_type,
            resolver_id: who.actor_id,
            conversation,
            interaction_id,
            user: { id: event.conversation.user_id },
          },
        },
      };
    case 'conversation_reopen':
      return {
        actor: who,
        ...base,
        data: {
          reopen: {
            reopener: who.actor_type,
            reopener_id: who.actor_id,
            conversation: { ...conversation, status: 'reopened' },
            interaction_id,
          },
        },
      };
  }
}
