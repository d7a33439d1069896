import { MESSAGE_COLUMNS_AS_M } from '../conversations/index.js';
import type { ChatDb } from '../db.js';

const MESSAGE_COLUMNS = MESSAGE_COLUMNS_AS_M;

/** The user's conversations with the last sequence number each has reached. */
export function listConversationSeqsOfUser(db: ChatDb, userId: string) {
  return db.selectFrom('conversations').select(['id', 'last_seq']).where('user_id', '=', userId).execute();
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

/** Whether any active agent is available now (the widget's "team online"). */
export async function anyAgentAvailable(db: ChatDb): Promise<boolean> {
  const row = await db
    .selectFrom('agents')
    .select('id')
    .where('availability', '=', 'available')
    .where('is_deactivated', '=', false)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
