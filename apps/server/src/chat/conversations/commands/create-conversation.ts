import { randomUUID } from 'node:crypto';
import { AppError, fieldError, validationError } from '../../../platform/http/errors.js';
import { inTransaction, recordEvent, type ChatContext } from '../../context.js';
import { findUserById } from '../../users/index.js';
import { insertConversation, type ConversationRow, type MessageRow } from '../conversation.repository.js';
import type { CreateConversationBody } from '../conversation.schemas.js';
import { applyConversationChanges } from './apply-conversation-changes.js';
import { sendMessage } from './send-message.js';

export interface CreateConversationResult {
  conversation: ConversationRow;
  /** The first messages as sent. */
  messages: MessageRow[];
  /** Notices the creation left (assignment, resolve). */
  systemMessages: MessageRow[];
}

/**
 * POST /conversations: a conversation of one existing user, on the user's site, with its first
 * messages and its assignment (round robin when only a group is given), all in one transaction.
 */
export async function createConversation(
  ctx: ChatContext,
  input: CreateConversationBody,
  source: string,
): Promise<CreateConversationResult> {
  const user = await findUserById(ctx.db, input.users[0]!.id);
  if (!user) throw fieldError('users.id', 'invalid_value', 'There is no user with this id');
  return inTransaction(ctx, async (tx) => {
    const now = new Date();
    const created = await insertConversation(
      tx.db,
      { id: randomUUID(), site_id: user.site_id, user_id: user.id, properties: input.properties ?? {} },
      now,
    );
    // First, so listeners hear of the conversation before its messages and assignment.
    recordEvent(tx, { type: 'conversation_create', conversation: created });
    const messages: MessageRow[] = [];
    let conversation = created;
    for (const message of input.messages ?? []) {
      const sent = await withFieldPrefix('messages', () =>
        sendMessage(tx, {
          conversationId: created.id,
          actorType: message.actor_type,
          actorId: message.actor_id,
          messageType: message.message_type,
          messageParts: message.message_parts,
          clientMessageId: message.client_message_id,
          source,
        }),
      );
      if (sent.created) messages.push(sent.message);
      conversation = sent.conversation;
    }
    const changed = await applyConversationChanges(tx, conversation, {
      status: input.status,
      assigned_agent_id: input.assigned_agent_id,
      assigned_group_id: input.assigned_group_id,
    });
    return { conversation: changed.conversation, messages, systemMessages: changed.systemMessages };
  });
}

/** Reports a nested command's field errors under the body key they came from. */
async function withFieldPrefix<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors.length)
      throw validationError(error.fieldErrors.map((e) => ({ ...e, field: `${prefix}.${e.field}` })));
    throw error;
  }
}
