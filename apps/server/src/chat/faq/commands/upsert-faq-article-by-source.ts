import { notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { findFaqArticleBySource, type FaqArticleRow } from '../faq.repository.js';
import type { UpsertFaqArticleInput } from '../faq.schemas.js';
import { createFaqArticle } from './create-faq-article.js';
import { updateFaqArticle } from './update-faq-article.js';

/**
 * Creates or replaces the article a source (e.g. a helpdesk article) maps to, found by `source`
 * + `sourceId`; idempotent: the same call twice leaves one article, unchanged by the second.
 * Two imports of the same new article at once: the second waits for the first's insert, then
 * updates that article.
 */
export async function upsertFaqArticleBySource(
  ctx: ChatContext,
  origin: { source: string; sourceId: string },
  input: UpsertFaqArticleInput,
): Promise<{ article: FaqArticleRow; created: boolean }> {
  return inTransaction(ctx, async (ctx) => {
    const existing = await findFaqArticleBySource(ctx.db, origin.source, origin.sourceId);
    if (!existing) {
      const created = await createFaqArticle(ctx, input, origin);
      if (created) return { article: created, created: true };
    }
    // Inserted by a concurrent import after our look-up; this statement sees it committed.
    const target = existing ?? (await findFaqArticleBySource(ctx.db, origin.source, origin.sourceId));
    if (!target) throw notFound();
    return { article: await updateFaqArticle(ctx, target.id, input), created: false };
  });
}
