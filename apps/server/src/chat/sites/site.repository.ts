import type { ChatDb } from '../db.js';
import type { WidgetSettings } from './site.schemas.js';

const COLUMNS = ['id', 'name', 'allowed_origins', 'widget_settings', 'created_at', 'updated_at'] as const;

/** The settings as the jsonb column takes them; untouched when not given. */
const settingsColumn = (settings: WidgetSettings | undefined) =>
  settings === undefined ? {} : { widget_settings: JSON.stringify(settings) };

/** A site by its id, or undefined. */
export function findSiteById(db: ChatDb, id: string) {
  return db.selectFrom('sites').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listSites(db: ChatDb, offset: number, limit: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('sites')
      .select(COLUMNS)
      .orderBy('created_at')
      .orderBy('id')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Inserts a site; undefined when the id is taken. */
export function insertSite(
  db: ChatDb,
  values: {
    id: string;
    name: string;
    allowed_origins: string[];
    widget_settings?: WidgetSettings | undefined;
  },
) {
  const now = new Date();
  return db
    .insertInto('sites')
    .values({
      id: values.id,
      name: values.name,
      allowed_origins: values.allowed_origins,
      ...settingsColumn(values.widget_settings),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

export function updateSite(
  db: ChatDb,
  id: string,
  values: {
    name?: string | undefined;
    allowed_origins?: string[] | undefined;
    widget_settings?: WidgetSettings | undefined;
  },
) {
  return db
    .updateTable('sites')
    .set({
      name: values.name,
      allowed_origins: values.allowed_origins,
      ...settingsColumn(values.widget_settings),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Whether any user or conversation still belongs to the site. */
export async function siteIsInUse(db: ChatDb, id: string): Promise<boolean> {
  // Reads other modules' tables only to explain a refused delete; the foreign keys enforce it.
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('users').select('id').where('site_id', '=', id)).as('users'),
      eb.exists(eb.selectFrom('conversations').select('id').where('site_id', '=', id)).as('conversations'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.users) || Boolean(row.conversations);
}

export async function deleteSite(db: ChatDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sites').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSiteById>>>;
