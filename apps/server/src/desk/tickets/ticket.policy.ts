import type { SelectQueryBuilder } from 'kysely';
import { accessDenied } from '../../platform/http/errors.js';
import type { Actor } from '../context.js';
import type { DeskDB } from '../db.js';

/** The ticket columns a scope decision needs. */
export interface ScopedTicket {
  responder_id: number | null;
  group_id: number | null;
}

/** True when the actor's ticket scope (1 global, 2 group, 3 restricted) covers the ticket. */
export function canAccessTicket(actor: Actor, ticket: ScopedTicket): boolean {
  if (actor.ticketScope === 1) return true;
  if (ticket.responder_id === actor.id) return true;
  return actor.ticketScope === 2 && ticket.group_id !== null && actor.groupIds.includes(ticket.group_id);
}

/** Throws 403 `access_denied` when the ticket lies outside the actor's ticket scope. */
export function assertCanAccessTicket(actor: Actor, ticket: ScopedTicket): void {
  if (!canAccessTicket(actor, ticket)) throw accessDenied();
}

/**
 * Adds the actor's ticket scope to a query selecting from `tickets` (the SQL twin of
 * `canAccessTicket`): global sees all; group sees its groups' tickets and its own;
 * restricted sees only tickets assigned to it. Works on any builder whose FROM includes the
 * `tickets` table under its own name (joins allowed).
 */
export function applyTicketScope<QB extends SelectQueryBuilder<DeskDB, 'tickets', object>>(
  qb: QB,
  actor: Actor,
): QB {
  if (actor.ticketScope === 1) return qb;
  // Typed against the plain tickets table so callers with joins or extra selections keep their type.
  const scoped = qb as unknown as SelectQueryBuilder<DeskDB, 'tickets', object>;
  if (actor.ticketScope === 2 && actor.groupIds.length > 0) {
    return scoped.where((eb) =>
      eb.or([eb('tickets.group_id', 'in', actor.groupIds), eb('tickets.responder_id', '=', actor.id)]),
    ) as unknown as QB;
  }
  return scoped.where('tickets.responder_id', '=', actor.id) as unknown as QB;
}
