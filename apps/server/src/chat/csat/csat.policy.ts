import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

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
