import { duplicate, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import type { UpdateUserInput } from '../user.schemas.js';
import { findUserById, referenceTaken, updateUser as updateUserRow } from '../user.repository.js';
import { checkUserWrite } from './user-checks.js';

/**
 * Changes the given fields only; `null` clears one. Properties are merged: listed ones are
 * set (or removed with `value: null`), the others kept.
 */
export async function updateUser(ctx: ChatContext, id: string, input: UpdateUserInput) {
  return inTransaction(ctx, async (ctx) => {
    const existing = await findUserById(ctx.db, id);
    if (!existing) throw notFound();
    const propertyChanges = await checkUserWrite(ctx.db, { properties: input.properties });
    if (input.reference_id && (await referenceTaken(ctx.db, existing.site_id, input.reference_id, id))) {
      throw duplicate('reference_id');
    }
    const row = await updateUserRow(
      ctx.db,
      id,
      {
        reference_id: input.reference_id,
        first_name: input.first_name === '' ? null : input.first_name,
        last_name: input.last_name === '' ? null : input.last_name,
        email: input.email,
        phone: input.phone,
        avatar_url: input.avatar === undefined ? undefined : (input.avatar?.url ?? null),
      },
      propertyChanges,
    );
    if (!row) throw notFound();
    return row;
  });
}
