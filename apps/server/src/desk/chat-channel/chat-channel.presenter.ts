import { isoTime } from '../../platform/http/format.js';
import type { ChatChannelRow } from './chat-channel.repository.js';
import type { ChatChannelView } from './chat-channel.schemas.js';
import type { PortalSite } from './portal-sites.js';

function sitesMessage(row: ChatChannelRow | undefined, sites: PortalSite[]): string {
  if (sites.length === 0)
    return 'No portal has chat enabled: turn on "enable chat on this portal" on a portal.';
  if (row?.api_token_sealed)
    return 'Desk creates these sites in Chat and allows their portal origins whenever chat is enabled on a portal.';
  const list = sites.map((s) => `${s.site_id} (allowed origin ${s.allowed_origins.join(', ')})`).join('; ');
  return `Without a Chat API token, add these sites in Chat (Admin > Sites, POST /v2/sites) yourself: ${list}. Or save an api_token and Desk will do it.`;
}

/** The chat channel settings for admins: secrets only as "is set" flags. */
export function presentChatChannel(row: ChatChannelRow | undefined, sites: PortalSite[]): ChatChannelView {
  return {
    enabled: row?.enabled ?? false,
    chat_url: row?.chat_url ?? null,
    app_id: row?.app_id ?? null,
    widget_token: row?.widget_token ?? null,
    identity_secret_set: Boolean(row?.identity_secret_sealed),
    api_token_set: Boolean(row?.api_token_sealed),
    verified_at: row?.verified_at ? isoTime(row.verified_at) : null,
    updated_at: row ? isoTime(row.updated_at) : null,
    sites: {
      managed_by_desk: Boolean(row?.api_token_sealed),
      message: sitesMessage(row, sites),
      required: sites.map(({ site_id, portal_id, allowed_origins }) => ({
        site_id,
        portal_id,
        allowed_origins,
      })),
    },
  };
}
