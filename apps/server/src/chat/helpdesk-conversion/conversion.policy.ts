import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, isStaff, type ChatActor } from '../context.js';
import { assertCanSeeConversation } from '../conversations/index.js';

/** The field mapping is an admin setting (Integrations > Helpdesk). */
export function assertCanManageMapping(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}

/** Converting is for staff who can see the conversation (conversations are account-wide for staff). */
export function assertCanConvert(actor: ChatActor, conversation: { user_id: string; site_id: string }) {
  if (!isStaff(actor)) throw accessDenied();
  assertCanSeeConversation(actor, conversation);
}
