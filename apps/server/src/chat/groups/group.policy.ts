import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** Anyone signed in reads groups (to assign conversations); only admins change them. */
export function assertCanManageGroups(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
