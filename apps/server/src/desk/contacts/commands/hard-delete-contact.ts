import { AppError, validationError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { contactHasTicketHistory, deleteContactRow, type ContactRow } from '../contact.repository.js';

const HAS_HISTORY =
  'The contact has tickets or conversations and cannot be permanently deleted without losing them. Soft delete it instead.';

/**
 * Permanently deletes a contact. Only a soft-deleted contact, unless `force` is true (as in
 * Freshdesk). A contact that requested tickets or wrote in conversations is refused with 409
 * `inconsistent_state`: removing it would orphan or destroy ticket history.
 */
export async function hardDeleteContact(
  ctx: DeskContext,
  contact: ContactRow,
  force: boolean | undefined,
): Promise<void> {
  if (!contact.deleted && force !== true) {
    throw validationError([
      {
        field: 'force',
        code: force === undefined ? 'missing_field' : 'invalid_value',
        message:
          'The contact is not deleted: soft delete it first, or send force=true to delete it permanently',
      },
    ]);
  }
  await inTransaction(ctx, async (tx) => {
    if (await contactHasTicketHistory(tx.db, contact.id)) throw hasHistory();
    try {
      await deleteContactRow(tx.db, contact.id);
    } catch (error) {
      // A ticket created for the contact since the check above still holds a reference to it.
      if ((error as { code?: string }).code === '23503') throw hasHistory();
      throw error;
    }
  });
}

const hasHistory = () =>
  new AppError(
    'validation_failed',
    undefined,
    [{ field: 'id', code: 'inconsistent_state', message: HAS_HISTORY }],
    409,
  );
