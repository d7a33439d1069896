import { notFound } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import { updateTicketRow, type TicketRow } from '../ticket.repository.js';

/** Moves a ticket to the trash (soft delete); a trashed ticket is not found again. */
export async function deleteTicket(ctx: DeskContext, ticket: TicketRow): Promise<void> {
  if (ticket.deleted) throw notFound();
  await updateTicketRow(ctx.db, ticket.id, { deleted: true, updated_at: new Date() });
}
