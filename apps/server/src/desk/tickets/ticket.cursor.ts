import { fieldError } from '../../platform/http/errors.js';

/** The list order a cursor belongs to: a cursor is only valid for the order it was made in. */
export interface TicketOrder {
  orderBy: 'created_at' | 'due_by' | 'updated_at' | 'status';
  orderType: 'asc' | 'desc';
}

/** A position in a ticket list: the last row's sort value (exact, as text) and id. */
export interface TicketCursor extends TicketOrder {
  value: string;
  id: number;
}

/** An opaque `cursor` for the row after which the next page starts. */
export function encodeTicketCursor(cursor: TicketCursor): string {
  const payload = [cursor.orderBy, cursor.orderType, cursor.value, cursor.id];
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const invalidCursor = () =>
  fieldError('cursor', 'invalid_value', "It should be a cursor from this list's Link header");

/**
 * Reads a `cursor` query value for the given order: '' starts keyset paging at the first row
 * (null); a malformed cursor, or one made for another order, is a field error on `cursor`.
 */
export function decodeTicketCursor(raw: string, order: TicketOrder): TicketCursor | null {
  if (raw === '') return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(payload) || payload.length !== 4) throw invalidCursor();
  const [orderBy, orderType, value, id] = payload as unknown[];
  const valid =
    orderBy === order.orderBy &&
    orderType === order.orderType &&
    typeof value === 'string' &&
    // Sort values are integers (status) or UTC timestamps with microseconds, nothing else.
    /^(\d{1,6}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)$/.test(value) &&
    Number.isSafeInteger(id) &&
    (id as number) > 0;
  if (!valid) throw invalidCursor();
  return { orderBy: order.orderBy, orderType: order.orderType, value: value as string, id: id as number };
}
