import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DeskDb, TicketFieldsTable } from '../db.js';

export const TICKET_FIELD_COLUMNS = [
  'id',
  'name',
  'label',
  'label_for_customers',
  'description',
  'position',
  'type',
  'is_default',
  'required_for_agents',
  'required_for_customers',
  'required_for_closure',
  'customers_can_edit',
  'displayed_to_customers',
  'choices',
  'created_at',
  'updated_at',
] as const;

export type TicketFieldRow = Pick<Selectable<TicketFieldsTable>, (typeof TICKET_FIELD_COLUMNS)[number]>;
export type NewTicketField = Insertable<TicketFieldsTable>;
export type TicketFieldPatch = Updateable<TicketFieldsTable>;

/** Every field (defaults and customs) in display order, optionally of one type. */
export function listTicketFields(db: DeskDb, type?: string): Promise<TicketFieldRow[]> {
  let query = db.selectFrom('ticket_fields').select(TICKET_FIELD_COLUMNS);
  if (type !== undefined) query = query.where('type', '=', type);
  return query.orderBy('position').orderBy('id').execute();
}

export function findTicketField(db: DeskDb, id: number): Promise<TicketFieldRow | undefined> {
  return db.selectFrom('ticket_fields').select(TICKET_FIELD_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The field already using `label` (case-insensitively), other than `exceptId`. */
export function findFieldIdByLabel(db: DeskDb, label: string, exceptId?: number) {
  let query = db
    .selectFrom('ticket_fields')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['label']), '=', label.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** Names starting with `prefix`; the caller picks a free suffix. */
export async function namesStartingWith(db: DeskDb, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_fields')
    .select('name')
    .where('name', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
    .execute();
  return rows.map((r) => r.name);
}

/** True when `error` is PostgreSQL's unique violation (a lost race on the field name). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

export function insertTicketField(db: DeskDb, values: NewTicketField): Promise<TicketFieldRow> {
  return db
    .insertInto('ticket_fields')
    .values(values)
    .returning(TICKET_FIELD_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function updateTicketField(db: DeskDb, id: number, patch: TicketFieldPatch): Promise<TicketFieldRow> {
  return db
    .updateTable('ticket_fields')
    .set(patch)
    .where('id', '=', id)
    .returning(TICKET_FIELD_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function deleteTicketField(db: DeskDb, id: number): Promise<void> {
  await db.deleteFrom('ticket_fields').where('id', '=', id).execute();
}

/** Ids in display order, for re-numbering positions. */
export function listFieldOrder(db: DeskDb) {
  return db
    .selectFrom('ticket_fields')
    .select(['id', 'position'])
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function setFieldPosition(db: DeskDb, id: number, position: number): Promise<void> {
  await db.updateTable('ticket_fields').set({ position }).where('id', '=', id).execute();
}

/** What the ticket write rules need, and nothing else: one small query per ticket write. */
export function listFieldRules(db: DeskDb) {
  return db
    .selectFrom('ticket_fields')
    .select([
      'name',
      'type',
      'is_default',
      'required_for_agents',
      'required_for_customers',
      'required_for_closure',
      'customers_can_edit',
      'choices',
    ])
    .orderBy('position')
    .orderBy('id')
    .execute();
}
export type FieldRuleRow = Awaited<ReturnType<typeof listFieldRules>>[number];

/** Marks the field definitions changed, in the caller's transaction (see field-rules-cache.ts). */
export async function bumpFieldsRevision(db: DeskDb): Promise<void> {
  await db
    .updateTable('desk_revisions')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('name', '=', 'ticket_fields')
    .execute();
}

export async function listCustomFieldNames(db: DeskDb): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_fields')
    .select('name')
    .where('is_default', '=', false)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.name);
}

/**
 * True when some ticket (trashed ones included) stores a non-null value for custom field
 * `name`. Raw SQL: a JSONB key lookup by a dynamic key.
 */
export async function customValueInUse(db: DeskDb, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('tickets')
    .select(sql<number>`1`.as('one'))
    .where(sql<boolean>`custom_fields ->> ${name} IS NOT NULL`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The first of `values` some ticket still has as its `type`, if any. */
export async function ticketTypeInUse(db: DeskDb, values: string[]): Promise<string | undefined> {
  if (values.length === 0) return undefined;
  const row = await db
    .selectFrom('tickets')
    .select('type')
    .where('type', 'in', values)
    .limit(1)
    .executeTakeFirst();
  return row?.type ?? undefined;
}

/** First value among `values` stored for custom field `name` on some ticket. */
export async function customValueUsed(
  db: DeskDb,
  name: string,
  values: string[],
): Promise<string | undefined> {
  if (values.length === 0) return undefined;
  // Raw SQL: a JSONB key lookup by a dynamic key.
  const row = await db
    .selectFrom('tickets')
    .select(sql<string>`custom_fields ->> ${name}`.as('value'))
    .where(sql<boolean>`custom_fields ->> ${name} = ANY(${values}::text[])`)
    .limit(1)
    .executeTakeFirst();
  return row?.value;
}

/**
 * Drops a deleted field's values from every ticket, so a later field that reuses the name
 * never inherits them. Raw SQL: JSONB key removal (`-`) by a dynamic key.
 */
export async function removeCustomValues(db: DeskDb, name: string): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ custom_fields: sql`custom_fields - ${name}::text` })
    .where(sql<boolean>`custom_fields -> ${name} IS NOT NULL`)
    .execute();
}

/**
 * Names and ids of groups and active agents: Freshdesk lists them as the choices of the
 * default group and agent fields. A read-only lookup of tables the groups and agents modules own.
 */
export function listGroupChoices(db: DeskDb) {
  return db.selectFrom('groups').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

export function listAgentChoices(db: DeskDb) {
  return db
    .selectFrom('agents')
    .innerJoin('contacts', 'contacts.id', 'agents.id')
    .select(['agents.id', 'contacts.name'])
    .where('contacts.active', '=', true)
    .where('contacts.deleted', '=', false)
    .orderBy('contacts.name')
    .orderBy('agents.id')
    .execute();
}

/** Loads group and agent names only when the listed fields include those default fields. */
export async function loadChoiceLookups(db: DeskDb, rows: { type: string }[]) {
  const needsGroups = rows.some((r) => r.type === 'default_group');
  const needsAgents = rows.some((r) => r.type === 'default_agent');
  const [groups, agents] = await Promise.all([
    needsGroups ? listGroupChoices(db) : [],
    needsAgents ? listAgentChoices(db) : [],
  ]);
  return { groups, agents };
}
