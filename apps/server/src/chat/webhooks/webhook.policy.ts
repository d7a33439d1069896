import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** Webhooks send conversation data to outside URLs: owners and admins only. */
export function assertCanManageWebhooks(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
