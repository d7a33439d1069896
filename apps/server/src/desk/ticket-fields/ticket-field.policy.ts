import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/** Every agent reads ticket fields: ticket forms and integrations need them. */
export function assertCanReadTicketFields(_actor: Actor) {}

/** Only admins (account admins included) configure ticket fields, reads through /admin too. */
export function assertCanManageTicketFields(actor: Actor) {
  if (!isAdmin(actor)) throw accessDenied();
}
