import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/** Outbox mail carries password links: only admins (the operators) may read it. */
export function assertCanReadOutbox(actor: Actor) {
  if (!isAdmin(actor)) throw accessDenied();
}
