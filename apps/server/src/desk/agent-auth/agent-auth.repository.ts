import type { ColumnType, Generated, Kysely } from 'kysely';
import { actorAggregates } from '../auth/auth.repository.js';
import type { DeskDB, DeskDb, RoleKind } from '../db.js';

/** The agent_sessions table (migration 20261124T1500), known to this module only. */
export type AgentSessionsTable = {
  agent_sessions: {
    token_hash: string;
    agent_id: number;
    csrf_token: string;
    expires_at: ColumnType<Date, Date | string, Date | string>;
    created_at: Generated<Date>;
  };
};

// A transaction is a Kysely too; the table is added to the type here (db.ts stays untouched).
const withSessions = (db: DeskDb) => (db as Kysely<DeskDB>).withTables<AgentSessionsTable>();

/** An agent as sign-in sees it: identity, whether it may sign in, the password hash. */
export interface SignInAgentRow {
  id: number;
  name: string;
  email: string | null;
  active: boolean;
  password_hash: string | null;
}

/** The undeleted agent with this email (case-insensitive), active or not. */
export function findAgentByEmail(db: DeskDb, email: string): Promise<SignInAgentRow | undefined> {
  return db
    .selectFrom('contacts as c')
    .innerJoin('agents as a', 'a.id', 'c.id')
    .select(['c.id', 'c.name', 'c.email', 'c.active', 'c.password_hash'])
    .where((eb) => eb(eb.fn('lower', ['c.email']), '=', email.toLowerCase()))
    .where('c.deleted', '=', false)
    .where('c.is_agent', '=', true)
    .executeTakeFirst();
}

export async function insertAgentSession(
  db: DeskDb,
  values: { token_hash: string; agent_id: number; csrf_token: string; expires_at: Date },
) {
  await withSessions(db).insertInto('agent_sessions').values(values).execute();
}

export async function deleteAgentSession(db: DeskDb, tokenHash: string) {
  await withSessions(db).deleteFrom('agent_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of an agent (deactivated, or its password changed). */
export async function deleteAgentSessionsOf(db: DeskDb, agentId: number) {
  await withSessions(db).deleteFrom('agent_sessions').where('agent_id', '=', agentId).execute();
}

export async function deleteExpiredAgentSessions(db: DeskDb, agentId: number, now: Date) {
  await withSessions(db)
    .deleteFrom('agent_sessions')
    .where('agent_id', '=', agentId)
    .where('expires_at', '<=', now)
    .execute();
}

export async function markAgentSignedIn(db: DeskDb, agentId: number, now: Date) {
  await db.updateTable('contacts').set({ last_login_at: now }).where('id', '=', agentId).execute();
}

export interface SessionActorRow {
  id: number;
  name: string;
  email: string | null;
  ticket_scope: number;
  occasional: boolean;
  role_ids: number[];
  role_kinds: RoleKind[];
  group_ids: number[];
  ticket_fields_revision: number;
  csrf_token: string;
}

/**
 * The live session with this token hash and its agent, who must still be an active, undeleted
 * agent (deactivation ends sessions at once), with roles, groups and the ticket-field revision in
 * one query, as API-key authentication reads them.
 */
export function findSessionActor(
  db: DeskDb,
  tokenHash: string,
  now: Date,
): Promise<SessionActorRow | undefined> {
  return withSessions(db)
    .selectFrom('agent_sessions as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .innerJoin('contacts as c', 'c.id', 'a.id')
    .select([
      'a.id',
      'c.name',
      'c.email',
      'a.ticket_scope',
      'a.occasional',
      's.csrf_token',
      // The same aggregates as API-key authentication: one round trip per request.
      ...actorAggregates(),
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('c.is_agent', '=', true)
    .where('c.active', '=', true)
    .where('c.deleted', '=', false)
    .executeTakeFirst();
}
