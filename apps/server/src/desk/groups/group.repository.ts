import type { Updateable } from 'kysely';
import type { DeskDb, GroupsTable } from '../db.js';

const COLUMNS = [
  'id',
  'name',
  'description',
  'escalate_to',
  'unassigned_for',
  'business_hour_id',
  'auto_ticket_assign',
  'created_at',
  'updated_at',
] as const;

export function findGroupById(db: DeskDb, id: number) {
  return db.selectFrom('groups').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroupById>>>;

/** One page of groups ordered by id. */
export function listGroups(db: DeskDb, limit: number, offset: number) {
  return db.selectFrom('groups').select(COLUMNS).orderBy('id').limit(limit).offset(offset).execute();
}

/** A group whose name equals `name` ignoring case (names are unique that way). */
export function findGroupByName(db: DeskDb, name: string) {
  return db
    .selectFrom('groups')
    .select(COLUMNS)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** Which of `ids` are groups. */
export async function findExistingGroupIds(db: DeskDb, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Member agent ids per group for a batch of groups (one query for a whole page). */
export async function findAgentIdsOfGroups(db: DeskDb, groupIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(groupIds.map((id) => [id, []]));
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

export type GroupValues = Pick<
  Updateable<GroupsTable>,
  'name' | 'description' | 'escalate_to' | 'unassigned_for' | 'business_hour_id' | 'auto_ticket_assign'
>;

export async function insertGroup(db: DeskDb, values: GroupValues & { name: string }): Promise<number> {
  const now = new Date();
  const row = await db
    .insertInto('groups')
    .values({ ...values, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateGroupRow(db: DeskDb, id: number, values: GroupValues): Promise<void> {
  await db
    .updateTable('groups')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Deletes a group; memberships go with it and tickets' group_id becomes null (FK ON DELETE). */
export async function deleteGroupRow(db: DeskDb, id: number): Promise<void> {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

/** Replaces the group's members with `agentIds`. */
export async function replaceGroupAgents(db: DeskDb, groupId: number, agentIds: number[]): Promise<void> {
  await db.deleteFrom('group_agents').where('group_id', '=', groupId).execute();
  if (agentIds.length === 0) return;
  await db
    .insertInto('group_agents')
    .values(agentIds.map((agent_id) => ({ group_id: groupId, agent_id })))
    .execute();
}
