import { createHash } from 'node:crypto';
import { AppError } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import {
  countFaqArticlesIn,
  createFaqArticlesBySource,
  deleteFaqArticlesBySource,
  deleteFaqCategory,
  listFaqArticlesFromSource,
  listFaqCategoriesFromSource,
  upsertFaqArticleBySource,
  upsertFaqCategoryBySource,
} from '../../faq/index.js';
import type { HelpdeskClient } from '../../helpdesk/index.js';
import {
  findFaqImportState,
  forgetImportedArticles,
  forgetImportedFolders,
  listImportedArticles,
  listImportedFolders,
  saveImportedArticles,
  saveImportedFolder,
  updateFaqImportState,
  type ImportedArticleValues,
} from '../faq-import.repository.js';
import {
  HELPDESK_CONCURRENCY,
  isPublished,
  mapLimit,
  readArticle,
  readChanges,
  readFolderTree,
  readPublishedArticles,
  type ChangeRecord,
  type FolderNode,
  type HelpdeskArticle,
} from '../helpdesk-kb.js';

/** Chat FAQ rows the import made carry this source; their source id is the helpdesk's id. */
export const HELPDESK_SOURCE = 'helpdesk';

export interface FaqSelection {
  folderIds: string[];
  articleIds: string[];
  preserveCategoryText: boolean;
}

export interface FaqImportError {
  message: string;
  article_id?: string;
  folder_id?: string;
}

/** Articles: written new, written over, left alone, taken out of Chat. */
export interface FaqImportTally {
  done: number;
  total: number | null;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  errors: FaqImportError[];
}

export interface RunOptions {
  /** Told of progress as it goes (every `progressEveryMs` or every batch of articles) and at the end. */
  onProgress?: (tally: FaqImportTally) => Promise<void>;
  progressEveryMs?: number;
}

/** Articles added per statement on a first import; progress is reported between batches. */
const BATCH = 50;
/** Chat's FAQ takes bodies up to this size (faq.schemas.ts). */
const MAX_BODY = 500_000;

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');
const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
const messageOf = (error: unknown) =>
  error instanceof AppError && error.fieldErrors.length > 0
    ? `${error.message}: ${error.fieldErrors.map((f) => `${f.field} ${f.message}`).join('; ')}`
    : error instanceof Error
      ? error.message
      : String(error);

/** Feed records as keys (a record seen twice, at the cursor's inclusive second, counts once). */
const keyOf = (r: ChangeRecord) => `${r.entity}:${r.id}:${r.action}:${r.changed_at}`;

/** The cursor after reading `records` since `since`: the latest second seen, and what it held. */
function cursorAfter(since: string, records: ChangeRecord[]) {
  if (records.length === 0) return { since, seen: [] as string[] };
  const latest = records.reduce(
    (max, r) => (Date.parse(r.changed_at) > Date.parse(max) ? r.changed_at : max),
    since,
  );
  return { since: latest, seen: records.filter((r) => r.changed_at === latest).map(keyOf) };
}

/** Where the change feed stands now, and whether anything happened since the saved cursor. */
async function probeChanges(client: HelpdeskClient, saved: { since: string; seen: string[] } | null) {
  // First run: ask a little into the past, for a cursor in the helpdesk's own clock.
  const since = saved?.since ?? new Date(Date.now() - 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const records = await readChanges(client, since);
  if (!records) return undefined;
  const seen = new Set(saved?.seen ?? []);
  return {
    cursor: cursorAfter(since, records),
    quiet: saved !== null && records.every((r) => seen.has(keyOf(r))),
  };
}

interface Wanted {
  article: HelpdeskArticle;
  folderId: string;
  /** 1-based place in its folder's published list; undefined for one picked on its own. */
  position: number | undefined;
}

/**
 * Brings the picked helpdesk folders and articles into Chat's FAQ: each folder a category
 * (source `helpdesk`, source id the folder's), its published articles articles in it. What is
 * no longer picked, published, present or importable (a folder turned agents-only) goes. Only
 * what differs is written: the helpdesk's content by hash, Chat-side edits by `updated_at`.
 * When the helpdesk has a change feed (Desk) and it is quiet, nothing is read but the feed.
 */
export async function runFaqImport(
  ctx: ChatContext,
  client: HelpdeskClient,
  selection: FaqSelection,
  options: RunOptions = {},
): Promise<FaqImportTally> {
  const tally: FaqImportTally = {
    done: 0,
    total: null,
    created: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    errors: [],
  };
  let lastReport = 0;
  let lastDone = 0;
  const report = async (force = false) => {
    if (!options.onProgress) return;
    const due = Date.now() - lastReport >= (options.progressEveryMs ?? 100) || tally.done - lastDone >= BATCH;
    if (!force && !due) return;
    lastReport = Date.now();
    lastDone = tally.done;
    await options.onProgress({ ...tally, errors: [...tally.errors] });
  };

  const state = await findFaqImportState(ctx.db);
  const changes = await probeChanges(client, state?.change_cursor ?? null);
  const [tracked, trackedFolders, chatArticles, chatCategories] = await Promise.all([
    listImportedArticles(ctx.db),
    listImportedFolders(ctx.db),
    listFaqArticlesFromSource(ctx.db, HELPDESK_SOURCE),
    listFaqCategoriesFromSource(ctx.db, HELPDESK_SOURCE),
  ]);
  const chatArticleBySource = new Map(chatArticles.map((a) => [a.source_id!, a]));
  const chatCategoryBySource = new Map(chatCategories.map((c) => [c.source_id!, c]));
  const trackedById = new Map(tracked.map((t) => [t.article_id, t]));
  const trackedFolderById = new Map(trackedFolders.map((t) => [t.folder_id, t]));
  const sameTime = (a: Date, b: Date) => a.getTime() === b.getTime();

  // Nothing changed in the helpdesk since the last complete run of this same selection, and
  // nothing the import wrote was touched in Chat since: no reading of the tree at all.
  if (changes?.quiet && state) {
    const untouched =
      tracked.every((t) => {
        const chat = chatArticleBySource.get(t.article_id);
        return chat && chat.status === 'published' && sameTime(chat.updated_at, t.chat_updated_at);
      }) &&
      (selection.preserveCategoryText ||
        trackedFolders.every((t) => {
          const chat = chatCategoryBySource.get(t.folder_id);
          return chat && sameTime(chat.updated_at, t.chat_updated_at);
        }));
    if (untouched) {
      tally.total = tally.done = tally.unchanged = tracked.length;
      await updateFaqImportState(ctx.db, { change_cursor: changes.cursor });
      await report(true);
      return tally;
    }
  }

  // The tree, and the published articles of every picked, importable folder.
  const tree = await readFolderTree(client);
  const folders = new Map<string, FolderNode>();
  for (const category of tree) for (const folder of category.folders) folders.set(folder.id, folder);
  const pickedFolders = selection.folderIds.filter((id) => folders.get(id)?.importable);
  const lists = await mapLimit(pickedFolders, HELPDESK_CONCURRENCY, (id) =>
    readPublishedArticles(client, id),
  );
  const wanted = new Map<string, Wanted>();
  pickedFolders.forEach((folderId, i) =>
    lists[i]!.forEach((article, k) => wanted.set(String(article.id), { article, folderId, position: k + 1 })),
  );
  const single = selection.articleIds.filter((id) => !wanted.has(id));
  const singles = await mapLimit(single, HELPDESK_CONCURRENCY, (id) => readArticle(client, id));
  singles.forEach((article) => {
    const folderId = article?.folder_id === undefined ? undefined : String(article.folder_id);
    if (article && folderId && isPublished(article) && folders.get(folderId)?.importable)
      wanted.set(String(article.id), { article, folderId, position: undefined });
  });

  const leaving = tracked.filter((t) => !wanted.has(t.article_id)).map((t) => t.article_id);
  // Articles of this source Chat has but the import lost track of (e.g. an import cut short).
  const strays = chatArticles.filter((a) => !wanted.has(a.source_id!) && !trackedById.has(a.source_id!));
  tally.total = wanted.size + leaving.length + strays.length;
  await report(true);

  // What goes first (no longer picked, published, present or importable), so the places
  // given to the rest below are the helpdesk's.
  const gone = [...leaving, ...strays.map((a) => a.source_id!)];
  try {
    tally.removed += await deleteFaqArticlesBySource(ctx, HELPDESK_SOURCE, gone);
    await forgetImportedArticles(ctx.db, leaving);
  } catch (error) {
    tally.errors.push({ message: `Removing ${gone.length} articles failed: ${messageOf(error)}` });
  }
  tally.done += gone.length;
  await report();

  // Categories: one per folder with something wanted, in the tree's order.
  const categoryOf = new Map<string, string>();
  const neededFolders = [...new Set([...pickedFolders, ...[...wanted.values()].map((w) => w.folderId)])]
    .map((id) => folders.get(id)!)
    .sort((a, b) => a.order - b.order);
  for (const folder of neededFolders) {
    try {
      const input = {
        name: clip(folder.name.trim() || `Folder ${folder.id}`, 255),
        description: folder.description === null ? null : clip(folder.description, 2000),
      };
      // A run that kept Chat's text recorded Chat's edit as seen: one that does not must write.
      const hash = sha({ ...input, preserved: selection.preserveCategoryText });
      const known = trackedFolderById.get(folder.id);
      const chat = chatCategoryBySource.get(folder.id);
      if (
        known &&
        chat &&
        known.content_hash === hash &&
        (selection.preserveCategoryText || sameTime(chat.updated_at, known.chat_updated_at))
      ) {
        categoryOf.set(folder.id, chat.id);
        continue;
      }
      const { category } = await upsertFaqCategoryBySource(
        ctx,
        { source: HELPDESK_SOURCE, sourceId: folder.id },
        input,
        { preserveNameAndDescription: selection.preserveCategoryText },
      );
      categoryOf.set(folder.id, category.id);
      await saveImportedFolder(ctx.db, {
        folder_id: folder.id,
        content_hash: hash,
        chat_updated_at: category.updated_at,
      });
    } catch (error) {
      tally.errors.push({ folder_id: folder.id, message: messageOf(error) });
    }
  }

  // Articles, folder by folder; what was written is recorded per folder.
  const byFolder = new Map<string, Wanted[]>();
  for (const w of wanted.values()) {
    const list = byFolder.get(w.folderId);
    if (list) list.push(w);
    else byFolder.set(w.folderId, [w]);
  }
  for (const folder of neededFolders) {
    const items = byFolder.get(folder.id) ?? [];
    const categoryId = categoryOf.get(folder.id);
    if (!categoryId) {
      for (const w of items)
        tally.errors.push({ article_id: String(w.article.id), message: 'Its folder could not be imported' });
      tally.done += items.length;
      continue;
    }
    const prepared = items.map((w) => {
      const id = String(w.article.id);
      const input = {
        category_id: categoryId,
        title: clip(w.article.title.trim() || `Article ${id}`, 255),
        body: w.article.description ?? '',
        status: 'published' as const,
        tags: [...new Set((w.article.tags ?? []).map((t) => clip(t.trim(), 100)).filter(Boolean))].slice(
          0,
          50,
        ),
        ...(w.position !== undefined ? { position: w.position } : {}),
      };
      // The place is not content: moving others around (a removal above it) rewrites nothing.
      const hash = sha({ ...input, position: undefined });
      return { id, input, hash, known: trackedById.get(id), chat: chatArticleBySource.get(id) };
    });
    const written: ImportedArticleValues[] = [];
    const writeOne = async (item: (typeof prepared)[number]) => {
      tally.done++;
      try {
        if (item.input.body.length > MAX_BODY) throw new Error(`Its body is over ${MAX_BODY} characters`);
        const { article, created } = await upsertFaqArticleBySource(
          ctx,
          { source: HELPDESK_SOURCE, sourceId: item.id },
          item.input,
        );
        if (created) tally.created++;
        else tally.updated++;
        written.push({
          article_id: item.id,
          folder_id: folder.id,
          content_hash: item.hash,
          chat_updated_at: article.updated_at,
        });
      } catch (error) {
        tally.errors.push({ article_id: item.id, message: messageOf(error) });
      }
      await report();
    };

    // New articles at the end of the folder (all of them, on a first import) are added in
    // batches; the others are compared and, when they differ, written one by one.
    let tail = prepared.length;
    while (tail > 0 && !prepared[tail - 1]!.chat) tail--;
    for (const item of prepared.slice(0, tail)) {
      const { known, chat } = item;
      if (
        known &&
        chat &&
        known.content_hash === item.hash &&
        chat.category_id === categoryId &&
        chat.status === 'published' &&
        sameTime(chat.updated_at, known.chat_updated_at)
      ) {
        tally.done++;
        tally.unchanged++;
        await report();
        continue;
      }
      await writeOne(item);
    }
    const fresh = prepared.slice(tail);
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const fits = batch.filter((item) => item.input.body.length <= MAX_BODY);
      try {
        const { created, taken } = await createFaqArticlesBySource(
          ctx,
          HELPDESK_SOURCE,
          categoryId,
          fits.map((item) => ({ sourceId: item.id, input: item.input })),
        );
        for (const item of fits) {
          const row = created.get(item.id);
          if (!row) continue;
          tally.done++;
          tally.created++;
          written.push({
            article_id: item.id,
            folder_id: folder.id,
            content_hash: item.hash,
            chat_updated_at: row.updated_at,
          });
        }
        for (const item of batch.filter((x) => !fits.includes(x))) await writeOne(item);
        for (const id of taken) await writeOne(fits.find((item) => item.id === id)!);
      } catch {
        // One bad article fails its batch: write them one by one, so only it is reported.
        for (const item of batch) await writeOne(item);
      }
      await report();
    }
    await saveImportedArticles(ctx.db, written);
  }

  // Emptied categories go last (articles added in Chat keep theirs).
  const neededIds = new Set(neededFolders.map((f) => f.id));
  const goneFolders = [
    ...new Set([...trackedFolders.map((t) => t.folder_id), ...chatCategories.map((c) => c.source_id!)]),
  ].filter((id) => !neededIds.has(id));
  for (const folderId of goneFolders) {
    const chat = chatCategoryBySource.get(folderId);
    try {
      if (chat && (await countFaqArticlesIn(ctx.db, chat.id)) === 0)
        await deleteFaqCategory(ctx, chat.id, { cascade: false });
    } catch (error) {
      tally.errors.push({ folder_id: folderId, message: messageOf(error) });
    }
  }
  await forgetImportedFolders(ctx.db, goneFolders);

  // A complete run: the feed's position as read before the tree, so nothing after it is missed.
  if (tally.errors.length === 0 && changes)
    await updateFaqImportState(ctx.db, { change_cursor: changes.cursor });
  else await updateFaqImportState(ctx.db, { change_cursor: null });
  await report(true);
  return tally;
}
