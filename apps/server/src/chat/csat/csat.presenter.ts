import { isoTime } from '../../platform/http/format.js';
import type { CsatResponseRow } from './csat.repository.js';

/** A stored CSAT response. */
export function presentCsatResponse(row: CsatResponseRow) {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    resolve_number: row.resolve_number,
    rating: row.rating,
    comment: row.comment,
    agent_id: row.agent_id,
    created_time: isoTime(row.created_at),
  };
}

/** An average to two decimals, null when nothing was rated. */
export const averageOf = (sum: number, count: number) =>
  count === 0 ? null : Math.round((sum / count) * 100) / 100;
