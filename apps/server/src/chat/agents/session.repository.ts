import type { ChatDb, ChatRole } from '../db.js';

/** An unexpired inbox session by token hash, with its agent's role; a deactivated agent's fails. */
export async function findAgentSessionByHash(
  db: ChatDb,
  hash: string,
): Promise<{ agentId: string; role: ChatRole } | undefined> {
  const row = await db
    .selectFrom('agent_sessions as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .select(['a.id', 'a.role'])
    .where('s.token_hash', '=', hash)
    .where('s.expires_at', '>', new Date())
    .where('a.is_deactivated', '=', false)
    .executeTakeFirst();
  return row ? { agentId: row.id, role: row.role } : undefined;
}

export async function insertAgentSession(
  db: ChatDb,
  values: { token_hash: string; agent_id: string; expires_at: Date },
) {
  await db
    .insertInto('agent_sessions')
    .values({ ...values, created_at: new Date() })
    .execute();
}

export async function deleteAgentSession(db: ChatDb, hash: string) {
  await db.deleteFrom('agent_sessions').where('token_hash', '=', hash).execute();
}

/** Drops expired sessions of one agent, so the table does not grow with every login. */
export async function deleteExpiredSessionsOfAgent(db: ChatDb, agentId: string) {
  await db
    .deleteFrom('agent_sessions')
    .where('agent_id', '=', agentId)
    .where('expires_at', '<=', new Date())
    .execute();
}

/** Failed logins for an email within the window starting at `since`. */
export async function countFailedLogins(
  db: ChatDb,
  email: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('agent_login_failures')
    .select([(eb) => eb.fn.countAll<string>().as('count'), (eb) => eb.fn.min('failed_at').as('oldest')])
    .where('email', '=', email.toLowerCase())
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest === null ? null : new Date(row.oldest) };
}

export async function recordFailedLogin(db: ChatDb, email: string) {
  await db
    .insertInto('agent_login_failures')
    .values({ email: email.toLowerCase(), failed_at: new Date() })
    .execute();
}

/** Forgets an email's failures after a successful login, and everyone's stale ones. */
export async function clearFailedLogins(db: ChatDb, email: string, staleBefore: Date) {
  await db
    .deleteFrom('agent_login_failures')
    .where((eb) => eb.or([eb('email', '=', email.toLowerCase()), eb('failed_at', '<=', staleBefore)]))
    .execute();
}
