import type { ChatDb } from '../db.js';

export interface NewWidgetSession {
  id: string;
  user_id: string;
  site_id: string;
  token_hash: string;
  expires_at: Date;
}

export async function insertWidgetSession(db: ChatDb, values: NewWidgetSession) {
  await db
    .insertInto('widget_sessions')
    .values({ ...values, created_at: new Date() })
    .execute();
}

/**
 * An unexpired widget session by token hash, with its user and site. The user's own site is
 * read too: a session is only good while its user still belongs to the site it was opened on.
 */
export async function findWidgetSessionByHash(
  db: ChatDb,
  hash: string,
): Promise<{ id: string; userId: string; siteId: string } | undefined> {
  const row = await db
    .selectFrom('widget_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.site_id'])
    .where('s.token_hash', '=', hash)
    .where('s.expires_at', '>', new Date())
    .whereRef('u.site_id', '=', 's.site_id')
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, siteId: row.site_id };
}

/** Which of these token hashes still name an unexpired session whose user is still on its site. */
export async function findLiveWidgetSessionHashes(db: ChatDb, hashes: string[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const rows = await db
    .selectFrom('widget_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('s.token_hash')
    .where('s.token_hash', 'in', hashes)
    .where('s.expires_at', '>', new Date())
    .whereRef('u.site_id', '=', 's.site_id')
    .execute();
  return new Set(rows.map((row) => row.token_hash));
}

export async function deleteWidgetSession(db: ChatDb, hash: string) {
  await db.deleteFrom('widget_sessions').where('token_hash', '=', hash).execute();
}

/** Drops a user's expired sessions, so the table does not grow with every visit. */
export async function deleteExpiredWidgetSessionsOfUser(db: ChatDb, userId: string) {
  await db
    .deleteFrom('widget_sessions')
    .where('user_id', '=', userId)
    .where('expires_at', '<=', new Date())
    .execute();
}

/**
 * The accounts with their widget tokens (an install has one), for the caller to compare in
 * constant time: a token is never looked up by value.
 */
export function listWidgetAccounts(db: ChatDb) {
  return db
    .selectFrom('accounts')
    .select(['id', 'app_id', 'widget_token', 'identity_verification'])
    .orderBy('created_at')
    .limit(10)
    .execute();
}
