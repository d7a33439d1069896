import type { Updateable } from 'kysely';
import type { ChatChannelTable, DeskDb } from '../db.js';

const COLUMNS = [
  'enabled',
  'chat_url',
  'app_id',
  'widget_token',
  'identity_secret_sealed',
  'api_token_sealed',
  'verified_at',
  'updated_at',
] as const;

/** The chat channel settings (a single row), or undefined before an admin first saves them. */
export function findChatChannel(db: DeskDb) {
  return db.selectFrom('chat_channel').select(COLUMNS).where('id', '=', 1).executeTakeFirst();
}

export type ChatChannelRow = NonNullable<Awaited<ReturnType<typeof findChatChannel>>>;

export type ChatChannelValues = Pick<
  Updateable<ChatChannelTable>,
  | 'enabled'
  | 'chat_url'
  | 'app_id'
  | 'widget_token'
  | 'identity_secret_sealed'
  | 'api_token_sealed'
  | 'verified_at'
>;

/** Writes the settings row, creating it on first save. */
export async function saveChatChannelRow(db: DeskDb, values: ChatChannelValues): Promise<void> {
  const now = new Date();
  await db
    .insertInto('chat_channel')
    .values({ id: 1, enabled: false, ...values, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

/** The portals whose "enable chat on this portal" is on: each needs a site in Chat. */
export function listChatEnabledPortals(db: DeskDb) {
  return db
    .selectFrom('portals')
    .select(['id', 'name', 'host'])
    .where('chat_enabled', '=', true)
    .orderBy('id')
    .execute();
}
