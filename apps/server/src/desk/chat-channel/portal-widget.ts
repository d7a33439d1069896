import { createHmac } from 'node:crypto';
import type { WidgetInitOptions } from '@tandem/protocol';
import type { DeskServices } from '../context.js';
import { findChatChannel } from './chat-channel.repository.js';
import { portalSiteId } from './portal-sites.js';
import { secretBoxOf } from './secret-box.js';

/** What a portal page needs to carry Chat's widget. */
export interface PortalChatWidget {
  /** Chat's origin: the page's CSP lets scripts, frames and fetches go there. */
  chatOrigin: string;
  /** `{chat_url}/widget.js`. */
  scriptUrl: string;
  /** `window.tandemChatSettings` (docs/widget-protocol.md): the loader calls `init` with it. */
  settings: WidgetInitOptions;
}

/** The signed-in contact, as the widget is told about them. */
export interface WidgetContact {
  id: number;
  name: string;
  email: string | null;
}

/** Hex HMAC-SHA256 of the external id with Chat's identity secret: what Chat's verification expects. */
export function signExternalId(secret: string, externalId: string): string {
  return createHmac('sha256', secret).update(externalId, 'utf8').digest('hex');
}

/** "Ada Lovelace" → first name "Ada", last name "Lovelace"; a single word is the first name. */
function splitName(name: string): { firstName: string; lastName?: string } {
  const trimmed = name.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0) return { firstName: trimmed };
  return { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1).trim() };
}

/**
 * The widget of a portal's pages, or undefined when there is none: the chat channel is off or
 * not set up, or the portal's "enable chat on this portal" is off. A signed-in contact is passed
 * on with name and email, and with their contact id as external id, signed, only when an
 * identity secret is set (Chat would otherwise take an unsigned id as proof of who they are).
 */
export async function portalChatWidget(
  services: DeskServices,
  portal: { id: number; chat_enabled: boolean },
  contact: WidgetContact | undefined,
): Promise<PortalChatWidget | undefined> {
  if (!portal.chat_enabled) return undefined;
  const channel = await findChatChannel(services.db);
  if (!channel?.enabled || !channel.chat_url || !channel.widget_token) return undefined;
  const settings: WidgetInitOptions = {
    token: channel.widget_token,
    host: channel.chat_url,
    siteId: portalSiteId(portal.id),
  };
  if (contact) {
    Object.assign(settings, splitName(contact.name));
    if (contact.email) settings.email = contact.email;
    if (channel.identity_secret_sealed) {
      const secret = await secretBoxOf(services).open(channel.identity_secret_sealed);
      settings.externalId = String(contact.id);
      settings.externalIdSignature = signExternalId(secret, settings.externalId);
    }
  }
  return {
    chatOrigin: new URL(channel.chat_url).origin,
    scriptUrl: `${channel.chat_url}/widget.js`,
    settings,
  };
}
