import type { DeskDb } from '../db.js';
import { listFieldOrder, setFieldPosition } from './ticket-field.repository.js';

/**
 * Puts field `id` at `position` (1-based, clamped to the end) and renumbers every field 1..n
 * without gaps; with no id, just closes gaps (after a delete). Writes only the rows that move.
 */
export async function placeField(db: DeskDb, id?: number, position?: number): Promise<void> {
  const order = await listFieldOrder(db);
  const ids = order.map((row) => row.id).filter((rowId) => rowId !== id);
  if (id !== undefined) {
    const index = Math.min(Math.max((position ?? ids.length + 1) - 1, 0), ids.length);
    ids.splice(index, 0, id);
  }
  const current = new Map(order.map((row) => [row.id, row.position]));
  for (const [index, rowId] of ids.entries()) {
    if (current.get(rowId) !== index + 1) await setFieldPosition(db, rowId, index + 1);
  }
}
