import type { ChatServices } from '../context.js';
import { findHelpdeskConnection, normalizeHelpdeskUrl } from '../helpdesk/index.js';

/** A bare origin (scheme://host[:port]) that is safe to put in a policy, else undefined. */
export function policyOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // URL.origin is already normalised; the check keeps quotes, spaces and ';' out regardless.
    return /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(url.origin)
      ? url.origin
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who may frame the chat panel (D8): the connected helpdesk's origin (its connection URL, as the
 * admin entered it under Integrations > Helpdesk) and CHAT_HELPDESK_TRUSTED_ORIGINS. Nothing else:
 * with no helpdesk connected and no trusted origins the panel is never framed.
 */
export async function panelFrameAncestors(services: ChatServices): Promise<string[]> {
  const connection = await findHelpdeskConnection(services.db);
  const origins = new Set<string>();
  if (connection) {
    let url: string | undefined;
    try {
      url = normalizeHelpdeskUrl(connection.url);
    } catch {
      url = undefined;
    }
    const origin = url ? policyOrigin(url) : undefined;
    if (origin) origins.add(origin);
  }
  for (const trusted of services.config.helpdeskTrustedOrigins) {
    const origin = policyOrigin(trusted);
    if (origin) origins.add(origin);
  }
  return [...origins];
}
