import { validationError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { VISIBILITY } from '../solution.visibility.js';
import { checkFolderCompanies, duplicateName } from '../solution-checks.js';
import {
  findFolder,
  findSiblingFolderByName,
  insertChanges,
  replaceFolderCompanies,
  updateFolderRow,
  type FolderRow,
} from '../solution.repository.js';
import type { UpdateFolderInput } from '../solution.schemas.js';

/**
 * Applies a partial update. Moving to visibility 4 needs `company_ids` (unless the folder already
 * lists companies); moving away from 4 drops the folder's companies.
 */
export async function updateFolder(
  ctx: DeskContext,
  folder: FolderRow,
  input: UpdateFolderInput,
): Promise<FolderRow> {
  return inTransaction(ctx, async (ctx) => {
    const visibility = input.visibility ?? folder.visibility;
    // Staying at 4 keeps the companies already listed unless new ones are given.
    const kept =
      visibility === VISIBILITY.companies && folder.visibility === VISIBILITY.companies
        ? folder.company_ids
        : undefined;
    const companies = await checkFolderCompanies(ctx.db, visibility, input.company_ids ?? kept);
    const clash =
      input.name === undefined
        ? undefined
        : await findSiblingFolderByName(
            ctx.db,
            { categoryId: folder.category_id, parentFolderId: folder.parent_folder_id },
            input.name,
            folder.id,
          );
    const errors = [...(clash ? [duplicateName()] : []), ...companies.errors];
    if (errors.length) throw validationError(errors);
    const now = new Date();
    await updateFolderRow(ctx.db, folder.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      visibility,
      now,
    });
    await replaceFolderCompanies(ctx.db, folder.id, companies.companyIds);
    await insertChanges(ctx.db, 'folder', [folder.id], 'updated', now);
    return (await findFolder(ctx.db, folder.id))!;
  });
}
