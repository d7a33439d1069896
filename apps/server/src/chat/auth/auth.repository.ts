import type { ChatDb, ChatRole } from '../db.js';

/**
 * An unrevoked API token by hash, with the role it acts with: its creator's, or admin for the
 * first-start token (no creator). A token whose creator was deactivated stops working.
 */
export async function findTokenByHash(
  db: ChatDb,
  hash: string,
): Promise<{ id: string; role: ChatRole; lastUsedAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('agents as a', 'a.id', 't.created_by')
    .select(['t.id', 'a.role', 'a.is_deactivated', 't.created_by', 't.last_used_at'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const lastUsedAt = row.last_used_at ? new Date(row.last_used_at) : null;
  if (row.created_by === null) return { id: row.id, role: 'admin', lastUsedAt };
  if (row.is_deactivated || !row.role) return undefined;
  return { id: row.id, role: row.role, lastUsedAt };
}

/** How stale a token's "last used" may get: at most one write per token per minute of use. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/** Records that a token was used now, when its stored time is older than the resolution. */
export async function recordTokenUse(db: ChatDb, id: string, lastUsedAt: Date | null, now: Date) {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < TOKEN_USE_RESOLUTION_MS) return;
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
