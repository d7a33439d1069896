import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DeskDB, DeskDb, SolutionChangesTable } from '../db.js';

/**
 * Categories, folders, articles and their change records, for the agent API. Deleted rows are
 * kept (tombstones, `deleted_at` set): reads of one id skip them, lists return them only when
 * asked for changes since a time.
 */

export type SolutionEntity = SolutionChangesTable['entity'];
export type SolutionAction = SolutionChangesTable['action'];

/** Which rows a list returns: live ones, or everything (live and deleted) updated since a time. */
export type ListScope = { updatedSince?: Date };

// ---------------------------------------------------------------------------------------------
// Categories

const CATEGORY_COLUMNS = ['id', 'name', 'description', 'deleted_at', 'created_at', 'updated_at'] as const;

export type CategoryRow = Pick<
  Selectable<DeskDB['solution_categories']>,
  (typeof CATEGORY_COLUMNS)[number]
> & {
  portal_ids: number[];
};

async function withPortalIds(db: DeskDb, rows: Omit<CategoryRow, 'portal_ids'>[]): Promise<CategoryRow[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('portal_categories')
    .select(['category_id', 'portal_id'])
    .where(
      'category_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('portal_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    portal_ids: links.filter((l) => l.category_id === r.id).map((l) => l.portal_id),
  }));
}

/** A live category. */
export async function findCategory(db: DeskDb, id: number): Promise<CategoryRow | undefined> {
  const row = await db
    .selectFrom('solution_categories')
    .select(CATEGORY_COLUMNS)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? (await withPortalIds(db, [row]))[0] : undefined;
}

/** Categories by position then id (see `ListScope`). */
export async function listCategories(db: DeskDb, scope: ListScope): Promise<CategoryRow[]> {
  let query = db.selectFrom('solution_categories').select(CATEGORY_COLUMNS);
  query =
    scope.updatedSince === undefined
      ? query.where('deleted_at', 'is', null)
      : query.where('updated_at', '>=', scope.updatedSince);
  return withPortalIds(db, await query.orderBy('position').orderBy('id').execute());
}

/** The live category named `name` case-insensitively (names are unique that way), other than `exceptId`. */
export function findCategoryByName(db: DeskDb, name: string, exceptId?: number) {
  let query = db
    .selectFrom('solution_categories')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('deleted_at', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertCategory(
  db: DeskDb,
  values: { name: string; description: string | null; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('solution_categories')
    .values({
      name: values.name,
      description: values.description,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCategoryRow(
  db: DeskDb,
  id: number,
  changes: { name?: string; description?: string | null; now: Date },
): Promise<void> {
  const { now, ...rest } = changes;
  await db
    .updateTable('solution_categories')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Makes `portalIds` the exact set of portals showing the category. */
export async function replaceCategoryPortals(db: DeskDb, categoryId: number, portalIds: number[]) {
  await db.deleteFrom('portal_categories').where('category_id', '=', categoryId).execute();
  if (portalIds.length === 0) return;
  await db
    .insertInto('portal_categories')
    .values(portalIds.map((portal_id) => ({ portal_id, category_id: categoryId })))
    .execute();
}

/** Which of `ids` are existing portals. */
export async function findExistingPortalIds(db: DeskDb, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('portals').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** The default portal's id, if one is marked default. */
export async function findDefaultPortalId(db: DeskDb): Promise<number | undefined> {
  const row = await db.selectFrom('portals').select('id').where('is_default', '=', true).executeTakeFirst();
  return row?.id;
}

// ---------------------------------------------------------------------------------------------
// Folders

const FOLDER_COLUMNS = [
  'solution_folders.id',
  'solution_folders.category_id',
  'solution_folders.parent_folder_id',
  'solution_folders.name',
  'solution_folders.description',
  'solution_folders.visibility',
  'solution_folders.deleted_at',
  'solution_folders.created_at',
  'solution_folders.updated_at',
] as const;

const folderCounts = (eb: ExpressionBuilder<DeskDB, 'solution_folders'>) =>
  [
    eb
      .selectFrom('solution_articles as a')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('a.folder_id', '=', 'solution_folders.id')
      .where('a.deleted_at', 'is', null)
      .as('articles_count'),
    eb
      .selectFrom('solution_folders as sub')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('sub.parent_folder_id', '=', 'solution_folders.id')
      .where('sub.deleted_at', 'is', null)
      .as('sub_folders_count'),
  ] as const;

export interface FolderRow {
  id: number;
  category_id: number;
  parent_folder_id: number | null;
  name: string;
  description: string | null;
  visibility: number;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  articles_count: number;
  sub_folders_count: number;
  company_ids: number[];
}

function selectFolders(db: DeskDb) {
  return db.selectFrom('solution_folders').select((eb) => [...FOLDER_COLUMNS, ...folderCounts(eb)]);
}

async function finishFolders(
  db: DeskDb,
  rows: (Omit<FolderRow, 'articles_count' | 'sub_folders_count' | 'company_ids'> & {
    articles_count: string | number | null;
    sub_folders_count: string | number | null;
  })[],
): Promise<FolderRow[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('solution_folder_companies')
    .select(['folder_id', 'company_id'])
    .where(
      'folder_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('company_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    articles_count: Number(r.articles_count ?? 0),
    sub_folders_count: Number(r.sub_folders_count ?? 0),
    company_ids: links.filter((l) => l.folder_id === r.id).map((l) => l.company_id),
  }));
}

/** A live folder. */
export async function findFolder(db: DeskDb, id: number): Promise<FolderRow | undefined> {
  const row = await selectFolders(db)
    .where('solution_folders.id', '=', id)
    .where('solution_folders.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? (await finishFolders(db, [row]))[0] : undefined;
}

/** Top-level folders of a category, or sub-folders of a folder, by position then id. */
export async function listFolders(
  db: DeskDb,
  parent: { categoryId: number } | { parentFolderId: number },
  scope: ListScope,
): Promise<FolderRow[]> {
  let query = selectFolders(db);
  query =
    'categoryId' in parent
      ? query
          .where('solution_folders.category_id', '=', parent.categoryId)
          .where('solution_folders.parent_folder_id', 'is', null)
      : query.where('solution_folders.parent_folder_id', '=', parent.parentFolderId);
  query =
    scope.updatedSince === undefined
      ? query.where('solution_folders.deleted_at', 'is', null)
      : query.where('solution_folders.updated_at', '>=', scope.updatedSince);
  const rows = await query.orderBy('solution_folders.position').orderBy('solution_folders.id').execute();
  return finishFolders(db, rows);
}

/** The live folder among `parent`'s children named `name` case-insensitively, other than `exceptId`. */
export function findSiblingFolderByName(
  db: DeskDb,
  parent: { categoryId: number; parentFolderId: number | null },
  name: string,
  exceptId?: number,
) {
  let query = db
    .selectFrom('solution_folders')
    .select('id')
    .where('category_id', '=', parent.categoryId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('deleted_at', 'is', null);
  query =
    parent.parentFolderId === null
      ? query.where('parent_folder_id', 'is', null)
      : query.where('parent_folder_id', '=', parent.parentFolderId);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertFolder(
  db: DeskDb,
  values: {
    category_id: number;
    parent_folder_id: number | null;
    name: string;
    description: string | null;
    visibility: number;
    now: Date;
  },
): Promise<number> {
  const { now, ...rest } = values;
  const row = await db
    .insertInto('solution_folders')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateFolderRow(
  db: DeskDb,
  id: number,
  changes: { name?: string; description?: string | null; visibility?: number; now: Date },
): Promise<void> {
  const { now, ...rest } = changes;
  await db
    .updateTable('solution_folders')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Makes `companyIds` the exact set of companies a folder is shown to. */
export async function replaceFolderCompanies(db: DeskDb, folderId: number, companyIds: number[]) {
  await db.deleteFrom('solution_folder_companies').where('folder_id', '=', folderId).execute();
  if (companyIds.length === 0) return;
  await db
    .insertInto('solution_folder_companies')
    .values(companyIds.map((company_id) => ({ folder_id: folderId, company_id })))
    .execute();
}

/** Which of `ids` are existing companies. */
export async function findExistingCompanyIds(db: DeskDb, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('companies').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Live folders below `folderIds` at any depth (not including them). */
export async function findLiveDescendantFolderIds(db: DeskDb, folderIds: number[]): Promise<number[]> {
  const found: number[] = [];
  let frontier = folderIds;
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('solution_folders')
      .select('id')
      .where('parent_folder_id', 'in', frontier)
      .where('deleted_at', 'is', null)
      .execute();
    frontier = rows.map((r) => r.id).filter((id) => !found.includes(id));
    found.push(...frontier);
  }
  return found;
}

/** Live folders of a category, at every level. */
export async function findLiveFolderIdsOfCategory(db: DeskDb, categoryId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('solution_folders')
    .select('id')
    .where('category_id', '=', categoryId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Live articles of the given folders. */
export async function findLiveArticleIdsIn(db: DeskDb, folderIds: number[]): Promise<number[]> {
  if (folderIds.length === 0) return [];
  const rows = await db
    .selectFrom('solution_articles')
    .select('id')
    .where('folder_id', 'in', folderIds)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Hierarchy: the names on the way from a category down to a folder.

export interface AncestryNode {
  id: number;
  name: string;
  parent_folder_id: number | null;
  category_id: number;
}

/**
 * Every folder on the paths from `folderIds` up to their categories (deleted ones included, so a
 * tombstone still says where it was), and those categories. One query per level.
 */
export async function loadAncestry(db: DeskDb, folderIds: number[]) {
  const folders = new Map<number, AncestryNode>();
  let frontier = [...new Set(folderIds)];
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('solution_folders')
      .select(['id', 'name', 'parent_folder_id', 'category_id'])
      .where('id', 'in', frontier)
      .execute();
    for (const r of rows) folders.set(r.id, r);
    frontier = [
      ...new Set(rows.map((r) => r.parent_folder_id).filter((id): id is number => id !== null)),
    ].filter((id) => !folders.has(id));
  }
  const categoryIds = [...new Set([...folders.values()].map((f) => f.category_id))];
  const categories =
    categoryIds.length === 0
      ? []
      : await db
          .selectFrom('solution_categories')
          .select(['id', 'name'])
          .where('id', 'in', categoryIds)
          .execute();
  return { folders, categories: new Map(categories.map((c) => [c.id, c])) };
}

export type Ancestry = Awaited<ReturnType<typeof loadAncestry>>;

// ---------------------------------------------------------------------------------------------
// Articles

const ARTICLE_COLUMNS = [
  'solution_articles.id',
  'solution_articles.folder_id',
  'solution_articles.type',
  'solution_articles.title',
  'solution_articles.description',
  'solution_articles.description_text',
  'solution_articles.status',
  'solution_articles.agent_id',
  'solution_articles.tags',
  'solution_articles.seo_data',
  'solution_articles.hits',
  'solution_articles.thumbs_up',
  'solution_articles.thumbs_down',
  'solution_articles.deleted_at',
  'solution_articles.created_at',
  'solution_articles.updated_at',
] as const;

function selectArticles(db: DeskDb) {
  return db
    .selectFrom('solution_articles')
    .innerJoin('solution_folders as f', 'f.id', 'solution_articles.folder_id')
    .select([...ARTICLE_COLUMNS, 'f.category_id']);
}

export type ArticleRow = Awaited<ReturnType<ReturnType<typeof selectArticles>['executeTakeFirstOrThrow']>>;

/** A live article. */
export function findArticle(db: DeskDb, id: number): Promise<ArticleRow | undefined> {
  return selectArticles(db)
    .where('solution_articles.id', '=', id)
    .where('solution_articles.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Live articles by id, in the order of `ids` (search results keep their ranking). */
export async function findArticlesByIds(db: DeskDb, ids: number[]): Promise<ArticleRow[]> {
  if (ids.length === 0) return [];
  const rows = await selectArticles(db)
    .where('solution_articles.id', 'in', ids)
    .where('solution_articles.deleted_at', 'is', null)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ArticleRow => row !== undefined);
}

/** Articles of a folder by position then id (see `ListScope`). */
export function listArticles(db: DeskDb, folderId: number, scope: ListScope): Promise<ArticleRow[]> {
  let query = selectArticles(db).where('solution_articles.folder_id', '=', folderId);
  query =
    scope.updatedSince === undefined
      ? query.where('solution_articles.deleted_at', 'is', null)
      : query.where('solution_articles.updated_at', '>=', scope.updatedSince);
  return query.orderBy('solution_articles.position').orderBy('solution_articles.id').execute();
}

export interface ArticleValues {
  type: number;
  title: string;
  description: string;
  description_text: string;
  status: number;
  agent_id: number | null;
  tags: string[];
  seo_data: Record<string, unknown>;
  /** The `articleSearchVector` expression for the values above. */
  search_vector: unknown;
}

export async function insertArticle(
  db: DeskDb,
  values: ArticleValues & { folder_id: number; now: Date },
): Promise<number> {
  const { now, seo_data, ...rest } = values;
  const row = await db
    .insertInto('solution_articles')
    .values({ ...rest, seo_data: JSON.stringify(seo_data), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticleRow(
  db: DeskDb,
  id: number,
  values: ArticleValues & { now: Date },
): Promise<void> {
  const { now, seo_data, ...rest } = values;
  await db
    .updateTable('solution_articles')
    .set({ ...rest, seo_data: JSON.stringify(seo_data), updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Deletes and change records

const TABLES = {
  category: 'solution_categories',
  folder: 'solution_folders',
  article: 'solution_articles',
} as const;

/** Marks rows deleted (tombstones) and bumps their `updated_at`. */
export async function softDelete(db: DeskDb, entity: SolutionEntity, ids: number[], now: Date) {
  if (ids.length === 0) return;
  await db
    .updateTable(TABLES[entity])
    .set({ deleted_at: now, updated_at: now })
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Records what happened to which rows, at `now` (the time the rows' `updated_at` got). */
export async function insertChanges(
  db: DeskDb,
  entity: SolutionEntity,
  ids: number[],
  action: SolutionAction,
  now: Date,
) {
  if (ids.length === 0) return;
  await db
    .insertInto('solution_changes')
    .values(ids.map((entity_id) => ({ entity, entity_id, action, changed_at: now })))
    .execute();
}

/** Change records at or after `since`, oldest first. */
export function listChanges(db: DeskDb, since: Date) {
  return db
    .selectFrom('solution_changes')
    .select(['id', 'entity', 'entity_id', 'action', 'changed_at'])
    .where('changed_at', '>=', since)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

export type ChangeRow = Awaited<ReturnType<typeof listChanges>>[number];

/** The constraint a unique violation names, if `error` is one (a lost race with a duplicate). */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' ? (e.constraint ?? '') : undefined;
}
