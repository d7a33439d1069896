import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** Any token reads sites (agents see where a chat came from); only admins change them. */
export function assertCanManageSites(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
