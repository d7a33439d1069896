import { sql } from 'kysely';
import type { ChatDb } from '../db.js';

/** The columns a user is presented with; `restore_id_hash` is never read back out. */
export const USER_COLUMNS = [
  'id',
  'site_id',
  'reference_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'avatar_url',
  'properties',
  'created_at',
  'updated_at',
] as const;

/** A user by id, or undefined. */
export function findUserById(db: ChatDb, id: string) {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The users with these ids (unknown ids are skipped), oldest first. */
export async function findUsersByIds(db: ChatDb, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', 'in', [...ids])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/** The user of a site with this external id, or undefined. */
export function findUserByReference(db: ChatDb, siteId: string, referenceId: string) {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('site_id', '=', siteId)
    .where('reference_id', '=', referenceId)
    .executeTakeFirst();
}

/** The user of a site whose restore id hashes to `hash`; another site's user is never found. */
export function findUserByRestoreHash(db: ChatDb, siteId: string, hash: string) {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('site_id', '=', siteId)
    .where('restore_id_hash', '=', hash)
    .executeTakeFirst();
}

export interface UserFilters {
  site_id?: string;
  reference_id?: string;
  email?: string;
  phone?: string;
  created_from?: Date;
  created_to?: Date;
}

export async function listUsers(
  db: ChatDb,
  filters: UserFilters,
  order: 'asc' | 'desc',
  offset: number,
  limit: number,
) {
  let query = db.selectFrom('users');
  if (filters.site_id !== undefined) query = query.where('site_id', '=', filters.site_id);
  if (filters.reference_id !== undefined) query = query.where('reference_id', '=', filters.reference_id);
  if (filters.email !== undefined) {
    // lower() on both sides matches users_email_idx; emails compare case-insensitively.
    query = query.where(sql`lower(email)`, '=', filters.email.toLowerCase());
  }
  if (filters.phone !== undefined) query = query.where('phone', '=', filters.phone);
  if (filters.created_from) query = query.where('created_at', '>=', filters.created_from);
  if (filters.created_to) query = query.where('created_at', '<=', filters.created_to);
  const [rows, count] = await Promise.all([
    query
      .select(USER_COLUMNS)
      .orderBy('created_at', order)
      .orderBy('id', order)
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface UserValues {
  site_id: string;
  reference_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  avatar_url: string | null;
  properties: Record<string, unknown>;
  restore_id_hash: string;
}

/** Inserts a user; undefined when the site already has a user with this reference id. */
export function insertUser(db: ChatDb, id: string, values: UserValues) {
  const now = new Date();
  return db
    .insertInto('users')
    .values({
      ...values,
      id,
      properties: JSON.stringify(values.properties),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['site_id', 'reference_id']).where('reference_id', 'is not', null).doNothing(),
    )
    .returning(USER_COLUMNS)
    .executeTakeFirst();
}

export type UserProfileChanges = Partial<
  Pick<UserValues, 'reference_id' | 'first_name' | 'last_name' | 'email' | 'phone' | 'avatar_url'>
>;

/**
 * Updates profile columns and merges property changes (null removes a property) in one
 * statement, so concurrent writers of different properties do not undo each other.
 */
export function updateUser(
  db: ChatDb,
  id: string,
  changes: UserProfileChanges,
  propertyChanges: Record<string, unknown>,
) {
  const set: Record<string, unknown> = Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  );
  const entries = Object.entries(propertyChanges);
  const merged = Object.fromEntries(entries.filter(([, v]) => v !== null));
  const removed = entries.filter(([, v]) => v === null).map(([k]) => k);
  return db
    .updateTable('users')
    .set({
      ...set,
      // Raw sql: jsonb merge (`||`) and key removal (`- text[]`) have no query-builder form.
      ...(entries.length
        ? { properties: sql`(properties || ${JSON.stringify(merged)}::jsonb) - ${removed}::text[]` }
        : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
}

/** Whether another user of the site already has this reference id. */
export async function referenceTaken(db: ChatDb, siteId: string, referenceId: string, exceptId: string) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('site_id', '=', siteId)
    .where('reference_id', '=', referenceId)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteUser(db: ChatDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The user's conversation ids, newest first (read-only: the conversations module writes them). */
export function listUserConversationIds(db: ChatDb, userId: string) {
  return db
    .selectFrom('conversations')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
