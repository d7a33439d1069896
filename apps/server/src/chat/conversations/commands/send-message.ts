import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FieldErrors, notFound } from '../../../platform/http/errors.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { findAgentById } from '../../agents/index.js';
import { inTransaction, recordEvent, type ChatContext } from '../../context.js';
import type { ChatDb } from '../../db.js';
import {
  findConversationById,
  findMessageByClientId,
  giveBackSeq,
  insertMessage,
  takeNextSeq,
  updateConversationRow,
  type ConversationRow,
  type MessageRow,
} from '../conversation.repository.js';
import { clientMessageId as clientMessageIdSchema, messageParts } from '../conversation.schemas.js';
import { addSystemMessage, SYSTEM_TEXT } from './add-system-message.js';

export interface SendMessageInput {
  conversationId: string;
  /**
   * That conversation's row when the caller has already read it (saves a read); the sequence
   * number and status still come from the row locked in the transaction.
   */
  conversation?: ConversationRow;
  actorType: 'user' | 'agent';
  actorId: string;
  messageType?: 'normal' | 'private';
  /** Validated here, so REST and realtime senders share one rule. */
  messageParts: unknown;
  /** The sender's idempotency key: a resend with the same key stores nothing new. */
  clientMessageId?: string | null | undefined;
  /** Where it came from: `api` (REST), `web` (widget), ... */
  source: string;
}

export interface SendMessageResult {
  /** The stored message: the new one, or on a resend the original. */
  message: MessageRow;
  /** False when this was a resend of a client message id already stored. */
  created: boolean;
  /** The conversation after the send. */
  conversation: ConversationRow;
  /** System messages the send caused (the reopen notice), for realtime delivery after commit. */
  systemMessages: MessageRow[];
}

const sendInput = z.object({
  message_parts: messageParts,
  client_message_id: clientMessageIdSchema.nullish(),
});

/**
 * THE message write path (REST now, sockets later). In one transaction: take the conversation's
 * next sequence number (the row lock orders concurrent senders), store the message with it, and
 * reopen a resolved conversation on a user message. A client message id already stored in the
 * conversation returns the original message and stores nothing; the acknowledgement (id, seq)
 * is therefore the same however often a client resends.
 */
export async function sendMessage(ctx: ChatContext, input: SendMessageInput): Promise<SendMessageResult> {
  const parsed = parseOrThrow(sendInput, {
    message_parts: input.messageParts,
    client_message_id: input.clientMessageId,
  });
  const clientMessageId = parsed.client_message_id ?? null;
  const messageType = input.messageType ?? 'normal';

  const conversation =
    input.conversation?.id === input.conversationId
      ? input.conversation
      : await findConversationById(ctx.db, input.conversationId);
  if (!conversation) throw notFound();
  // In a caller's transaction a resend cannot be rolled back on its own: look it up first.
  const nested = ctx.db.isTransaction;
  const resent = async () =>
    clientMessageId ? await findMessageByClientId(ctx.db, conversation.id, clientMessageId) : undefined;
  const answer = (original: MessageRow): SendMessageResult => ({
    message: original,
    created: false,
    conversation,
    systemMessages: [],
  });
  if (nested) {
    const original = await resent();
    if (original) return answer(original);
  }
  try {
    await checkSender(ctx.db, conversation, input.actorType, input.actorId, messageType);
  } catch (error) {
    // A resend is answered with the original whoever sends it, as before any sender check.
    const original = nested ? undefined : await resent();
    if (original) return answer(original);
    throw error;
  }

  // The common case, in one autocommit statement shared with the other sends waiting (group
  // commit; one round trip instead of four): no caller's transaction to join, no
  // recorded-listener (webhook) that must write in the same transaction, and not a user message
  // that reopens a resolved conversation (the statement skips those).
  if (!nested && !ctx.services.events.recordedInterest('message_create')) {
    let message: MessageRow | undefined;
    try {
      message = await ctx.services.messageWriter.store({
        values: {
          id: randomUUID(),
          conversation_id: conversation.id,
          client_message_id: clientMessageId,
          actor_type: input.actorType,
          actor_id: input.actorId,
          message_type: messageType,
          message_parts: parsed.message_parts,
          message_source: input.source,
        },
        unlessResolved: input.actorType === 'user',
      });
    } catch (error) {
      // A resend: the failed statement took no number; the original is the answer.
      if (clientMessageId && isUniqueViolation(error)) {
        const original = await resent();
        if (original) return answer(original);
      }
      throw error;
    }
    if (message) {
      const after: ConversationRow = {
        ...conversation,
        last_seq: message.seq,
        updated_at: message.created_at,
      };
      recordEvent(ctx, { type: 'message_create', conversation: after, message });
      return { message, created: true, conversation: after, systemMessages: [] };
    }
    // Nothing written: the conversation is resolved (this message reopens it) or gone.
  }

  try {
    return await inTransaction(ctx, async (tx) => {
      const now = new Date();
      const locked = await takeNextSeq(tx.db, conversation.id, now);
      if (!locked) throw notFound();
      const message = await insertMessage(
        tx.db,
        {
          id: randomUUID(),
          conversation_id: conversation.id,
          seq: locked.last_seq,
          client_message_id: clientMessageId,
          actor_type: input.actorType,
          actor_id: input.actorId,
          message_type: messageType,
          message_parts: parsed.message_parts,
          message_source: input.source,
        },
        now,
      );
      // A resend (the common case: an ack lost on the way back), found by ON CONFLICT rather
      // than by a lookup before every send: rolling back undoes the taken number and
      // updated_at, and the original is the answer (below).
      if (!message && !nested) throw alreadyStored();
      if (!message) {
        // A resend with this client id committed while this one waited for the lock: the
        // number goes back (the lock is still ours, so no gap) and the original is the answer.
        await giveBackSeq(tx.db, conversation.id);
        const original = await findMessageByClientId(tx.db, conversation.id, clientMessageId!);
        if (!original) throw new Error('client message id clashed but the original is missing');
        return {
          message: original,
          created: false,
          conversation: { ...locked, last_seq: locked.last_seq - 1 },
          systemMessages: [],
        };
      }
      recordEvent(tx, { type: 'message_create', conversation: locked, message });
      if (input.actorType === 'user' && locked.status === 'resolved') {
        await updateConversationRow(tx.db, conversation.id, { status: 'reopened' }, now);
        const notice = await addSystemMessage(tx, conversation.id, SYSTEM_TEXT.reopened, now);
        recordEvent(tx, { type: 'conversation_reopen', conversation: notice.conversation });
        return {
          message,
          created: true,
          conversation: notice.conversation,
          systemMessages: [notice.message],
        };
      }
      return { message, created: true, conversation: locked, systemMessages: [] };
    });
  } catch (error) {
    if ((error as { alreadyStored?: unknown } | null)?.alreadyStored === true) {
      const original = await resent();
      if (!original) throw new Error('client message id clashed but the original is missing');
      return answer(original);
    }
    // ON CONFLICT covers the race; this covers a clash surfacing as an error all the same
    // (only outside a caller's transaction, which a failed statement has aborted).
    if (clientMessageId && isUniqueViolation(error) && !ctx.db.isTransaction) {
      const original = await findMessageByClientId(ctx.db, conversation.id, clientMessageId);
      const current = await findConversationById(ctx.db, conversation.id);
      if (original && current)
        return { message: original, created: false, conversation: current, systemMessages: [] };
    }
    throw error;
  }
}

const alreadyStored = () =>
  Object.assign(new Error('client message id already stored'), { alreadyStored: true });

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/** A user message comes from the conversation's user and is never private; an agent must exist. */
async function checkSender(
  db: ChatDb,
  conversation: ConversationRow,
  actorType: 'user' | 'agent',
  actorId: string,
  messageType: 'normal' | 'private',
) {
  const errors = new FieldErrors();
  if (actorType === 'user') {
    if (actorId !== conversation.user_id)
      errors.add('actor_id', 'invalid_value', "It should be the conversation's user");
    if (messageType === 'private')
      errors.add('message_type', 'invalid_value', 'Only agents write private notes');
  } else {
    const agent = await findAgentById(db, actorId);
    if (!agent || agent.is_deactivated)
      errors.add('actor_id', 'invalid_value', 'There is no active agent with this id');
  }
  errors.throwIfAny();
}
