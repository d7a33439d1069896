import { sql } from 'kysely';
import type { ChatDb, UserPropertyType } from '../db.js';

const COLUMNS = ['name', 'label', 'type', 'choices', 'created_at', 'updated_at'] as const;

export function listUserProperties(db: ChatDb) {
  return db
    .selectFrom('user_property_definitions')
    .select(COLUMNS)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

export function findUserProperty(db: ChatDb, name: string) {
  return db
    .selectFrom('user_property_definitions')
    .select(COLUMNS)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** The definitions with these names (unknown names are skipped). */
export async function findUserPropertiesByNames(db: ChatDb, names: readonly string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom('user_property_definitions')
    .select(COLUMNS)
    .where('name', 'in', [...names])
    .execute();
}

/** Inserts a definition; undefined when the name is taken. */
export function insertUserProperty(
  db: ChatDb,
  values: { name: string; label: string; type: UserPropertyType; choices: string[] },
) {
  const now = new Date();
  return db
    .insertInto('user_property_definitions')
    .values({ ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

export function updateUserProperty(db: ChatDb, name: string, values: { label?: string; choices?: string[] }) {
  return db
    .updateTable('user_property_definitions')
    .set({ ...values, updated_at: new Date() })
    .where('name', '=', name)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function deleteUserProperty(db: ChatDb, name: string): Promise<boolean> {
  const result = await db.deleteFrom('user_property_definitions').where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Drops a deleted property's values from every user, so none keeps an undeclared property. */
export async function removePropertyFromUsers(db: ChatDb, name: string) {
  // Raw sql: jsonb's `-` (remove key) and `?` (has key) operators have no query-builder form.
  await db
    .updateTable('users')
    .set({ properties: sql`properties - ${name}::text` })
    .where(sql<boolean>`properties ? ${name}::text`)
    .execute();
}

export type UserPropertyRow = NonNullable<Awaited<ReturnType<typeof findUserProperty>>>;
