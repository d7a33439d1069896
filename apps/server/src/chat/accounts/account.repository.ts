import type { ChatDb } from '../db.js';

export function findAccount(db: ChatDb) {
  return db
    .selectFrom('accounts')
    .select(['id', 'app_id', 'widget_token', 'name', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
}

export type AccountRow = Awaited<ReturnType<typeof findAccount>>;
