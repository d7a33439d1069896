import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/** Any agent may read portals (to link customers to them): nothing to check. */
export function assertCanReadPortals(_actor: Actor) {}

/** Creating, changing and deleting portals is for administrators. */
export function assertCanManagePortals(actor: Actor) {
  if (!isAdmin(actor)) throw accessDenied();
}
