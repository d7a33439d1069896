import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** Any token reads the definitions (to fill forms); only admins declare or change them. */
export function assertCanManageUserProperties(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
