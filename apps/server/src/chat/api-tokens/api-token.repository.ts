import type { ChatDb } from '../db.js';

const COLUMNS = ['id', 'name', 'created_by', 'last_used_at', 'revoked_at', 'created_at'] as const;

export function listApiTokens(db: ChatDb) {
  return db.selectFrom('api_tokens').select(COLUMNS).orderBy('created_at').orderBy('id').execute();
}

export function insertApiToken(
  db: ChatDb,
  values: { id: string; name: string; token_hash: string; created_by: string | null },
) {
  return db
    .insertInto('api_tokens')
    .values({ ...values, created_at: new Date() })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Marks a token revoked; false when unknown or already revoked. */
export async function revokeApiToken(db: ChatDb, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function findTokenCreator(db: ChatDb, tokenId: string) {
  return db.selectFrom('api_tokens').select('created_by').where('id', '=', tokenId).executeTakeFirst();
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
