import { fieldError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkPortalWrite, rethrowUniqueViolation } from '../portal-checks.js';
import {
  clearDefaultPortal,
  replacePortalCategories,
  updatePortalRow,
  type PortalRow,
} from '../portal.repository.js';
import type { UpdatePortalInput } from '../portal.schemas.js';

/**
 * Updates a portal; `category_ids`, when sent, replaces the shown categories. Making a portal
 * the default takes the flag from the previous one; the default cannot simply drop it, since
 * other hosts would then have no portal.
 */
export async function updatePortal(
  ctx: DeskContext,
  portal: PortalRow,
  input: UpdatePortalInput,
): Promise<void> {
  if (input.is_default === false && portal.is_default)
    throw fieldError(
      'is_default',
      'inconsistent_state',
      'The default portal stays the default until another portal is made the default',
    );
  try {
    await inTransaction(ctx, async (ctx) => {
      await checkPortalWrite(ctx.db, input, portal.id);
      const { category_ids: categoryIds, ...values } = input;
      if (input.is_default === true && !portal.is_default) await clearDefaultPortal(ctx.db, portal.id);
      await updatePortalRow(ctx.db, portal.id, values);
      if (categoryIds) await replacePortalCategories(ctx.db, portal.id, [...new Set(categoryIds)]);
    });
  } catch (error) {
    rethrowUniqueViolation(error);
  }
}
