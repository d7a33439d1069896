import { notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { deleteUserProperty as deleteRow, removePropertyFromUsers } from '../user-property.repository.js';

/** Deletes a property definition and the values users held for it. */
export async function deleteUserProperty(ctx: ChatContext, name: string) {
  await inTransaction(ctx, async (ctx) => {
    if (!(await deleteRow(ctx.db, name))) throw notFound();
    await removePropertyFromUsers(ctx.db, name);
  });
}
