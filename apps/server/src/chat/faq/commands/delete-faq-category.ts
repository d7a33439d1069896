import { AppError, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import {
  countFaqArticlesIn,
  deleteFaqCategoryRow,
  lockFaqCategory,
  lockFaqCategoryOrder,
  shiftFaqCategoryPositions,
} from '../faq.repository.js';

/**
 * Deletes a category. One that still has articles (drafts count) is refused with 409 unless
 * `cascade`, which deletes them and their votes too; the categories after it move up one.
 */
export async function deleteFaqCategory(ctx: ChatContext, id: string, options: { cascade: boolean }) {
  await inTransaction(ctx, async (ctx) => {
    await lockFaqCategoryOrder(ctx.db);
    // Locked: an article being added waits, so none slips in between the count and the delete.
    const category = await lockFaqCategory(ctx.db, id);
    if (!category) throw notFound();
    const articles = await countFaqArticlesIn(ctx.db, id);
    if (articles > 0 && !options.cascade) {
      throw new AppError(
        'validation_failed',
        undefined,
        [
          {
            field: 'cascade',
            code: 'inconsistent_state',
            message: `The category has ${articles} article${articles === 1 ? '' : 's'}: move or delete them first, or pass cascade=true to delete them too`,
          },
        ],
        409,
      );
    }
    await deleteFaqCategoryRow(ctx.db, id);
    await shiftFaqCategoryPositions(ctx.db, category.position + 1, undefined, -1);
  });
}
