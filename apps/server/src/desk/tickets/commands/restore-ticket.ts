import { notFound } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import { updateTicketRow, type TicketRow } from '../ticket.repository.js';

/** Brings a trashed ticket back; only tickets in the trash can be restored. */
export async function restoreTicket(ctx: DeskContext, ticket: TicketRow): Promise<void> {
  if (!ticket.deleted) throw notFound();
  await updateTicketRow(ctx.db, ticket.id, { deleted: false, updated_at: new Date() });
}
