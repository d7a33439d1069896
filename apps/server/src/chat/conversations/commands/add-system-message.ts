import { randomUUID } from 'node:crypto';
import { notFound } from '../../../platform/http/errors.js';
import { inTransaction, recordEvent, type ChatContext } from '../../context.js';
import {
  insertMessage,
  takeNextSeq,
  type ConversationRow,
  type MessageRow,
} from '../conversation.repository.js';

/** The wording of the system messages a conversation's changes leave behind. */
export const SYSTEM_TEXT = {
  resolved: 'Conversation resolved',
  reopened: 'Conversation reopened',
  unassigned: 'Conversation unassigned',
} as const;

/**
 * Appends a system message (actor_type and message_type `system`) such as an assignment,
 * resolve or reopen notice, with the conversation's next sequence number (recorded as an event).
 */
export async function addSystemMessage(
  ctx: ChatContext,
  conversationId: string,
  text: string,
  now: Date,
): Promise<{ message: MessageRow; conversation: ConversationRow }> {
  return inTransaction(ctx, async (tx) => {
    const { db } = tx;
    const conversation = await takeNextSeq(db, conversationId, now);
    if (!conversation) throw notFound();
    const message = await insertMessage(
      db,
      {
        id: randomUUID(),
        conversation_id: conversationId,
        seq: conversation.last_seq,
        client_message_id: null,
        actor_type: 'system',
        actor_id: null,
        message_type: 'system',
        message_parts: [{ text: { content: text } }],
        message_source: 'system',
      },
      now,
    );
    // No client id, so the insert cannot be skipped as a resend.
    if (!message) throw new Error('system message was not stored');
    recordEvent(tx, { type: 'message_create', conversation, message });
    return { message, conversation };
  });
}
