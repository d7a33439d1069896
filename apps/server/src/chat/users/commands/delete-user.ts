import { AppError, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { deleteUser as deleteUserRow, findUserById, listUserConversationIds } from '../user.repository.js';

/**
 * Deletes a user without conversations. One with conversations stays (409): their history
 * belongs to the conversations module, which decides how it is removed.
 */
export async function deleteUser(ctx: ChatContext, id: string) {
  await inTransaction(ctx, async (ctx) => {
    if (!(await findUserById(ctx.db, id))) throw notFound();
    if ((await listUserConversationIds(ctx.db, id)).length > 0) {
      const message = 'This user has conversations; they cannot be deleted with the user.';
      throw new AppError(
        'validation_failed',
        message,
        [{ field: 'id', code: 'inconsistent_state', message }],
        409,
      );
    }
    await deleteUserRow(ctx.db, id);
  });
}
