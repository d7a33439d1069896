import type { ExpressionBuilder } from 'kysely';
import type { DeskDB, DeskDb } from '../db.js';
import { folderVisibleTo, type KbViewer } from './solution.visibility.js';

/**
 * What the customer portal pages read from the knowledge base. Every read goes through
 * `folderVisibleTo` (in SQL) and checks the portal shows the folder's category; only published,
 * live articles in live folders of live categories are ever returned. A folder nested in another
 * is visible only when each of its ancestors is visible too.
 */

const PUBLISHED = 2;

/** A folder as the portal shows it in a list. */
export interface PortalFolderSummary {
  id: number;
  name: string;
  description: string | null;
  /** Published articles directly in this folder. */
  articles_count: number;
}

/** A category of a portal with its visible top-level folders. */
export interface PortalCategory {
  id: number;
  name: string;
  description: string | null;
  folders: PortalFolderSummary[];
}

/** A visible folder with its category, its visible sub-folders and its ancestors (root first). */
export interface PortalFolder {
  id: number;
  name: string;
  description: string | null;
  visibility: number;
  parent_folder_id: number | null;
  category: { id: number; name: string; description: string | null };
  ancestors: { id: number; name: string }[];
  subfolders: PortalFolderSummary[];
}

/** A published article in a folder's list. */
export interface PortalArticleSummary {
  id: number;
  title: string;
  description_text: string;
  updated_at: Date;
}

/** A published article the viewer may read, with where it lives. */
export interface PortalArticle {
  id: number;
  type: number;
  title: string;
  description: string;
  description_text: string;
  tags: string[];
  seo_data: Record<string, unknown>;
  hits: number;
  thumbs_up: number;
  thumbs_down: number;
  created_at: Date;
  updated_at: Date;
  folder: { id: number; name: string };
  category: { id: number; name: string };
}

const publishedCount = (eb: ExpressionBuilder<DeskDB, 'solution_folders'>) =>
  eb
    .selectFrom('solution_articles as a')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('a.folder_id', '=', 'solution_folders.id')
    .where('a.status', '=', PUBLISHED)
    .where('a.deleted_at', 'is', null);

/** Visible folders among `parentIds`' children (or the top-level folders of `categoryIds`). */
async function visibleFolderSummaries(
  db: DeskDb,
  viewer: KbViewer,
  scope: { categoryIds: number[] } | { parentId: number },
) {
  if ('categoryIds' in scope && scope.categoryIds.length === 0) return [];
  let query = db
    .selectFrom('solution_folders')
    .select((eb) => [
      'solution_folders.id',
      'solution_folders.name',
      'solution_folders.description',
      'solution_folders.category_id',
      publishedCount(eb).as('articles_count'),
    ])
    .where((eb) => folderVisibleTo(eb, viewer));
  query =
    'categoryIds' in scope
      ? query
          .where('solution_folders.category_id', 'in', scope.categoryIds)
          .where('solution_folders.parent_folder_id', 'is', null)
      : query.where('solution_folders.parent_folder_id', '=', scope.parentId);
  const rows = await query.orderBy('solution_folders.position').orderBy('solution_folders.id').execute();
  return rows.map((r) => ({ ...r, articles_count: Number(r.articles_count) }));
}

/** Categories shown on a portal, each with the top-level folders the viewer may see. */
export async function listPortalCategories(
  db: DeskDb,
  portalId: number,
  viewer: KbViewer,
): Promise<PortalCategory[]> {
  const categories = await db
    .selectFrom('solution_categories as c')
    .innerJoin('portal_categories as pc', 'pc.category_id', 'c.id')
    .select(['c.id', 'c.name', 'c.description'])
    .where('pc.portal_id', '=', portalId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
  const folders = await visibleFolderSummaries(db, viewer, { categoryIds: categories.map((c) => c.id) });
  return categories.map((c) => ({
    ...c,
    folders: folders
      .filter((f) => f.category_id === c.id)
      .map(({ id, name, description, articles_count }) => ({ id, name, description, articles_count })),
  }));
}

/** The ids of a folder's ancestors, nearest first (bounded: hierarchies are shallow). */
async function ancestorIds(db: DeskDb, parentId: number | null): Promise<number[]> {
  const ids: number[] = [];
  let next = parentId;
  while (next !== null && ids.length < 32 && !ids.includes(next)) {
    ids.push(next);
    const row = await db
      .selectFrom('solution_folders')
      .select('parent_folder_id')
      .where('id', '=', next)
      .executeTakeFirst();
    next = row?.parent_folder_id ?? null;
  }
  return ids;
}

/** One folder by id when visible to the viewer, live, and on a category the portal shows. */
function visibleFolderRow(db: DeskDb, folderId: number, viewer: KbViewer, portalId: number) {
  return db
    .selectFrom('solution_folders')
    .innerJoin('solution_categories as c', 'c.id', 'solution_folders.category_id')
    .select([
      'solution_folders.id',
      'solution_folders.name',
      'solution_folders.description',
      'solution_folders.visibility',
      'solution_folders.parent_folder_id',
      'c.id as category_id',
      'c.name as category_name',
      'c.description as category_description',
    ])
    .where('solution_folders.id', '=', folderId)
    .where((eb) => folderVisibleTo(eb, viewer))
    .where('c.deleted_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('portal_categories as pc')
          .select('pc.category_id')
          .whereRef('pc.category_id', '=', 'c.id')
          .where('pc.portal_id', '=', portalId),
      ),
    )
    .executeTakeFirst();
}

/** True when every folder in `ids` is live and visible to the viewer. */
async function allVisible(db: DeskDb, ids: number[], viewer: KbViewer): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await db
    .selectFrom('solution_folders')
    .select('solution_folders.id')
    .where('solution_folders.id', 'in', ids)
    .where((eb) => folderVisibleTo(eb, viewer))
    .execute();
  return rows.length === ids.length;
}

/** A folder the viewer may open on this portal, or undefined (the page answers 404). */
export async function findVisibleFolder(
  db: DeskDb,
  folderId: number,
  viewer: KbViewer,
  portalId: number,
): Promise<PortalFolder | undefined> {
  const row = await visibleFolderRow(db, folderId, viewer, portalId);
  if (!row) return undefined;
  const ancestors = await ancestorIds(db, row.parent_folder_id);
  if (!(await allVisible(db, ancestors, viewer))) return undefined;
  const ancestorRows =
    ancestors.length === 0
      ? []
      : await db.selectFrom('solution_folders').select(['id', 'name']).where('id', 'in', ancestors).execute();
  const subfolders = await visibleFolderSummaries(db, viewer, { parentId: row.id });
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    parent_folder_id: row.parent_folder_id,
    category: { id: row.category_id, name: row.category_name, description: row.category_description },
    ancestors: [...ancestors]
      .reverse()
      .map((id) => ancestorRows.find((a) => a.id === id))
      .filter((a): a is { id: number; name: string } => a !== undefined),
    subfolders: subfolders.map(({ id, name, description, articles_count }) => ({
      id,
      name,
      description,
      articles_count,
    })),
  };
}

/**
 * Published, live articles of a folder, by position then id. Callers check the folder first with
 * `findVisibleFolder`: this list does not look at visibility.
 */
export function listPublishedArticles(db: DeskDb, folderId: number): Promise<PortalArticleSummary[]> {
  return db
    .selectFrom('solution_articles')
    .select(['id', 'title', 'description_text', 'updated_at'])
    .where('folder_id', '=', folderId)
    .where('status', '=', PUBLISHED)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** A published article the viewer may read on this portal, or undefined (the page answers 404). */
export async function findVisibleArticle(
  db: DeskDb,
  articleId: number,
  viewer: KbViewer,
  portalId: number,
): Promise<PortalArticle | undefined> {
  const article = await db
    .selectFrom('solution_articles')
    .select([
      'id',
      'folder_id',
      'type',
      'title',
      'description',
      'description_text',
      'tags',
      'seo_data',
      'hits',
      'thumbs_up',
      'thumbs_down',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', articleId)
    .where('status', '=', PUBLISHED)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!article) return undefined;
  const folder = await findVisibleFolder(db, article.folder_id, viewer, portalId);
  if (!folder) return undefined;
  const { folder_id: _folderId, ...rest } = article;
  return {
    ...rest,
    folder: { id: folder.id, name: folder.name },
    category: { id: folder.category.id, name: folder.category.name },
  };
}

/** Counts a portal view of a published article (not a content change: no change record). */
export async function recordArticleView(db: DeskDb, articleId: number): Promise<boolean> {
  const result = await db
    .updateTable('solution_articles')
    .set((eb) => ({ hits: eb('hits', '+', 1) }))
    .where('id', '=', articleId)
    .where('status', '=', PUBLISHED)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a "was this helpful?" answer on a published article (not a content change). */
export async function voteArticle(db: DeskDb, articleId: number, helpful: boolean): Promise<boolean> {
  const query = db.updateTable('solution_articles');
  const updated = helpful
    ? query.set((eb) => ({ thumbs_up: eb('thumbs_up', '+', 1) }))
    : query.set((eb) => ({ thumbs_down: eb('thumbs_down', '+', 1) }));
  const result = await updated
    .where('id', '=', articleId)
    .where('status', '=', PUBLISHED)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
