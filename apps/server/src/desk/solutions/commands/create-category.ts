import { duplicate, validationError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkPortalIds, duplicateName } from '../solution-checks.js';
import {
  findCategory,
  findCategoryByName,
  findDefaultPortalId,
  insertCategory,
  insertChanges,
  replaceCategoryPortals,
  uniqueViolation,
  type CategoryRow,
} from '../solution.repository.js';
import type { CreateCategoryInput } from '../solution.schemas.js';

/**
 * Creates a category with a unique name (case-insensitive among live categories). Without
 * `visible_in_portals` it shows on the default portal, as Freshdesk's main portal does.
 */
export async function createCategory(ctx: DeskContext, input: CreateCategoryInput): Promise<CategoryRow> {
  return inTransaction(ctx, async (ctx) => {
    const defaultPortal =
      input.visible_in_portals === undefined ? await findDefaultPortalId(ctx.db) : undefined;
    const portalIds = input.visible_in_portals ?? (defaultPortal === undefined ? [] : [defaultPortal]);
    const errors = [
      ...((await findCategoryByName(ctx.db, input.name)) ? [duplicateName()] : []),
      ...(await checkPortalIds(ctx.db, portalIds)),
    ];
    if (errors.length) throw validationError(errors);
    const now = new Date();
    let id: number;
    try {
      id = await insertCategory(ctx.db, { name: input.name, description: input.description ?? null, now });
    } catch (error) {
      // A concurrent create took the name between the check and the insert.
      if (uniqueViolation(error) !== undefined) throw duplicate('name');
      throw error;
    }
    await replaceCategoryPortals(ctx.db, id, portalIds);
    await insertChanges(ctx.db, 'category', [id], 'created', now);
    return (await findCategory(ctx.db, id))!;
  });
}
