import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { DeskDB, DeskDb } from '../db.js';
import { folderVisibleTo, type KbViewer } from '../solutions/solution.visibility.js';

const PUBLISHED = 2;

/** A matching article with where it lives; `description_text` is the whole text. */
export interface ArticleHitRow {
  id: number;
  title: string;
  description_text: string;
  folder_id: number;
  folder_name: string;
  category_id: number;
  category_name: string;
  hits: number;
  updated_at: Date;
  rank: number;
}

export interface HitScope {
  viewer: KbViewer;
  /** Only categories this portal shows. */
  portalId?: number;
  limit: number;
  offset: number;
}

// `folderVisibleTo` is written for a query whose FROM names `solution_folders`; these queries do,
// alongside other tables, which its narrower type does not admit.
const asFolderScope = (eb: unknown) => eb as ExpressionBuilder<DeskDB, 'solution_folders'>;

/**
 * Runs `fn` with sequential scans discouraged. For a common word the planner prefers reading the
 * whole table and testing each row's (toasted) document, several times slower than the GIN index,
 * which answers word queries exactly. Inside a caller's transaction the setting would outlive
 * this query, so there the planner is left alone.
 */
async function withIndexScans<T>(db: DeskDb, fn: (db: DeskDb) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    return fn(trx);
  });
}

/**
 * Published, live articles matching `tsquery` (see `articleSearchQuery`) in live categories and
 * in folders the viewer may see — a nested folder only when all its ancestors are visible too,
 * as on the portal — best first: by rank of the title and tags, then most viewed, then most
 * recently updated.
 */
export async function findArticleHits(
  db: DeskDb,
  tsquery: RawBuilder<string>,
  scope: HitScope,
): Promise<ArticleHitRow[]> {
  const { viewer, portalId } = scope;
  const query = db
    // The folders the viewer may open: visible roots of live categories (on the portal, when
    // given), then visible children of visible folders. A few hundred rows at most.
    .withRecursive('visible_folders(id)', (qb) =>
      qb
        .selectFrom('solution_folders')
        .innerJoin('solution_categories as c', 'c.id', 'solution_folders.category_id')
        .select('solution_folders.id')
        .where('solution_folders.parent_folder_id', 'is', null)
        .where((eb) => folderVisibleTo(asFolderScope(eb), viewer))
        .where('c.deleted_at', 'is', null)
        .$if(portalId !== undefined, (qb) =>
          qb.where((eb) =>
            eb.exists(
              eb
                .selectFrom('portal_categories as pc')
                .select('pc.category_id')
                .whereRef('pc.category_id', '=', 'c.id')
                .where('pc.portal_id', '=', portalId!),
            ),
          ),
        )
        .unionAll((qb) =>
          qb
            .selectFrom('solution_folders')
            .innerJoin('visible_folders', 'visible_folders.id', 'solution_folders.parent_folder_id')
            .select('solution_folders.id')
            .where((eb) => folderVisibleTo(asFolderScope(eb), viewer)),
        ),
    )
    // The page of matches, keeping only narrow sort keys: names and text are read for these
    // few rows afterwards, not for every match.
    .with('hits', (qb) =>
      qb
        .selectFrom('solution_articles as a')
        .innerJoin('visible_folders as vf', 'vf.id', 'a.folder_id')
        .select([
          'a.id',
          'a.hits',
          'a.updated_at',
          // Raw SQL: ts_rank and @@ have no Kysely builder; the tsquery's user text is bound. The
          // rank reads the small title/tags vector: ranking on the whole document would detoast
          // every match's body vector, too slow for common words over thousands of articles.
          sql<number>`ts_rank(a.title_vector, ${tsquery})`.as('rank'),
        ])
        .where(sql<boolean>`a.search_vector @@ ${tsquery}`)
        .where('a.status', '=', PUBLISHED)
        .where('a.deleted_at', 'is', null)
        .orderBy('rank', 'desc')
        .orderBy('a.hits', 'desc')
        .orderBy('a.updated_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(scope.limit)
        .offset(scope.offset),
    )
    .selectFrom('hits')
    .innerJoin('solution_articles as a', 'a.id', 'hits.id')
    .innerJoin('solution_folders as f', 'f.id', 'a.folder_id')
    .innerJoin('solution_categories as c', 'c.id', 'f.category_id')
    .select([
      'a.id',
      'a.title',
      'a.description_text',
      'a.hits',
      'a.updated_at',
      'f.id as folder_id',
      'f.name as folder_name',
      'c.id as category_id',
      'c.name as category_name',
      'hits.rank',
    ])
    .orderBy('hits.rank', 'desc')
    .orderBy('hits.hits', 'desc')
    .orderBy('hits.updated_at', 'desc')
    .orderBy('hits.id', 'desc');
  const compiled = query.compile();
  const { rows } = await withIndexScans(db, (db) => db.executeQuery(compiled));
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}
