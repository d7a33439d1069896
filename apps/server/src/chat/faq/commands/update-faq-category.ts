import { notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import {
  countFaqCategories,
  findFaqCategoryById,
  lockFaqCategoryOrder,
  shiftFaqCategoryPositions,
  updateFaqCategoryColumns,
  type FaqCategoryRow,
  type FaqCategoryValues,
} from '../faq.repository.js';
import type { UpdateFaqCategoryInput } from '../faq.schemas.js';
import { placeAt, shiftForMove } from './faq-positions.js';

/**
 * Updates a category; a new `position` moves it there (clamped to 1..n) and the ones in between
 * make room. Nothing is written, and `updated_time` stays, when nothing changes.
 */
export async function updateFaqCategory(
  ctx: ChatContext,
  id: string,
  input: UpdateFaqCategoryInput,
): Promise<FaqCategoryRow> {
  return inTransaction(ctx, async (ctx) => {
    await lockFaqCategoryOrder(ctx.db);
    const current = await findFaqCategoryById(ctx.db, id);
    if (!current) throw notFound();
    const changes: Partial<FaqCategoryValues> = {};
    if (input.name !== undefined && input.name !== current.name) changes.name = input.name;
    if (input.description !== undefined && input.description !== current.description)
      changes.description = input.description;
    if (input.locale !== undefined && input.locale !== current.locale) changes.locale = input.locale;
    if (input.position !== undefined) {
      const position = placeAt(input.position, await countFaqCategories(ctx.db));
      const shift = shiftForMove(current.position, position);
      if (shift) {
        await shiftFaqCategoryPositions(ctx.db, shift.first, shift.last, shift.delta, id);
        changes.position = position;
      }
    }
    if (Object.keys(changes).length === 0) return current;
    await updateFaqCategoryColumns(ctx.db, id, changes);
    return (await findFaqCategoryById(ctx.db, id))!;
  });
}
