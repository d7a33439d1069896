import { fieldError, validationError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkFolderCompanies, duplicateName } from '../solution-checks.js';
import {
  findFolder,
  findSiblingFolderByName,
  insertChanges,
  insertFolder,
  replaceFolderCompanies,
  type CategoryRow,
  type FolderRow,
} from '../solution.repository.js';
import type { CreateFolderInput } from '../solution.schemas.js';

/** Where a new folder goes: at the top of a category, or inside a folder. */
export type FolderPlace = { category: CategoryRow } | { parent: FolderRow };

/**
 * Creates a folder; its name is unique among its siblings (case-insensitive). A sub-folder
 * without its own `visibility` inherits its parent's, companies included.
 */
export async function createFolder(
  ctx: DeskContext,
  place: FolderPlace,
  input: CreateFolderInput,
): Promise<FolderRow> {
  return inTransaction(ctx, async (ctx) => {
    const parent = 'parent' in place ? place.parent : null;
    const categoryId = parent ? parent.category_id : (place as { category: CategoryRow }).category.id;
    const inherit = parent !== null && input.visibility === undefined;
    const visibility = input.visibility ?? parent?.visibility;
    // The top-level create schema requires visibility; a sub-folder inherits it.
    if (visibility === undefined) throw fieldError('visibility', 'missing_field', 'It should be a/an Number');
    const companies = await checkFolderCompanies(
      ctx.db,
      visibility,
      input.company_ids ?? (inherit ? parent.company_ids : undefined),
    );
    const clash = await findSiblingFolderByName(
      ctx.db,
      { categoryId, parentFolderId: parent?.id ?? null },
      input.name,
    );
    const errors = [...(clash ? [duplicateName()] : []), ...companies.errors];
    if (errors.length) throw validationError(errors);
    const now = new Date();
    const id = await insertFolder(ctx.db, {
      category_id: categoryId,
      parent_folder_id: parent?.id ?? null,
      name: input.name,
      description: input.description ?? null,
      visibility,
      now,
    });
    await replaceFolderCompanies(ctx.db, id, companies.companyIds);
    await insertChanges(ctx.db, 'folder', [id], 'created', now);
    return (await findFolder(ctx.db, id))!;
  });
}
