import { randomUUID } from 'node:crypto';
import { inTransaction, type ChatContext } from '../../context.js';
import {
  countFaqCategories,
  findFaqCategoryById,
  insertFaqCategory,
  lockFaqCategoryOrder,
  shiftFaqCategoryPositions,
  type FaqCategoryRow,
} from '../faq.repository.js';
import type { CreateFaqCategoryInput } from '../faq.schemas.js';
import { placeAt } from './faq-positions.js';

/** Creates a category at `position` (the others after it move down one), last by default. */
export async function createFaqCategory(
  ctx: ChatContext,
  input: CreateFaqCategoryInput,
  origin?: { source: string; sourceId: string },
): Promise<FaqCategoryRow> {
  return inTransaction(ctx, async (ctx) => {
    await lockFaqCategoryOrder(ctx.db);
    const position = placeAt(input.position, (await countFaqCategories(ctx.db)) + 1);
    await shiftFaqCategoryPositions(ctx.db, position, undefined, 1);
    const id = randomUUID();
    await insertFaqCategory(ctx.db, id, {
      name: input.name,
      description: input.description ?? null,
      position,
      locale: input.locale ?? null,
      source: origin?.source ?? null,
      source_id: origin?.sourceId ?? null,
    });
    return (await findFaqCategoryById(ctx.db, id))!;
  });
}
