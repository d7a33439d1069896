import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** Connecting the helpdesk, its switches and agent import are for the owner and admins. */
export function assertCanManageHelpdesk(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
