import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** The widget token and app id are shown to owners and admins (Admin > Account settings). */
export function assertCanReadAccountConfiguration(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
