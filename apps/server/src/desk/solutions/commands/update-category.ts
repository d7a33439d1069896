import { duplicate, validationError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkPortalIds, duplicateName } from '../solution-checks.js';
import {
  findCategory,
  findCategoryByName,
  insertChanges,
  replaceCategoryPortals,
  uniqueViolation,
  updateCategoryRow,
  type CategoryRow,
} from '../solution.repository.js';
import type { UpdateCategoryInput } from '../solution.schemas.js';

/** Applies a partial update; `visible_in_portals`, when given, replaces the list. */
export async function updateCategory(
  ctx: DeskContext,
  category: CategoryRow,
  input: UpdateCategoryInput,
): Promise<CategoryRow> {
  return inTransaction(ctx, async (ctx) => {
    const errors = [
      ...(input.name !== undefined && (await findCategoryByName(ctx.db, input.name, category.id))
        ? [duplicateName()]
        : []),
      ...(input.visible_in_portals ? await checkPortalIds(ctx.db, input.visible_in_portals) : []),
    ];
    if (errors.length) throw validationError(errors);
    const now = new Date();
    try {
      await updateCategoryRow(ctx.db, category.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        now,
      });
    } catch (error) {
      if (uniqueViolation(error) !== undefined) throw duplicate('name');
      throw error;
    }
    if (input.visible_in_portals) await replaceCategoryPortals(ctx.db, category.id, input.visible_in_portals);
    await insertChanges(ctx.db, 'category', [category.id], 'updated', now);
    return (await findCategory(ctx.db, category.id))!;
  });
}
