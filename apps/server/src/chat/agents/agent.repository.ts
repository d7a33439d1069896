import { sql } from 'kysely';
import type { ChatDb, ChatRole } from '../db.js';

/** Every column an agent is presented with; never the password hash. */
const COLUMNS = [
  'a.id',
  'a.email',
  'a.first_name',
  'a.last_name',
  'a.role',
  'a.availability',
  'a.max_concurrent_chats',
  'a.avatar_url',
  'a.is_deactivated',
  'a.created_at',
  'a.updated_at',
] as const;

export type Availability = 'available' | 'away';

/** One agent by id (deactivated ones included), or undefined. */
export function findAgentById(db: ChatDb, id: string) {
  return db.selectFrom('agents as a').select(COLUMNS).where('a.id', '=', id).executeTakeFirst();
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof findAgentById>>>;

/** One agent by email, case-insensitively, with the password hash (for login). */
export function findAgentCredentialsByEmail(db: ChatDb, email: string) {
  return (
    db
      .selectFrom('agents as a')
      .select([...COLUMNS, 'a.password_hash'])
      // lower(email) is what the unique index agents_email_key covers.
      .where(sql<string>`lower(a.email)`, '=', email.toLowerCase())
      .executeTakeFirst()
  );
}

/** True when another agent already uses this email (case-insensitive). */
export async function emailTaken(db: ChatDb, email: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('agents')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Agents (deactivated ones included) whose email is one of `emails`, case-insensitively. */
export async function findAgentsByEmails(db: ChatDb, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .selectFrom('agents as a')
    .select(COLUMNS)
    .where(
      sql<string>`lower(a.email)`,
      'in',
      emails.map((e) => e.toLowerCase()),
    )
    .execute();
}

export interface AgentFilters {
  email?: string;
  availability?: Availability;
  groupId?: string;
}

function filtered(db: ChatDb, filters: AgentFilters) {
  let query = db.selectFrom('agents as a');
  if (filters.email) query = query.where(sql<string>`lower(a.email)`, '=', filters.email.toLowerCase());
  if (filters.availability) query = query.where('a.availability', '=', filters.availability);
  if (filters.groupId) {
    const groupId = filters.groupId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_agents as ga')
          .select('ga.agent_id')
          .whereRef('ga.agent_id', '=', 'a.id')
          .where('ga.group_id', '=', groupId),
      ),
    );
  }
  return query;
}

/** One page of agents, oldest first, and the total matching the filters. */
export async function listAgents(db: ChatDb, filters: AgentFilters, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    filtered(db, filters)
      .select(COLUMNS)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, filters)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

/** Group ids per agent, for presenting several agents at once. */
export async function groupIdsOfAgents(db: ChatDb, agentIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(agentIds.map((id) => [id, []]));
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

export async function groupIdsOfAgent(db: ChatDb, agentId: string): Promise<string[]> {
  return (await groupIdsOfAgents(db, [agentId])).get(agentId) ?? [];
}

export interface AgentValues {
  email: string;
  first_name: string;
  last_name: string | null;
  password_hash: string | null;
  role: ChatRole;
  max_concurrent_chats: number;
  avatar_url: string | null;
}

export async function insertAgent(db: ChatDb, id: string, values: AgentValues) {
  const now = new Date();
  await db
    .insertInto('agents')
    .values({ id, ...values, created_at: now, updated_at: now })
    .execute();
}

export async function updateAgentColumns(
  db: ChatDb,
  id: string,
  values: Partial<AgentValues> & { availability?: Availability; is_deactivated?: boolean },
) {
  await db
    .updateTable('agents')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Replaces an agent's group memberships. */
export async function setAgentGroups(db: ChatDb, agentId: string, groupIds: string[]) {
  await db.deleteFrom('group_agents').where('agent_id', '=', agentId).execute();
  if (groupIds.length)
    await db
      .insertInto('group_agents')
      .values(groupIds.map((group_id) => ({ group_id, agent_id: agentId })))
      .execute();
}

/** The ids among `ids` that name no group (for field errors). */
export async function unknownGroupIds(db: ChatDb, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Locks an agent row for the rest of the transaction (owner checks, deactivation). */
export function lockAgent(db: ChatDb, id: string) {
  return db.selectFrom('agents as a').select(COLUMNS).where('a.id', '=', id).forUpdate().executeTakeFirst();
}

/** Ends every inbox session of an agent. */
export async function deleteSessionsOfAgent(db: ChatDb, agentId: string) {
  await db.deleteFrom('agent_sessions').where('agent_id', '=', agentId).execute();
}

/** Hands an agent's open conversations back to their group's queue (status new, no agent). */
export async function unassignOpenConversations(db: ChatDb, agentId: string): Promise<number> {
  const result = await db
    .updateTable('conversations')
    .set({ assigned_agent_id: null, status: 'new', updated_at: new Date() })
    .where('assigned_agent_id', '=', agentId)
    .where('status', 'in', ['assigned', 'reopened'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
