import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/**
 * Who may do what with contacts:
 * - every agent (any role, any ticket scope, occasional too) may list, view, search, create and
 *   update contacts: answering customers needs it;
 * - deleting (soft delete, hard delete) and restoring contacts is for supervisors,
 *   administrators and account administrators; plain agents get 403 `access_denied`.
 * Agents themselves are not contacts here: they are managed through /agents.
 */
export function assertCanReadContacts(_actor: Actor) {
  // Every agent may read contacts.
}

/** Creating and updating contacts is open to every agent. */
export function assertCanWriteContacts(_actor: Actor) {
  // Every agent may create and update contacts.
}

/** Soft delete, hard delete and restore need supervisor rights or more. */
export function assertCanDeleteContacts(actor: Actor) {
  if (!isAdmin(actor) && !actor.roleKinds.includes('supervisor')) throw accessDenied();
}
