import type { ChatDb } from '../db.js';
import type { MessageRow } from '../conversations/index.js';

const MESSAGE_COLUMNS = [
  'm.id',
  'm.conversation_id',
  'm.seq',
  'm.client_message_id',
  'm.actor_type',
  'm.actor_id',
  'm.message_type',
  'm.message_parts',
  'm.message_source',
  'm.created_at',
] as const;

/** The account's widget token for an app id (compared by the caller in constant time). */
export function findWidgetTokenOfApp(db: ChatDb, appId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'widget_token'])
    .where('app_id', '=', appId)
    .executeTakeFirst();
}

/** The user's conversations with the last sequence number each has reached. */
export function listConversationSeqsOfUser(db: ChatDb, userId: string) {
  return db.selectFrom('conversations').select(['id', 'last_seq']).where('user_id', '=', userId).execute();
}

/**
 * A message the user sent with this client id in any of their conversations: the resend of a
 * first message that created a conversation names no conversation yet.
 */
export function findUserMessageByClientId(
  db: ChatDb,
  userId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(MESSAGE_COLUMNS)
    .where('c.user_id', '=', userId)
    .where('m.actor_type', '=', 'user')
    .where('m.client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

/** Every message after a sequence number, ascending, private notes included (agent audience). */
export function listMessagesForAgents(db: ChatDb, conversationId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('messages as m')
    .select(MESSAGE_COLUMNS)
    .where('m.conversation_id', '=', conversationId)
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .limit(limit)
    .execute();
}
