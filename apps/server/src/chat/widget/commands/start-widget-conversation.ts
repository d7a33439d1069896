import { AppError } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import {
  createConversation,
  findConversationById,
  type ConversationRow,
  type MessageRow,
} from '../../conversations/index.js';
import { widgetUserOf } from '../widget.policy.js';
import { findOwnMessageByClientId } from '../widget.repository.js';
import type { WidgetMessageBody } from '../widget.schemas.js';
import { checkWidgetParts } from './check-widget-parts.js';

export interface WidgetConversationStarted {
  conversation: ConversationRow;
  message: MessageRow;
  /** False for a resend of a first message already stored (same client_message_id). */
  created: boolean;
}

/**
 * A new conversation of the widget user, on their site, opened by their first message (as the
 * socket's first send does). A resend with the same client_message_id answers the original.
 */
export async function startWidgetConversation(
  ctx: ChatContext,
  input: WidgetMessageBody,
  baseUrl: string,
): Promise<WidgetConversationStarted> {
  const { userId } = widgetUserOf(ctx.actor);
  if (input.client_message_id) {
    const original = await findOwnMessageByClientId(ctx.db, userId, input.client_message_id);
    const conversation = original && (await findConversationById(ctx.db, original.conversation_id));
    if (original && conversation) return { conversation, message: original, created: false };
  }
  const parts = await checkWidgetParts(ctx.db, input.message_parts, baseUrl);
  const created = await createConversation(
    ctx,
    {
      users: [{ id: userId }],
      messages: [
        {
          actor_type: 'user',
          actor_id: userId,
          message_type: 'normal',
          message_parts: parts,
          client_message_id: input.client_message_id,
        },
      ],
    },
    'web',
  );
  const message = created.messages[0];
  if (!message) throw new AppError('internal_error');
  return { conversation: created.conversation, message, created: true };
}
