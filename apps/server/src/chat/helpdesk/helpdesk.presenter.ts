import { isoTime } from '../../platform/http/format.js';
import type { HelpdeskKeyOwner } from '../db.js';
import type { HelpdeskConnectionRow } from './helpdesk-connection.js';

/** Integrations > Helpdesk as admins see it. No key material at all, not even its last digits. */
export function presentHelpdeskConnection(row: HelpdeskConnectionRow | undefined) {
  return {
    connected: row !== undefined,
    url: row?.url ?? null,
    key_owner: row?.key_owner ? presentKeyOwner(row.key_owner) : null,
    verified_at: isoTime(row?.verified_at ?? null),
    settings: {
      conversion_mandatory: row?.conversion_mandatory ?? false,
      no_csat_for_converted: row?.no_csat_for_converted ?? false,
      live_faq_sync: row?.live_faq_sync ?? false,
      ticket_replies_to_chat: row?.ticket_replies_to_chat ?? false,
    },
  };
}

/** The helpdesk agent owning the key: who to ask when the helpdesk refuses. */
export function presentKeyOwner(owner: HelpdeskKeyOwner) {
  return {
    id: owner.id,
    name: owner.name,
    email: owner.email,
    roles: owner.roles,
    ticket_scope: owner.ticket_scope,
    occasional: owner.occasional,
  };
}
