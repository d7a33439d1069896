import { validationError } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import { sendMessage, type ConversationRow } from '../../conversations/index.js';
import { widgetUserOf } from '../widget.policy.js';
import type { WidgetMessageBody } from '../widget.schemas.js';
import { checkWidgetParts } from './check-widget-parts.js';

/**
 * The widget user's message to one of their conversations (the caller has checked it is
 * theirs), through the one message write path: idempotent on client_message_id, and it reopens
 * a resolved conversation. A client id that names someone else's message (an agent's, a note)
 * is a clash (409), never an answer showing that message.
 */
export async function sendWidgetMessage(
  ctx: ChatContext,
  conversation: ConversationRow,
  input: WidgetMessageBody,
  baseUrl: string,
) {
  const { userId } = widgetUserOf(ctx.actor);
  const parts = await checkWidgetParts(ctx.db, input.message_parts, baseUrl);
  const result = await sendMessage(ctx, {
    conversationId: conversation.id,
    conversation,
    actorType: 'user',
    actorId: userId,
    messageType: 'normal',
    messageParts: parts,
    clientMessageId: input.client_message_id,
    source: 'web',
  });
  if (!result.created && (result.message.actor_type !== 'user' || result.message.actor_id !== userId)) {
    throw clientIdClash();
  }
  return result;
}

export const clientIdClash = () =>
  validationError([
    {
      field: 'client_message_id',
      code: 'duplicate_value',
      message: 'This client_message_id is already used by another message of the conversation',
    },
  ]);
