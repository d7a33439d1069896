import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** API tokens are account-wide secrets: only owners and admins manage them. */
export function assertCanManageApiTokens(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
