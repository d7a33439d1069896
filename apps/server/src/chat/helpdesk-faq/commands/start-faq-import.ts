import { randomUUID } from 'node:crypto';
import { AppError, fieldError, validationError, type FieldError } from '../../../platform/http/errors.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { inTransaction, type ChatContext, type StaffActor } from '../../context.js';
import { helpdeskClientOf } from '../../helpdesk/index.js';
import {
  findActiveFaqImport,
  findFaqImport,
  findFaqImportState,
  insertFaqImport,
  lockFaqImportState,
  updateFaqImportState,
  type FaqImportRow,
} from '../faq-import.repository.js';
import type { StartFaqImportInput } from '../faq-import.schemas.js';
import { storedActorOf } from '../faq-import-context.js';
import { HELPDESK_CONCURRENCY, isPublished, mapLimit, readArticle, readFolderTree } from '../helpdesk-kb.js';
import { helpdeskCall } from './helpdesk-call.js';

/** The durable job queue imports run on. */
export const FAQ_IMPORT_QUEUE = 'helpdesk-faq-import';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Queues an import of the picked folders and articles (saved as the selection later imports and
 * live sync use), or of the saved selection when none is given. Picks the helpdesk would not
 * show to all or logged-in users are refused field by field; one import runs at a time (409).
 */
export async function startFaqImport(
  ctx: ChatContext,
  actor: StaffActor,
  input: StartFaqImportInput,
): Promise<FaqImportRow> {
  const saved = await findFaqImportState(ctx.db);
  const given = input?.folder_ids !== undefined || input?.article_ids !== undefined;
  const folderIds = [...new Set(given ? (input?.folder_ids ?? []) : (saved?.folder_ids ?? []))];
  const articleIds = [...new Set(given ? (input?.article_ids ?? []) : (saved?.article_ids ?? []))];
  const preserve = input?.preserve_category_text ?? saved?.preserve_category_text ?? false;
  if (folderIds.length === 0 && articleIds.length === 0)
    throw fieldError(
      'folder_ids',
      'missing_field',
      given
        ? 'Pick at least one folder or article'
        : 'Pick at least one folder or article: no selection is saved yet',
    );
  if (given) await checkPicks(ctx, input?.folder_ids ?? [], input?.article_ids ?? []);

  const id = randomUUID();
  await inTransaction(ctx, async (ctx) => {
    // The state row's lock serializes starts: two at once cannot both find no import running.
    const state = await lockFaqImportState(ctx.db);
    const active = await findActiveFaqImport(ctx.db);
    if (active)
      throw new AppError(
        'validation_failed',
        undefined,
        [
          {
            field: 'id',
            code: 'inconsistent_state',
            message: `Import ${active.id} is ${active.state}: wait for it to finish`,
          },
        ],
        409,
        {},
        { active_import: { id: active.id, state: active.state } },
      );
    const changed =
      !sameList(state.folder_ids, folderIds) ||
      !sameList(state.article_ids, articleIds) ||
      state.preserve_category_text !== preserve;
    await updateFaqImportState(ctx.db, {
      folder_ids: folderIds,
      article_ids: articleIds,
      preserve_category_text: preserve,
      // Another selection: the next run reads the whole tree rather than trusting the feed.
      ...(changed ? { change_cursor: null } : {}),
    });
    await insertFaqImport(ctx.db, {
      id,
      folder_ids: folderIds,
      article_ids: articleIds,
      preserve_category_text: preserve,
      actor: storedActorOf(actor),
    });
    await enqueueJob(ctx.db, FAQ_IMPORT_QUEUE, { import_id: id }, { maxAttempts: 3 });
  });
  return (await findFaqImport(ctx.db, id))!;
}

/** 400 naming each picked folder or article that is unknown or cannot reach the widget. */
async function checkPicks(ctx: ChatContext, folderIds: string[], articleIds: string[]) {
  const client = await helpdeskClientOf(ctx.services, ctx.db);
  const { tree, articles } = await helpdeskCall(async () => ({
    tree: await readFolderTree(client),
    articles: await mapLimit(articleIds, HELPDESK_CONCURRENCY, (id) => readArticle(client, id)),
  }));
  const folders = new Map(tree.flatMap((c) => c.folders.map((f) => [f.id, f] as const)));
  const errors: FieldError[] = [];
  folderIds.forEach((id, i) => {
    const folder = folders.get(id);
    if (!folder)
      errors.push({
        field: `folder_ids[${i}]`,
        code: 'invalid_value',
        message: `The helpdesk has no folder ${id}`,
      });
    else if (!folder.importable)
      errors.push({
        field: `folder_ids[${i}]`,
        code: 'invalid_value',
        message: `Folder "${folder.name}" is ${folder.reason}: only folders visible to all or logged-in users can be imported`,
        additional_info: { reason: folder.reason, visibility: folder.visibility },
      });
  });
  articleIds.forEach((id, i) => {
    const article = articles[i];
    const folder = article?.folder_id === undefined ? undefined : folders.get(String(article.folder_id));
    const field = `article_ids[${i}]`;
    if (!article) errors.push({ field, code: 'invalid_value', message: `The helpdesk has no article ${id}` });
    else if (!isPublished(article))
      errors.push({
        field,
        code: 'invalid_value',
        message: `Article "${article.title}" is a draft in the helpdesk`,
      });
    else if (!folder?.importable)
      errors.push({
        field,
        code: 'invalid_value',
        message: `Article "${article.title}" is in a folder ${folder?.reason ?? 'the helpdesk did not list'}: it cannot be imported`,
        ...(folder?.reason ? { additional_info: { reason: folder.reason } } : {}),
      });
  });
  if (errors.length > 0) throw validationError(errors);
}
