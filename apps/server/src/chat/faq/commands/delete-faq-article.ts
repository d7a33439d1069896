import { inTransaction, type ChatContext } from '../../context.js';
import { deleteFaqArticleRow, shiftFaqArticlePositions } from '../faq.repository.js';
import { lockArticleForWrite } from './faq-article-content.js';

/** Deletes an article (and its votes); the ones after it in its category move up one. */
export async function deleteFaqArticle(ctx: ChatContext, id: string) {
  await inTransaction(ctx, async (ctx) => {
    const current = await lockArticleForWrite(ctx.db, id);
    await deleteFaqArticleRow(ctx.db, id);
    await shiftFaqArticlePositions(ctx.db, current.category_id, current.position + 1, undefined, -1);
  });
}
