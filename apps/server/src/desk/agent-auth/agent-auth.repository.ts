import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
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
      // Aggregated subqueries keep session auth to one round trip per request, as for API keys.
      sql<
        number[]
      >`coalesce((SELECT array_agg(ar.role_id ORDER BY ar.role_id) FROM agent_roles ar WHERE ar.agent_id = a.id), '{}')`.as(
        'role_ids',
      ),
      sql<
        RoleKind[]
      >`coalesce((SELECT array_agg(r.kind) FROM agent_roles ar JOIN roles r ON r.id = ar.role_id WHERE ar.agent_id = a.id), '{}')`.as(
        'role_kinds',
      ),
      sql<
        number[]
      >`coalesce((SELECT array_agg(ga.group_id ORDER BY ga.group_id) FROM group_agents ga WHERE ga.agent_id = a.id), '{}')`.as(
        'group_ids',
      ),
      sql<number>`(SELECT dr.revision FROM desk_revisions dr WHERE dr.name = 'ticket_fields')`.as(
        'ticket_fields_revision',
      ),
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('c.is_agent', '=', true)
    .where('c.active', '=', true)
    .where('c.deleted', '=', false)
    .executeTakeFirst();
}
