import type { TicketRow } from './ticket.repository.js';

const HOUR = 60 * 60 * 1000;

/**
 * Desk's built-in SLA (Freshdesk's default policy shape, calendar hours, no business hours):
 * first response / resolution targets by priority.
 *   Urgent (4): 1 h / 4 h   High (3): 4 h / 8 h   Medium (2): 8 h / 24 h   Low (1): 24 h / 72 h
 */
export const SLA_HOURS: Record<number, { firstResponse: number; resolution: number }> = {
  4: { firstResponse: 1, resolution: 4 },
  3: { firstResponse: 4, resolution: 8 },
  2: { firstResponse: 8, resolution: 24 },
  1: { firstResponse: 24, resolution: 72 },
};

/**
 * Due dates for a ticket: given values win; missing ones come from the SLA counted from `from`,
 * clamped so the defaulted one never breaks `due_by >= fr_due_by`.
 */
export function dueDates(
  priority: number,
  from: Date,
  given: { dueBy?: Date | undefined; frDueBy?: Date | undefined },
): { dueBy: Date; frDueBy: Date } {
  const sla = SLA_HOURS[priority] ?? SLA_HOURS[1]!;
  const slaFr = new Date(from.getTime() + sla.firstResponse * HOUR);
  const slaDue = new Date(from.getTime() + sla.resolution * HOUR);
  if (given.dueBy && given.frDueBy) return { dueBy: given.dueBy, frDueBy: given.frDueBy };
  if (given.dueBy) return { dueBy: given.dueBy, frDueBy: slaFr > given.dueBy ? given.dueBy : slaFr };
  if (given.frDueBy)
    return { dueBy: slaDue < given.frDueBy ? given.frDueBy : slaDue, frDueBy: given.frDueBy };
  return { dueBy: slaDue, frDueBy: slaFr };
}

type StatusStats = Pick<
  TicketRow,
  'status_updated_at' | 'pending_since' | 'resolved_at' | 'closed_at' | 'reopened_at'
>;

/**
 * The stats timestamps after a status change from `from` (undefined on create) to `to`:
 * pending_since while pending, resolved_at/closed_at when resolved/closed, reopened_at when a
 * resolved or closed ticket opens again.
 */
export function statsForStatus(
  current: StatusStats,
  from: number | undefined,
  to: number,
  now: Date,
): Partial<StatusStats> {
  if (from === to) return {};
  const next: Partial<StatusStats> = { status_updated_at: now };
  next.pending_since = to === 3 ? now : null;
  if (to === 4) next.resolved_at = now;
  if (to === 5) {
    next.closed_at = now;
    if (!current.resolved_at) next.resolved_at = now;
  }
  if (from !== undefined && (from === 4 || from === 5) && to !== 4 && to !== 5) next.reopened_at = now;
  return next;
}
