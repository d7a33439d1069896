import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** A rating is the user's: integrations (API tokens) send it for them, agents never do. */
export function assertCanSubmitCsat(actor: ChatActor) {
  if (actor.kind === 'agent') throw accessDenied();
}

/** The report rates agents against each other: owners and admins only. */
export function assertCanViewCsatReport(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
