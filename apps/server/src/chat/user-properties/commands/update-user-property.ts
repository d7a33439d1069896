import { fieldError, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { findUserProperty, updateUserProperty as updateRow } from '../user-property.repository.js';

/**
 * Relabels a property or replaces a dropdown's choices. Values users already hold stay as they
 * are; new writes are checked against the new choices.
 */
export async function updateUserProperty(
  ctx: ChatContext,
  name: string,
  input: { label?: string; choices?: string[] },
) {
  return inTransaction(ctx, async (ctx) => {
    const existing = await findUserProperty(ctx.db, name);
    if (!existing) throw notFound();
    if (input.choices !== undefined) {
      if (existing.type !== 'dropdown') {
        throw fieldError('choices', 'invalid_value', 'Only dropdown properties have choices');
      }
      if (input.choices.length === 0) {
        throw fieldError('choices', 'invalid_value', 'A dropdown needs at least one choice');
      }
    }
    return (await updateRow(ctx.db, name, input))!;
  });
}
