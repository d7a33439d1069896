import { inTransaction, type DeskContext } from '../../context.js';
import { insertChanges, softDelete, type ArticleRow } from '../solution.repository.js';

/** Soft-deletes an article (a tombstone for readers of changes) with a `deleted` change record. */
export async function deleteArticle(ctx: DeskContext, article: ArticleRow): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const now = new Date();
    await softDelete(ctx.db, 'article', [article.id], now);
    await insertChanges(ctx.db, 'article', [article.id], 'deleted', now);
  });
}
