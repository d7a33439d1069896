import { inTransaction, type DeskContext } from '../../context.js';
import {
  findLiveArticleIdsIn,
  findLiveDescendantFolderIds,
  insertChanges,
  softDelete,
  type FolderRow,
} from '../solution.repository.js';

/** Soft-deletes a folder with its sub-folders (any depth) and their articles, each with a change record. */
export async function deleteFolder(ctx: DeskContext, folder: FolderRow): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const folderIds = [folder.id, ...(await findLiveDescendantFolderIds(ctx.db, [folder.id]))];
    const articleIds = await findLiveArticleIdsIn(ctx.db, folderIds);
    const now = new Date();
    await softDelete(ctx.db, 'folder', folderIds, now);
    await softDelete(ctx.db, 'article', articleIds, now);
    await insertChanges(ctx.db, 'folder', folderIds, 'deleted', now);
    await insertChanges(ctx.db, 'article', articleIds, 'deleted', now);
  });
}
