import { sql } from 'kysely';
import type { ChatDb } from '../db.js';

const COLUMNS = ['id', 'name', 'description', 'routing_type', 'created_at', 'updated_at'] as const;

export type RoutingType = 'round_robin' | 'manual';

/** One group by id, or undefined. */
export function findGroupById(db: ChatDb, id: string) {
  return db.selectFrom('groups').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroupById>>>;

/** One page of groups by name, and the total. */
export async function listGroups(db: ChatDb, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('groups')
      .select(COLUMNS)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

/** Member agent ids per group, ordered by agent id. */
export async function agentIdsOfGroups(db: ChatDb, groupIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_agents')
    .select(['group_id', 'agent_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('agent_id')
    .execute();
  for (const row of rows) map.get(row.group_id)?.push(row.agent_id);
  return map;
}

export async function agentIdsOfGroup(db: ChatDb, groupId: string): Promise<string[]> {
  return (await agentIdsOfGroups(db, [groupId])).get(groupId) ?? [];
}

/** True when another group already has this name (case-insensitive, as groups_name_key). */
export async function groupNameTaken(db: ChatDb, name: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('groups')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface GroupValues {
  name: string;
  description: string | null;
  routing_type: RoutingType;
}

export async function insertGroup(db: ChatDb, id: string, values: GroupValues) {
  const now = new Date();
  await db
    .insertInto('groups')
    .values({ id, ...values, created_at: now, updated_at: now })
    .execute();
}

export async function updateGroupColumns(db: ChatDb, id: string, values: Partial<GroupValues>) {
  await db
    .updateTable('groups')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Deletes a group; memberships go with it, conversations keep no group (ON DELETE SET NULL). */
export async function deleteGroup(db: ChatDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('groups').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Replaces a group's members. */
export async function setGroupAgents(db: ChatDb, groupId: string, agentIds: string[]) {
  await db.deleteFrom('group_agents').where('group_id', '=', groupId).execute();
  if (agentIds.length)
    await db
      .insertInto('group_agents')
      .values(agentIds.map((agent_id) => ({ group_id: groupId, agent_id })))
      .execute();
}

/** The ids among `ids` that name no agent (for field errors). */
export async function unknownAgentIds(db: ChatDb, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('agents').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Locks the group row (the round-robin cursor) until the transaction ends. */
export function lockGroupCursor(db: ChatDb, groupId: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'last_assigned_agent_id'])
    .where('id', '=', groupId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The group's members who can take a chat now (available, not deactivated), ordered by id,
 * with their rows locked in that order: pickers of overlapping groups then wait for each other
 * instead of double-booking an agent, and a fixed lock order cannot deadlock.
 */
export function lockAvailableMembers(db: ChatDb, groupId: string) {
  return db
    .selectFrom('agents as a')
    .innerJoin('group_agents as ga', 'ga.agent_id', 'a.id')
    .select([
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
    ])
    .where('ga.group_id', '=', groupId)
    .where('a.availability', '=', 'available')
    .where('a.is_deactivated', '=', false)
    .orderBy('a.id')
    .forUpdate('a')
    .execute();
}

/** Open (assigned or reopened) conversations per agent. */
export async function openConversationCounts(db: ChatDb, agentIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (agentIds.length === 0) return counts;
  const rows = await db
    .selectFrom('conversations')
    .select(['assigned_agent_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('assigned_agent_id', 'in', agentIds)
    .where('status', 'in', ['assigned', 'reopened'])
    .groupBy('assigned_agent_id')
    .execute();
  for (const row of rows) if (row.assigned_agent_id) counts.set(row.assigned_agent_id, Number(row.count));
  return counts;
}

export async function setLastAssignedAgent(db: ChatDb, groupId: string, agentId: string) {
  await db.updateTable('groups').set({ last_assigned_agent_id: agentId }).where('id', '=', groupId).execute();
}
