import type { Updateable } from 'kysely';
import type { AgentsTable, ContactsTable, DeskDb, RoleKind } from '../db.js';

/** An agent as presenters see it: the agents row joined to its contact. */
const AGENT_COLUMNS = [
  'a.id',
  'a.ticket_scope',
  'a.occasional',
  'a.signature',
  'a.available',
  'a.available_since',
  'a.agent_type',
  'a.created_at',
  'a.updated_at',
  'c.name',
  'c.email',
  'c.phone',
  'c.mobile',
  'c.job_title',
  'c.language',
  'c.time_zone',
  'c.active',
  'c.last_login_at',
  'c.created_at as contact_created_at',
  'c.updated_at as contact_updated_at',
] as const;

export interface AgentFilters {
  email?: string;
  phone?: string;
  mobile?: string;
  occasional?: boolean;
}

function agentsQuery(db: DeskDb) {
  return db
    .selectFrom('agents as a')
    .innerJoin('contacts as c', 'c.id', 'a.id')
    .select(AGENT_COLUMNS)
    .where('c.is_agent', '=', true);
}

export function findAgentById(db: DeskDb, id: number) {
  return agentsQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof findAgentById>>>;

/** One page of agents (ordered by id), `limit` rows from `offset`. */
export function listAgents(db: DeskDb, filters: AgentFilters, limit: number, offset: number) {
  let query = agentsQuery(db);
  if (filters.email !== undefined)
    query = query.where((eb) => eb(eb.fn('lower', ['c.email']), '=', filters.email!.toLowerCase()));
  if (filters.phone !== undefined) query = query.where('c.phone', '=', filters.phone);
  if (filters.mobile !== undefined) query = query.where('c.mobile', '=', filters.mobile);
  if (filters.occasional !== undefined) query = query.where('a.occasional', '=', filters.occasional);
  return query.orderBy('a.id').limit(limit).offset(offset).execute();
}

/** Active agents whose name or email starts with `term` (case-insensitive). */
export function autocompleteAgents(db: DeskDb, term: string, limit: number) {
  // Escape LIKE wildcards so a term is matched literally.
  const prefix = `${term.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return agentsQuery(db)
    .where('c.active', '=', true)
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['c.name']), 'like', prefix),
        eb(eb.fn('lower', ['c.email']), 'like', prefix),
      ]),
    )
    .orderBy('c.name')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** Role ids per agent for a batch of agents (one query for a whole page). */
export async function findRoleIdsOfAgents(db: DeskDb, agentIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(agentIds.map((id) => [id, []]));
  if (agentIds.length === 0) return map;
  const rows = await db
    .selectFrom('agent_roles')
    .select(['agent_id', 'role_id'])
    .where('agent_id', 'in', agentIds)
    .orderBy('role_id')
    .execute();
  for (const row of rows) map.get(row.agent_id)?.push(row.role_id);
  return map;
}

/** Group ids per agent for a batch of agents (one query for a whole page). */
export async function findGroupIdsOfAgents(db: DeskDb, agentIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(agentIds.map((id) => [id, []]));
  if (agentIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_agents')
    .select(['agent_id', 'group_id'])
    .where('agent_id', 'in', agentIds)
    .orderBy('group_id')
    .execute();
  for (const row of rows) map.get(row.agent_id)?.push(row.group_id);
  return map;
}

/** The role kinds an agent holds (policies compare them with the actor's). */
export async function findRoleKindsOfAgent(db: DeskDb, agentId: number): Promise<RoleKind[]> {
  const rows = await db
    .selectFrom('agent_roles as ar')
    .innerJoin('roles as r', 'r.id', 'ar.role_id')
    .select('r.kind')
    .where('ar.agent_id', '=', agentId)
    .execute();
  return rows.map((r) => r.kind);
}

/** Which of `ids` are agents (contact still flagged as agent). */
export async function findExistingAgentIds(db: DeskDb, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('agents as a')
    .innerJoin('contacts as c', 'c.id', 'a.id')
    .select('a.id')
    .where('a.id', 'in', ids)
    .where('c.is_agent', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** The id of the built-in Agent role, given to new agents when no role is named. */
export async function findDefaultAgentRoleId(db: DeskDb): Promise<number> {
  const row = await db
    .selectFrom('roles')
    .select('id')
    .where('kind', '=', 'agent')
    .where('is_default', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Active account administrators other than `exceptId` (guards against locking the account out). */
export async function countOtherActiveAccountAdmins(db: DeskDb, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('agent_roles as ar')
    .innerJoin('roles as r', 'r.id', 'ar.role_id')
    .innerJoin('contacts as c', 'c.id', 'ar.agent_id')
    .select((eb) => eb.fn.count<string>('ar.agent_id').distinct().as('count'))
    .where('r.kind', '=', 'account_admin')
    .where('c.is_agent', '=', true)
    .where('c.active', '=', true)
    .where('c.deleted', '=', false)
    .where('ar.agent_id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface NewAgent {
  id: number;
  ticket_scope: number;
  occasional: boolean;
  signature: string | null;
  agent_type: number;
}

export async function insertAgent(db: DeskDb, values: NewAgent): Promise<void> {
  const now = new Date();
  await db
    .insertInto('agents')
    .values({ ...values, api_key_hash: null, created_at: now, updated_at: now })
    .execute();
}

export type AgentChanges = Pick<
  Updateable<AgentsTable>,
  'ticket_scope' | 'occasional' | 'signature' | 'agent_type'
>;

/** Updates the agents row; always bumps updated_at (contact-only edits change the agent too). */
export async function updateAgentRow(db: DeskDb, id: number, changes: AgentChanges): Promise<void> {
  await db
    .updateTable('agents')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export type AgentContactChanges = Pick<
  Updateable<ContactsTable>,
  'name' | 'email' | 'language' | 'time_zone' | 'active' | 'is_agent' | 'password_hash'
>;

/** Updates the agent's contact row (name, email, locale, active, agent flag, password hash). */
export async function updateAgentContact(
  db: DeskDb,
  id: number,
  changes: AgentContactChanges,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Removes the agents row; roles, memberships and the API key go with it (ON DELETE CASCADE). */
export async function deleteAgentRow(db: DeskDb, id: number): Promise<void> {
  await db.deleteFrom('agents').where('id', '=', id).execute();
}

export async function replaceAgentRoles(db: DeskDb, agentId: number, roleIds: number[]): Promise<void> {
  await db.deleteFrom('agent_roles').where('agent_id', '=', agentId).execute();
  if (roleIds.length === 0) return;
  await db
    .insertInto('agent_roles')
    .values(roleIds.map((role_id) => ({ agent_id: agentId, role_id })))
    .execute();
}

export async function replaceAgentGroups(db: DeskDb, agentId: number, groupIds: number[]): Promise<void> {
  await db.deleteFrom('group_agents').where('agent_id', '=', agentId).execute();
  if (groupIds.length === 0) return;
  await db
    .insertInto('group_agents')
    .values(groupIds.map((group_id) => ({ group_id, agent_id: agentId })))
    .execute();
}

/** Stores a new API key hash; the previous key stops matching at once. */
export async function setApiKeyHash(db: DeskDb, agentId: number, hash: string): Promise<void> {
  await db.updateTable('agents').set({ api_key_hash: hash }).where('id', '=', agentId).execute();
}
