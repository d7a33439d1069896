import { isoTime } from '../../platform/http/format.js';
import type { RoleRow } from './role.repository.js';

/** Freshdesk v2 role object. */
export function presentRole(row: RoleRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    default: row.is_default,
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}
