import { inTransaction, type DeskContext } from '../../context.js';
import {
  findLiveArticleIdsIn,
  findLiveFolderIdsOfCategory,
  insertChanges,
  softDelete,
  type CategoryRow,
} from '../solution.repository.js';

/**
 * Soft-deletes a category with every folder (at any depth) and article in it; each gets a
 * `deleted` change record, so readers of changes since T learn about all of them.
 */
export async function deleteCategory(ctx: DeskContext, category: CategoryRow): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const folderIds = await findLiveFolderIdsOfCategory(ctx.db, category.id);
    const articleIds = await findLiveArticleIdsIn(ctx.db, folderIds);
    const now = new Date();
    await softDelete(ctx.db, 'category', [category.id], now);
    await softDelete(ctx.db, 'folder', folderIds, now);
    await softDelete(ctx.db, 'article', articleIds, now);
    await insertChanges(ctx.db, 'category', [category.id], 'deleted', now);
    await insertChanges(ctx.db, 'folder', folderIds, 'deleted', now);
    await insertChanges(ctx.db, 'article', articleIds, 'deleted', now);
  });
}
