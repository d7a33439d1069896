import { inTransaction, type ChatContext } from '../../context.js';
import { findFaqCategoryBySource, lockFaqCategoryOrder, type FaqCategoryRow } from '../faq.repository.js';
import type { CreateFaqCategoryInput } from '../faq.schemas.js';
import { createFaqCategory } from './create-faq-category.js';
import { updateFaqCategory } from './update-faq-category.js';

/**
 * Creates or replaces the category a source (e.g. a helpdesk folder) maps to, found by `source`
 * + `sourceId`; idempotent. Omitted description and locale are none; an omitted position keeps
 * the current one. `preserveNameAndDescription` (I3's "don't overwrite") keeps Chat-side edits of
 * the name and description of an existing category; a new one takes the source's.
 */
export async function upsertFaqCategoryBySource(
  ctx: ChatContext,
  origin: { source: string; sourceId: string },
  input: CreateFaqCategoryInput,
  options: { preserveNameAndDescription: boolean },
): Promise<{ category: FaqCategoryRow; created: boolean }> {
  return inTransaction(ctx, async (ctx) => {
    // Taken before the lookup, so two imports of one folder cannot both create it.
    await lockFaqCategoryOrder(ctx.db);
    const existing = await findFaqCategoryBySource(ctx.db, origin.source, origin.sourceId);
    if (!existing) return { category: await createFaqCategory(ctx, input, origin), created: true };
    const category = await updateFaqCategory(ctx, existing.id, {
      ...(options.preserveNameAndDescription
        ? {}
        : { name: input.name, description: input.description ?? null }),
      locale: input.locale ?? null,
      ...(input.position !== undefined ? { position: input.position } : {}),
    });
    return { category, created: false };
  });
}
