import { fieldError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { placeField } from '../field-positions.js';
import {
  bumpFieldsRevision,
  deleteTicketField as removeField,
  removeCustomValues,
  type TicketFieldRow,
} from '../ticket-field.repository.js';

/**
 * Deletes a custom ticket field and its values on every ticket (so a later field reusing the
 * name starts empty), then closes the gap in positions. Default fields cannot be deleted:
 * 400 `invalid_value` on `id`.
 */
export async function deleteTicketField(ctx: DeskContext, field: TicketFieldRow): Promise<void> {
  if (field.is_default) throw fieldError('id', 'invalid_value', 'Default ticket fields cannot be deleted');
  await inTransaction(ctx, async (ctx) => {
    await bumpFieldsRevision(ctx.db);
    await removeField(ctx.db, field.id);
    await removeCustomValues(ctx.db, field.name);
    await placeField(ctx.db);
  });
}
