import { policyOrigin } from '../../platform/web/index.js';
import type { ChatServices } from '../context.js';
import { findHelpdeskConnection, normalizeHelpdeskUrl } from '../helpdesk/index.js';

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
