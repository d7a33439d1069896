import type { DeskDb } from '../db.js';
import { portalUrlOf } from '../portal/portal.presenter.js';
import type { ChatClient } from './chat-client.js';
import { listChatEnabledPortals } from './chat-channel.repository.js';

/** A Chat site a portal's widget needs: id `portal-<id>`, the portal's origin allowed. */
export interface PortalSite {
  site_id: string;
  portal_id: number;
  name: string;
  allowed_origins: string[];
}

/** The Chat site id of a portal's widget. */
export const portalSiteId = (portalId: number) => `portal-${portalId}`;

/** The site a portal needs, from its host (else Desk's base URL) as portal pages are addressed. */
export function portalSiteOf(
  portal: { id: number; name: string; host: string | null },
  baseUrl: string,
): PortalSite {
  return {
    site_id: portalSiteId(portal.id),
    portal_id: portal.id,
    name: portal.name,
    allowed_origins: [new URL(portalUrlOf(portal, baseUrl)).origin],
  };
}

/** The sites of every portal with chat enabled. */
export async function requiredPortalSites(db: DeskDb, baseUrl: string): Promise<PortalSite[]> {
  const portals = await listChatEnabledPortals(db);
  return portals.map((portal) => portalSiteOf(portal, baseUrl));
}

/**
 * Makes each site exist in Chat with its portal origin allowed: created when missing; an
 * existing site keeps the origins an admin added in Chat and gains the portal's.
 */
export async function syncPortalSites(client: ChatClient, sites: PortalSite[]): Promise<void> {
  for (const site of sites) {
    const existing = await client.findSite(site.site_id);
    if (!existing) {
      await client.createSite({ id: site.site_id, name: site.name, allowed_origins: site.allowed_origins });
      continue;
    }
    const missing = site.allowed_origins.filter((origin) => !existing.allowed_origins.includes(origin));
    if (missing.length)
      await client.updateSiteOrigins(site.site_id, [...existing.allowed_origins, ...missing]);
  }
}
