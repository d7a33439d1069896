import type { ChatDb } from '../db.js';

/** Stores a new invitation (the token's hash only). */
export async function insertAgentInvitation(
  db: ChatDb,
  values: { id: string; agent_id: string; token_hash: string; created_by: string | null; expires_at: Date },
) {
  await db
    .insertInto('agent_invitations')
    .values({ ...values, created_at: new Date() })
    .execute();
}

/**
 * Claims a pending, unexpired invitation by its token hash (marks it accepted) and returns the
 * agent it is for, or undefined. One conditional UPDATE, so a token works exactly once even when
 * two requests race.
 */
export async function claimAgentInvitation(db: ChatDb, tokenHash: string, now: Date) {
  return db
    .updateTable('agent_invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'agent_id'])
    .executeTakeFirst();
}

/** Ends an agent's other pending invitations (a password is set; older links must stop working). */
export async function closePendingInvitationsOf(db: ChatDb, agentId: string, now: Date) {
  await db
    .updateTable('agent_invitations')
    .set({ expires_at: now })
    .where('agent_id', '=', agentId)
    .where('accepted_at', 'is', null)
    .execute();
}
