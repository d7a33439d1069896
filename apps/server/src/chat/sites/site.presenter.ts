import { isoTime } from '../../platform/http/format.js';
import type { SiteRow } from './site.repository.js';

/** A site (C3): the id pages pass to the widget and the origins allowed to embed it. */
export function presentSite(row: SiteRow) {
  return {
    id: row.id,
    name: row.name,
    allowed_origins: row.allowed_origins,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}
