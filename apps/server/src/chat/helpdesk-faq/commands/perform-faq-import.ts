import type { ChatServices } from '../../context.js';
import { explanationOf, helpdeskClientOf, HelpdeskError } from '../../helpdesk/index.js';
import { findFaqImport, updateFaqImport } from '../faq-import.repository.js';
import { exclusively, jobContext } from '../faq-import-context.js';
import { runFaqImport } from './run-faq-import.js';

/**
 * The import job: runs the import row's selection, writing progress to the row as it goes, and
 * ends it done or failed (with why). A job claimed again after its worker died runs it again:
 * the import is idempotent. A failed import is not retried; the admin starts another.
 */
export async function performFaqImport(services: ChatServices, importId: string) {
  await exclusively(services, async () => {
    const row = await findFaqImport(services.db, importId);
    if (!row || row.state === 'done' || row.state === 'failed') return;
    await updateFaqImport(services.db, importId, { state: 'running', started_at: new Date() });
    const ctx = jobContext(services, row.actor);
    try {
      const client = await helpdeskClientOf(services);
      const tally = await runFaqImport(
        ctx,
        client,
        {
          folderIds: row.folder_ids,
          articleIds: row.article_ids,
          preserveCategoryText: row.preserve_category_text,
        },
        { onProgress: (progress) => updateFaqImport(services.db, importId, progress) },
      );
      await updateFaqImport(services.db, importId, { ...tally, state: 'done', finished_at: new Date() });
    } catch (error) {
      const fresh = await findFaqImport(services.db, importId);
      await updateFaqImport(services.db, importId, {
        state: 'failed',
        finished_at: new Date(),
        errors: [...(fresh?.errors ?? []), failureOf(error)],
      });
    }
  });
}

/** A failure as the import's errors show it: the helpdesk's explanation when it is the cause. */
export function failureOf(error: unknown): Record<string, unknown> {
  if (error instanceof HelpdeskError) return { message: error.message, helpdesk: explanationOf(error) };
  if (error instanceof Error && 'extra' in error && typeof error.extra === 'object' && error.extra)
    return { message: error.message, ...(error.extra as Record<string, unknown>) };
  return { message: error instanceof Error ? error.message : String(error) };
}
