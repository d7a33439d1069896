import type { Updateable } from 'kysely';
import type { DeskDb, PortalsTable } from '../db.js';

const COLUMNS = [
  'id',
  'name',
  'host',
  'is_default',
  'brand_color',
  'logo_url',
  'chat_enabled',
  'created_at',
  'updated_at',
] as const;

export function findPortalById(db: DeskDb, id: number) {
  return db.selectFrom('portals').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type PortalRow = NonNullable<Awaited<ReturnType<typeof findPortalById>>>;

/** Every portal, default first then by id (a Desk has a handful). */
export function listPortals(db: DeskDb) {
  return db.selectFrom('portals').select(COLUMNS).orderBy('is_default', 'desc').orderBy('id').execute();
}

/**
 * The portal serving `host` (`hostname[:port]`, lower case): the one with that host, else the
 * default. One query: both candidates come back and the non-default (host) match sorts first.
 */
export function findPortalForHost(db: DeskDb, host: string) {
  return db
    .selectFrom('portals')
    .select(COLUMNS)
    .where((eb) => eb.or([eb(eb.fn('lower', ['host']), '=', host), eb('is_default', '=', true)]))
    .orderBy('is_default')
    .limit(1)
    .executeTakeFirst();
}

/** The portal whose host equals `host` ignoring case (hosts are unique that way). */
export function findPortalByHost(db: DeskDb, host: string) {
  return db
    .selectFrom('portals')
    .select(['id'])
    .where((eb) => eb(eb.fn('lower', ['host']), '=', host.toLowerCase()))
    .executeTakeFirst();
}

/** The default portal's id, if any portal exists. */
export async function findDefaultPortalId(db: DeskDb): Promise<number | undefined> {
  const row = await db.selectFrom('portals').select('id').where('is_default', '=', true).executeTakeFirst();
  return row?.id;
}

export type PortalValues = Pick<
  Updateable<PortalsTable>,
  'name' | 'host' | 'is_default' | 'brand_color' | 'logo_url' | 'chat_enabled'
>;

export async function insertPortal(db: DeskDb, values: PortalValues & { name: string }): Promise<number> {
  const now = new Date();
  const row = await db
    .insertInto('portals')
    .values({ ...values, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePortalRow(db: DeskDb, id: number, values: PortalValues): Promise<void> {
  await db
    .updateTable('portals')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Takes the default flag off every portal but `exceptId` (one default at a time). */
export async function clearDefaultPortal(db: DeskDb, exceptId: number): Promise<void> {
  await db
    .updateTable('portals')
    .set({ is_default: false, updated_at: new Date() })
    .where('is_default', '=', true)
    .where('id', '<>', exceptId)
    .execute();
}

/** Deletes a portal; its category links and contact sessions go with it (FK ON DELETE CASCADE). */
export async function deletePortalRow(db: DeskDb, id: number): Promise<void> {
  await db.deleteFrom('portals').where('id', '=', id).execute();
}

/** Shown category ids per portal for a batch of portals (one query). */
export async function findCategoryIdsOfPortals(
  db: DeskDb,
  portalIds: number[],
): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(portalIds.map((id) => [id, []]));
  if (portalIds.length === 0) return map;
  // Deleted (tombstoned) categories keep their link rows but are no longer shown anywhere.
  const rows = await db
    .selectFrom('portal_categories as pc')
    .innerJoin('solution_categories as c', 'c.id', 'pc.category_id')
    .select(['pc.portal_id', 'pc.category_id'])
    .where('pc.portal_id', 'in', portalIds)
    .where('c.deleted_at', 'is', null)
    .orderBy('pc.category_id')
    .execute();
  for (const row of rows) map.get(row.portal_id)?.push(row.category_id);
  return map;
}

/** Which of `ids` are live (not deleted) knowledge-base categories. */
export async function findExistingCategoryIds(db: DeskDb, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('solution_categories')
    .select('id')
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Sets the categories a portal shows to exactly `categoryIds`. */
export async function replacePortalCategories(
  db: DeskDb,
  portalId: number,
  categoryIds: number[],
): Promise<void> {
  await db.deleteFrom('portal_categories').where('portal_id', '=', portalId).execute();
  if (categoryIds.length === 0) return;
  await db
    .insertInto('portal_categories')
    .values(categoryIds.map((category_id) => ({ portal_id: portalId, category_id })))
    .execute();
}
