import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/**
 * Any token reads, creates and edits users (agents fix a customer's details); deleting a user
 * is for admins.
 */
export function assertCanDeleteUsers(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}

/** Identity verification settings and the signing secret are admin-only. */
export function assertCanManageIdentityVerification(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}
