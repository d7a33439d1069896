import type { DeskContext } from '../../context.js';
import { updateContact, type ContactRow } from '../contact.repository.js';

/** Brings a soft-deleted contact back. */
export async function restoreContact(ctx: DeskContext, contact: ContactRow): Promise<void> {
  await updateContact(ctx.db, contact.id, { deleted: false });
}
