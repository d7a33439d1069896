import { isoTime } from '../../platform/http/format.js';
import type { PortalRow } from './portal.repository.js';

/**
 * The portal's home page address: its own host (with the scheme Desk is reached by), or, for a
 * portal without a host, Desk's base URL.
 */
export function portalUrlOf(portal: Pick<PortalRow, 'host'>, baseUrl: string): string {
  if (!portal.host) return `${baseUrl}/support/home`;
  const scheme = new URL(baseUrl).protocol;
  return `${scheme}//${portal.host}/support/home`;
}

/** Tandem's portal object (an extension: Freshdesk v2 has no portals endpoint). */
export function presentPortal(row: PortalRow, categoryIds: number[], baseUrl: string) {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    is_default: row.is_default,
    brand_color: row.brand_color,
    logo_url: row.logo_url,
    chat_enabled: row.chat_enabled,
    category_ids: categoryIds,
    portal_url: portalUrlOf(row, baseUrl),
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}
