import { notFound } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import { findTicketState } from '../ticket.repository.js';
import { explainChanges, parseIfMatch, ticketVersion, versionConflict } from '../ticket.version.js';

/**
 * The collision guard, run first inside the writer's transaction: locks the ticket row and throws
 * 412 (field errors naming what changed) unless `ifMatch` is its current version. Holding the
 * lock until commit makes check-then-write race-free against other guarded writers.
 */
export async function assertTicketVersion(
  ctx: DeskContext,
  ticketId: number,
  ifMatch: string,
): Promise<void> {
  const state = await findTicketState(ctx.db, ticketId, true);
  if (!state) throw notFound();
  const seen = parseIfMatch(ifMatch);
  if (seen === '*') return;
  const current = ticketVersion(state.ticket, state.tally);
  const errors = explainChanges(seen, current);
  if (errors.length > 0) throw versionConflict(errors, current);
}
