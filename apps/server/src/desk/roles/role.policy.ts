import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/** Roles are read by admins (who assign them); agents see only their own through /agents/me. */
export function assertCanReadRoles(actor: Actor) {
  if (!isAdmin(actor) && !actor.roleKinds.includes('supervisor')) throw accessDenied();
}
