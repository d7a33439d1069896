import type { Selectable } from 'kysely';
import type { ChatDb, HelpdeskFaqImportsTable } from '../db.js';

// ---------------------------------------------------------------- state (selection, cursor, sync)

export function findFaqImportState(db: ChatDb) {
  return db
    .selectFrom('helpdesk_faq_state')
    .select([
      'folder_ids',
      'article_ids',
      'preserve_category_text',
      'change_cursor',
      'sync_interval_seconds',
      'last_sync_at',
      'last_sync_result',
    ])
    .where('id', '=', 1)
    .executeTakeFirst();
}

export type FaqImportStateRow = NonNullable<Awaited<ReturnType<typeof findFaqImportState>>>;

/** The row, locked until the transaction ends (selection changes and sync scheduling queue behind). */
export async function lockFaqImportState(db: ChatDb) {
  const now = new Date();
  await db
    .insertInto('helpdesk_faq_state')
    .values({ id: 1, folder_ids: '[]', article_ids: '[]', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return db
    .selectFrom('helpdesk_faq_state')
    .select(['folder_ids', 'article_ids', 'preserve_category_text', 'change_cursor'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateFaqImportState(
  db: ChatDb,
  values: {
    folder_ids?: string[];
    article_ids?: string[];
    preserve_category_text?: boolean;
    change_cursor?: { since: string; seen: string[] } | null;
    last_sync_at?: Date;
    last_sync_result?: Record<string, unknown>;
  },
) {
  const now = new Date();
  const { folder_ids, article_ids, change_cursor, last_sync_result, ...rest } = values;
  const set = {
    ...rest,
    ...(folder_ids ? { folder_ids: JSON.stringify(folder_ids) } : {}),
    ...(article_ids ? { article_ids: JSON.stringify(article_ids) } : {}),
    ...(change_cursor !== undefined
      ? { change_cursor: change_cursor === null ? null : JSON.stringify(change_cursor) }
      : {}),
    ...(last_sync_result ? { last_sync_result: JSON.stringify(last_sync_result) } : {}),
    updated_at: now,
  };
  await db
    .insertInto('helpdesk_faq_state')
    .values({ id: 1, folder_ids: '[]', article_ids: '[]', ...set, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet(set))
    .execute();
}

// ---------------------------------------------------------------- import runs

const IMPORT_COLUMNS = [
  'id',
  'state',
  'folder_ids',
  'article_ids',
  'preserve_category_text',
  'actor',
  'done',
  'total',
  'created',
  'updated',
  'unchanged',
  'removed',
  'errors',
  'started_at',
  'finished_at',
  'created_at',
  'updated_at',
] as const;

export type FaqImportRow = Selectable<HelpdeskFaqImportsTable>;

export async function insertFaqImport(
  db: ChatDb,
  row: Pick<FaqImportRow, 'id' | 'folder_ids' | 'article_ids' | 'preserve_category_text' | 'actor'>,
) {
  const now = new Date();
  await db
    .insertInto('helpdesk_faq_imports')
    .values({
      id: row.id,
      state: 'queued',
      folder_ids: JSON.stringify(row.folder_ids),
      article_ids: JSON.stringify(row.article_ids),
      preserve_category_text: row.preserve_category_text,
      actor: JSON.stringify(row.actor),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export function findFaqImport(db: ChatDb, id: string) {
  return db.selectFrom('helpdesk_faq_imports').select(IMPORT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The latest import (running or finished), for the import screen to show after a reload. */
export function findLatestFaqImport(db: ChatDb) {
  return db
    .selectFrom('helpdesk_faq_imports')
    .select(IMPORT_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The import queued or running, if any (one runs at a time). */
export function findActiveFaqImport(db: ChatDb) {
  return db
    .selectFrom('helpdesk_faq_imports')
    .select(IMPORT_COLUMNS)
    .where('state', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .executeTakeFirst();
}

export interface FaqImportProgress {
  state?: FaqImportRow['state'];
  done?: number;
  total?: number | null;
  created?: number;
  updated?: number;
  unchanged?: number;
  removed?: number;
  errors?: object[];
  started_at?: Date;
  finished_at?: Date;
}

export async function updateFaqImport(db: ChatDb, id: string, progress: FaqImportProgress) {
  const { errors, ...rest } = progress;
  await db
    .updateTable('helpdesk_faq_imports')
    .set({ ...rest, ...(errors ? { errors: JSON.stringify(errors) } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- what was imported

export function listImportedArticles(db: ChatDb) {
  return db
    .selectFrom('helpdesk_faq_articles')
    .select(['article_id', 'folder_id', 'content_hash', 'chat_updated_at'])
    .execute();
}

export function listImportedFolders(db: ChatDb) {
  return db
    .selectFrom('helpdesk_faq_folders')
    .select(['folder_id', 'content_hash', 'chat_updated_at'])
    .execute();
}

export interface ImportedArticleValues {
  article_id: string;
  folder_id: string;
  content_hash: string;
  chat_updated_at: Date;
}

/** Records what was written for these articles (one statement). */
export async function saveImportedArticles(db: ChatDb, rows: ImportedArticleValues[]) {
  if (rows.length === 0) return;
  const now = new Date();
  await db
    .insertInto('helpdesk_faq_articles')
    .values(rows.map((r) => ({ ...r, imported_at: now })))
    .onConflict((oc) =>
      oc.column('article_id').doUpdateSet((eb) => ({
        folder_id: eb.ref('excluded.folder_id'),
        content_hash: eb.ref('excluded.content_hash'),
        chat_updated_at: eb.ref('excluded.chat_updated_at'),
        imported_at: eb.ref('excluded.imported_at'),
      })),
    )
    .execute();
}

export async function forgetImportedArticles(db: ChatDb, articleIds: string[]) {
  if (articleIds.length === 0) return;
  await db.deleteFrom('helpdesk_faq_articles').where('article_id', 'in', articleIds).execute();
}

export async function saveImportedFolder(
  db: ChatDb,
  row: { folder_id: string; content_hash: string; chat_updated_at: Date },
) {
  const now = new Date();
  await db
    .insertInto('helpdesk_faq_folders')
    .values({ ...row, imported_at: now })
    .onConflict((oc) =>
      oc.column('folder_id').doUpdateSet({
        content_hash: row.content_hash,
        chat_updated_at: row.chat_updated_at,
        imported_at: now,
      }),
    )
    .execute();
}

export async function forgetImportedFolders(db: ChatDb, folderIds: string[]) {
  if (folderIds.length === 0) return;
  await db.deleteFrom('helpdesk_faq_folders').where('folder_id', 'in', folderIds).execute();
}

// ---------------------------------------------------------------- live sync scheduling

/**
 * Jobs of `queue` in these states, other than `exceptId`. Read through Kysely rather than
 * platform/jobs (which knows no queues by name): live sync keeps exactly one of its own.
 */
export async function countQueuedJobs(
  db: ChatDb,
  queue: string,
  statuses: ('pending' | 'running')[],
  exceptId?: string,
) {
  let query = db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('queue', '=', queue)
    .where('status', 'in', statuses);
  if (exceptId) query = query.where('id', '<>', exceptId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
