import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/** The chat channel settings (and their secrets' flags) are for administrators only. */
export function assertCanManageChatChannel(actor: Actor) {
  if (!isAdmin(actor)) throw accessDenied();
}
