import { sql, type RawBuilder } from 'kysely';
import type { ChatDb, FaqArticleStatus } from '../db.js';

const CATEGORY_COLUMNS = [
  'id',
  'name',
  'description',
  'position',
  'locale',
  'source',
  'source_id',
  'created_at',
  'updated_at',
] as const;

const ARTICLE_COLUMNS = [
  'id',
  'category_id',
  'title',
  'body_html',
  'body_text',
  'position',
  'status',
  'tags',
  'source',
  'source_id',
  'helpful_count',
  'not_helpful_count',
  'created_at',
  'updated_at',
] as const;

// ---------------------------------------------------------------- categories

export function findFaqCategoryById(db: ChatDb, id: string) {
  return db.selectFrom('faq_categories').select(CATEGORY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type FaqCategoryRow = NonNullable<Awaited<ReturnType<typeof findFaqCategoryById>>>;

export function findFaqCategoryBySource(db: ChatDb, source: string, sourceId: string) {
  return db
    .selectFrom('faq_categories')
    .select(CATEGORY_COLUMNS)
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

/** The category row, locked until the transaction ends: article writes in it queue behind. */
export function lockFaqCategory(db: ChatDb, id: string) {
  return db
    .selectFrom('faq_categories')
    .select(CATEGORY_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Serializes writes to the categories' order until the transaction ends. An advisory lock, not
 * row locks: a create adds a row that no existing lock would cover.
 */
export async function lockFaqCategoryOrder(db: ChatDb) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('chat.faq_categories.position'))`.execute(db);
}

/** One page of categories by position, and the total; `locale` keeps that locale's only. */
export async function listFaqCategories(
  db: ChatDb,
  locale: string | undefined,
  limit: number,
  offset: number,
) {
  let rows = db.selectFrom('faq_categories').select(CATEGORY_COLUMNS);
  let count = db.selectFrom('faq_categories').select((eb) => eb.fn.countAll<string>().as('count'));
  if (locale !== undefined) {
    rows = rows.where('locale', '=', locale);
    count = count.where('locale', '=', locale);
  }
  const [page, total] = await Promise.all([
    rows.orderBy('position').orderBy('id').limit(limit).offset(offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: page, total: Number(total.count) };
}

export interface FaqArticleCounts {
  total: number;
  published: number;
}

/** All and published articles per category. */
export async function faqArticleCounts(
  db: ChatDb,
  categoryIds: string[],
): Promise<Map<string, FaqArticleCounts>> {
  const map = new Map<string, FaqArticleCounts>(categoryIds.map((id) => [id, { total: 0, published: 0 }]));
  if (categoryIds.length === 0) return map;
  const rows = await db
    .selectFrom('faq_articles')
    .select([
      'category_id',
      (eb) => eb.fn.countAll<string>().as('total'),
      // COUNT ... FILTER has no builder form.
      sql<string>`count(*) FILTER (WHERE status = 'published')`.as('published'),
    ])
    .where('category_id', 'in', categoryIds)
    .groupBy('category_id')
    .execute();
  for (const row of rows)
    map.set(row.category_id, { total: Number(row.total), published: Number(row.published) });
  return map;
}

export async function countFaqCategories(db: ChatDb): Promise<number> {
  const row = await db
    .selectFrom('faq_categories')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface FaqCategoryValues {
  name: string;
  description: string | null;
  position: number;
  locale: string | null;
}

export async function insertFaqCategory(
  db: ChatDb,
  id: string,
  values: FaqCategoryValues & { source: string | null; source_id: string | null },
) {
  const now = new Date();
  await db
    .insertInto('faq_categories')
    .values({ id, ...values, created_at: now, updated_at: now })
    .execute();
}

export async function updateFaqCategoryColumns(db: ChatDb, id: string, values: Partial<FaqCategoryValues>) {
  await db
    .updateTable('faq_categories')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Deletes a category; its articles and their votes go with it (ON DELETE CASCADE). */
export async function deleteFaqCategoryRow(db: ChatDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('faq_categories').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Moves the categories at positions `from`..`to` (inclusive; `to` open when undefined) by `delta`. */
export async function shiftFaqCategoryPositions(
  db: ChatDb,
  from: number,
  to: number | undefined,
  delta: 1 | -1,
  exceptId?: string,
) {
  let query = db
    .updateTable('faq_categories')
    .set((eb) => ({ position: eb('position', '+', delta) }))
    .where('position', '>=', from);
  if (to !== undefined) query = query.where('position', '<=', to);
  if (exceptId) query = query.where('id', '<>', exceptId);
  await query.execute();
}

// ---------------------------------------------------------------- articles

export function findFaqArticleById(db: ChatDb, id: string) {
  return db.selectFrom('faq_articles').select(ARTICLE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type FaqArticleRow = NonNullable<Awaited<ReturnType<typeof findFaqArticleById>>>;

export function findFaqArticleBySource(db: ChatDb, source: string, sourceId: string) {
  return db
    .selectFrom('faq_articles')
    .select(ARTICLE_COLUMNS)
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

export interface FaqArticleFilters {
  categoryId?: string | undefined;
  status?: FaqArticleStatus | undefined;
  source?: string | undefined;
}

/** One page of articles, in the order the widget shows them (category, then article position). */
export async function listFaqArticles(db: ChatDb, filters: FaqArticleFilters, limit: number, offset: number) {
  let rows = db
    .selectFrom('faq_articles as a')
    .innerJoin('faq_categories as c', 'c.id', 'a.category_id')
    .select(ARTICLE_COLUMNS.map((column) => `a.${column}` as const));
  let count = db.selectFrom('faq_articles as a').select((eb) => eb.fn.countAll<string>().as('count'));
  if (filters.categoryId !== undefined) {
    rows = rows.where('a.category_id', '=', filters.categoryId);
    count = count.where('a.category_id', '=', filters.categoryId);
  }
  if (filters.status !== undefined) {
    rows = rows.where('a.status', '=', filters.status);
    count = count.where('a.status', '=', filters.status);
  }
  if (filters.source !== undefined) {
    rows = rows.where('a.source', '=', filters.source);
    count = count.where('a.source', '=', filters.source);
  }
  const [page, total] = await Promise.all([
    rows
      .orderBy('c.position')
      .orderBy('c.id')
      .orderBy('a.position')
      .orderBy('a.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: page, total: Number(total.count) };
}

export async function countFaqArticlesIn(db: ChatDb, categoryId: string): Promise<number> {
  const row = await db
    .selectFrom('faq_articles')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('category_id', '=', categoryId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface FaqArticleValues {
  category_id: string;
  title: string;
  body_html: string;
  body_text: string;
  position: number;
  status: FaqArticleStatus;
  tags: string[];
}

/**
 * Inserts an article; false when `source` + `source_id` already name one (after waiting for a
 * concurrent insert of it to commit), so an import can update that one instead.
 */
export async function insertFaqArticle(
  db: ChatDb,
  id: string,
  values: FaqArticleValues & { source: string | null; source_id: string | null },
  searchVector: RawBuilder<string>,
): Promise<boolean> {
  const now = new Date();
  const inserted = await db
    .insertInto('faq_articles')
    .values({ id, ...values, search_vector: searchVector, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['source', 'source_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateFaqArticleColumns(
  db: ChatDb,
  id: string,
  values: Partial<FaqArticleValues>,
  searchVector: RawBuilder<string> | undefined,
) {
  await db
    .updateTable('faq_articles')
    .set({ ...values, ...(searchVector ? { search_vector: searchVector } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteFaqArticleRow(db: ChatDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('faq_articles').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Moves the category's articles at positions `from`..`to` (`to` open when undefined) by `delta`. */
export async function shiftFaqArticlePositions(
  db: ChatDb,
  categoryId: string,
  from: number,
  to: number | undefined,
  delta: 1 | -1,
  exceptId?: string,
) {
  let query = db
    .updateTable('faq_articles')
    .set((eb) => ({ position: eb('position', '+', delta) }))
    .where('category_id', '=', categoryId)
    .where('position', '>=', from);
  if (to !== undefined) query = query.where('position', '<=', to);
  if (exceptId) query = query.where('id', '<>', exceptId);
  await query.execute();
}

/** Every article an importer brought from `source`, with what an import compares (its diff). */
export function listFaqArticlesFromSource(db: ChatDb, source: string) {
  return db
    .selectFrom('faq_articles')
    .select(['id', 'source_id', 'category_id', 'status', 'updated_at'])
    .where('source', '=', source)
    .execute();
}

/** Every category an importer brought from `source`, likewise. */
export function listFaqCategoriesFromSource(db: ChatDb, source: string) {
  return db
    .selectFrom('faq_categories')
    .select(['id', 'source_id', 'updated_at'])
    .where('source', '=', source)
    .execute();
}

/** The articles of `source` with these source ids (any number: asked in chunks). */
export async function findFaqArticlesBySourceIds(db: ChatDb, source: string, sourceIds: readonly string[]) {
  const rows: { id: string; category_id: string }[] = [];
  for (let i = 0; i < sourceIds.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('faq_articles')
        .select(['id', 'category_id'])
        .where('source', '=', source)
        .where('source_id', 'in', sourceIds.slice(i, i + 1000))
        .execute()),
    );
  }
  return rows;
}

/**
 * Inserts imported articles in chunks, skipping source ids already taken; returns the ones
 * inserted. Callers hold the category's lock and have placed them at its end.
 */
export async function insertFaqArticlesFromSource(
  db: ChatDb,
  rows: (FaqArticleValues & {
    id: string;
    source: string;
    source_id: string;
    search_vector: RawBuilder<string>;
    created_at: Date;
    updated_at: Date;
  })[],
) {
  const inserted: { id: string; source_id: string | null; updated_at: Date }[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    inserted.push(
      ...(await db
        .insertInto('faq_articles')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['source', 'source_id']).doNothing())
        .returning(['id', 'source_id', 'updated_at'])
        .execute()),
    );
  }
  return inserted;
}

/** Deletes these articles (and their votes); how many went. */
export async function deleteFaqArticleRows(db: ChatDb, ids: readonly string[]): Promise<number> {
  let deleted = 0n;
  for (let i = 0; i < ids.length; i += 1000) {
    const result = await db
      .deleteFrom('faq_articles')
      .where('id', 'in', ids.slice(i, i + 1000))
      .executeTakeFirst();
    deleted += result.numDeletedRows;
  }
  return Number(deleted);
}

/** Gives the category's articles positions 1..n again in their current order (after a bulk delete). */
export async function renumberFaqArticlePositions(db: ChatDb, categoryId: string) {
  // Raw SQL: UPDATE ... FROM a window-function subquery has no Kysely builder form.
  await sql`
    UPDATE faq_articles AS a SET position = r.rn
    FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS rn FROM faq_articles WHERE category_id = ${categoryId}) AS r
    WHERE a.id = r.id AND a.position <> r.rn
  `.execute(db);
}

// ---------------------------------------------------------------- widget reads

/** Locales a widget locale matches: itself and its language ('ja-jp' → 'ja-jp', 'ja'). */
const localeCandidates = (locale: string) => [...new Set([locale, locale.split('-')[0]!])];

/**
 * Categories with at least one published article, by position, with that count; with a
 * locale, those of that locale (or its language) and those with none.
 */
export function listVisibleFaqCategories(db: ChatDb, locale: string | undefined) {
  let query = db
    .selectFrom('faq_categories as c')
    .innerJoin('faq_articles as a', 'a.category_id', 'c.id')
    .select([
      'c.id',
      'c.name',
      'c.description',
      'c.locale',
      'c.position',
      (eb) => eb.fn.countAll<string>().as('article_count'),
    ])
    .where('a.status', '=', 'published')
    .groupBy(['c.id', 'c.name', 'c.description', 'c.locale', 'c.position']);
  if (locale !== undefined)
    query = query.where((eb) =>
      eb.or([eb('c.locale', 'is', null), eb('c.locale', 'in', localeCandidates(locale))]),
    );
  return query.orderBy('c.position').orderBy('c.id').execute();
}

export type VisibleFaqCategoryRow = Awaited<ReturnType<typeof listVisibleFaqCategories>>[number];

/** A published article, or undefined (drafts are never visible to the widget). */
export function findPublishedFaqArticle(db: ChatDb, id: string) {
  return db
    .selectFrom('faq_articles')
    .select(ARTICLE_COLUMNS)
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** One page of a category's published articles by position, and their total. */
export async function listPublishedFaqArticles(
  db: ChatDb,
  categoryId: string,
  limit: number,
  offset: number,
) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('faq_articles')
      .select(['id', 'category_id', 'title', 'position', 'updated_at'])
      .where('category_id', '=', categoryId)
      .where('status', '=', 'published')
      .orderBy('position')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('faq_articles')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('category_id', '=', categoryId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export type FaqArticleSummaryRow = Awaited<ReturnType<typeof listPublishedFaqArticles>>['rows'][number];

export interface FaqSearchHitRow {
  id: string;
  category_id: string;
  category_name: string;
  title: string;
  body_text: string;
  rank: number;
}

/**
 * Published articles matching `tsquery` (faq-search-document.ts), best first: by rank of the
 * title and tags, then most found helpful, then most recently updated. With a locale, only in
 * categories of that locale (or its language) or of none.
 */
export async function findFaqSearchHits(
  db: ChatDb,
  tsquery: RawBuilder<string>,
  locale: string | undefined,
  limit: number,
): Promise<FaqSearchHitRow[]> {
  let query = db
    .selectFrom('faq_articles as a')
    .innerJoin('faq_categories as c', 'c.id', 'a.category_id')
    .select([
      'a.id',
      'a.category_id',
      'c.name as category_name',
      'a.title',
      'a.body_text',
      // Raw SQL: ts_rank and @@ have no Kysely builder; the query's user text is bound. The rank
      // reads the small title/tags vector, not every match's whole body (as Desk's KB search).
      sql<number>`ts_rank(a.title_vector, ${tsquery})`.as('rank'),
    ])
    .where(sql<boolean>`a.search_vector @@ ${tsquery}`)
    .where('a.status', '=', 'published');
  if (locale !== undefined)
    query = query.where((eb) =>
      eb.or([eb('c.locale', 'is', null), eb('c.locale', 'in', localeCandidates(locale))]),
    );
  const rows = await query
    .orderBy('rank', 'desc')
    .orderBy('a.helpful_count', 'desc')
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}

// ---------------------------------------------------------------- votes

/** The article row locked until the transaction ends (its counters are about to change). */
export function lockPublishedFaqArticle(db: ChatDb, id: string) {
  return db
    .selectFrom('faq_articles')
    .select(['id'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .forUpdate()
    .executeTakeFirst();
}

export async function findFaqVote(db: ChatDb, articleId: string, userId: string) {
  const row = await db
    .selectFrom('faq_article_votes')
    .select('helpful')
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.helpful;
}

/** Records or changes a vote (the caller holds the article's lock, so no other vote races it). */
export async function saveFaqVote(
  db: ChatDb,
  articleId: string,
  userId: string,
  helpful: boolean,
  isNew: boolean,
) {
  const now = new Date();
  if (isNew) {
    await db
      .insertInto('faq_article_votes')
      .values({ article_id: articleId, user_id: userId, helpful, created_at: now, updated_at: now })
      .execute();
    return;
  }
  await db
    .updateTable('faq_article_votes')
    .set({ helpful, updated_at: now })
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .execute();
}

/** Adds to the article's counters; votes are not content, so `updated_at` stays. */
export async function addToFaqVoteCounts(db: ChatDb, articleId: string, helpful: number, notHelpful: number) {
  await db
    .updateTable('faq_articles')
    .set((eb) => ({
      helpful_count: eb('helpful_count', '+', helpful),
      not_helpful_count: eb('not_helpful_count', '+', notHelpful),
    }))
    .where('id', '=', articleId)
    .execute();
}
