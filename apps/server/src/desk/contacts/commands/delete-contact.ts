import type { DeskContext } from '../../context.js';
import { updateContact, type ContactRow } from '../contact.repository.js';

/** Soft delete: the contact leaves lists and autocomplete but keeps its tickets; restore undoes it. */
export async function deleteContact(ctx: DeskContext, contact: ContactRow): Promise<void> {
  await updateContact(ctx.db, contact.id, { deleted: true });
}
