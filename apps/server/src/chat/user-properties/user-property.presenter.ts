import { isoTime } from '../../platform/http/format.js';
import type { UserPropertyRow } from './user-property.repository.js';

/** A user property definition (`GET /v2/users/fields`). */
export function presentUserProperty(row: UserPropertyRow) {
  return {
    name: row.name,
    label: row.label,
    type: row.type,
    choices: row.type === 'dropdown' ? row.choices : [],
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}
