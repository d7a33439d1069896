import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/** Any agent may read groups (to route tickets): nothing to check. */
export function assertCanReadGroups(_actor: Actor) {}

/** Creating, changing and deleting groups is for administrators. */
export function assertCanManageGroups(actor: Actor) {
  if (!isAdmin(actor)) throw accessDenied();
}
