import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/**
 * Who may do what with companies:
 * - every agent may list, view, autocomplete, create and update companies;
 * - deleting a company (a hard delete: its contacts and tickets lose their company) is for
 *   supervisors, administrators and account administrators; plain agents get 403 `access_denied`.
 */
export function assertCanReadCompanies(_actor: Actor) {
  // Every agent may read companies.
}

/** Creating and updating companies is open to every agent. */
export function assertCanWriteCompanies(_actor: Actor) {
  // Every agent may create and update companies.
}

/** Deleting a company needs supervisor rights or more. */
export function assertCanDeleteCompanies(actor: Actor) {
  if (!isAdmin(actor) && !actor.roleKinds.includes('supervisor')) throw accessDenied();
}
