import { isoTime } from '../../platform/http/format.js';
import type { ApiTokenRow } from './api-token.repository.js';

/** A token as listed: never its secret, which is shown once at creation only. */
export function presentApiToken(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    created_by: row.created_by,
    created_time: isoTime(row.created_at),
    last_used_time: isoTime(row.last_used_at),
    revoked_time: isoTime(row.revoked_at),
  };
}
