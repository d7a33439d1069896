import { inTransaction, type ChatContext } from '../../context.js';
import {
  deleteFaqArticleRows,
  findFaqArticlesBySourceIds,
  lockFaqCategory,
  renumberFaqArticlePositions,
} from '../faq.repository.js';

/**
 * Deletes the articles a source brought with these source ids (an importer's "gone from the
 * source"), in one transaction however many: their categories' articles are renumbered 1..n
 * once each, rather than shifted once per deleted article. Returns how many were deleted.
 */
export async function deleteFaqArticlesBySource(
  ctx: ChatContext,
  source: string,
  sourceIds: readonly string[],
): Promise<number> {
  if (sourceIds.length === 0) return 0;
  return inTransaction(ctx, async (ctx) => {
    const rows = await findFaqArticlesBySourceIds(ctx.db, source, sourceIds);
    if (rows.length === 0) return 0;
    // Locked in id order, as every article write does, so no two writers deadlock.
    const categoryIds = [...new Set(rows.map((r) => r.category_id))].sort();
    for (const id of categoryIds) await lockFaqCategory(ctx.db, id);
    const deleted = await deleteFaqArticleRows(
      ctx.db,
      rows.map((r) => r.id),
    );
    for (const id of categoryIds) await renumberFaqArticlePositions(ctx.db, id);
    return deleted;
  });
}
