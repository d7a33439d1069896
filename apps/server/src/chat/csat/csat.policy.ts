import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';
import type { ChatDb } from '../db.js';
import { findHelpdeskConnection } from '../helpdesk/index.js';

/**
 * A rating is the user's: the user (widget) or an integration (API token) on their behalf sends
 * it, agents never do. A widget user's own-conversation check is assertCanSeeConversation's.
 */
export function assertCanSubmitCsat(actor: ChatActor) {
  if (actor.kind === 'agent') throw accessDenied();
}

/** The report rates agents against each other: owners and admins only. */
export function assertCanViewCsatReport(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}

/**
 * I5: a conversation converted to a ticket is not surveyed while the integration's "no CSAT for
 * converted conversations" is on; every other conversation is, as before.
 */
export async function isCsatSuppressed(
  db: ChatDb,
  conversation: { ticket_id: number | null },
): Promise<boolean> {
  if (conversation.ticket_id === null) return false;
  const connection = await findHelpdeskConnection(db);
  return connection?.no_csat_for_converted === true;
}
