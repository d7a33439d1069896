import type { ChatDb, ChatRole } from '../db.js';

/**
 * An unrevoked API token by hash, with the role it acts with: its creator's, or admin for the
 * first-start token (no creator). A token whose creator was deactivated stops working.
 */
export async function findTokenByHash(
  db: ChatDb,
  hash: string,
): Promise<{ id: string; role: ChatRole } | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('agents as a', 'a.id', 't.created_by')
    .select(['t.id', 'a.role', 'a.is_deactivated', 't.created_by'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.created_by === null) return { id: row.id, role: 'admin' };
  if (row.is_deactivated || !row.role) return undefined;
  return { id: row.id, role: row.role };
}
