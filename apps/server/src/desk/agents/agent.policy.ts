import { accessDenied } from '../../platform/http/errors.js';
import { isAccountAdmin, isAdmin, type Actor } from '../context.js';
import type { RoleKind } from '../db.js';

/** Any agent may read agents (to assign tickets, mention colleagues...): nothing to check. */
export function assertCanReadAgents(_actor: Actor) {}

/** Creating, changing, deleting agents and issuing their keys is for administrators. */
export function assertCanManageAgents(actor: Actor) {
  if (!isAdmin(actor)) throw accessDenied();
}

/**
 * An agent holding the Account Administrator role is managed only by account administrators,
 * so an Administrator cannot take over or lock out the account's owners.
 */
export function assertCanManageAgent(actor: Actor, targetRoleKinds: readonly RoleKind[]) {
  assertCanManageAgents(actor);
  if (targetRoleKinds.includes('account_admin') && !isAccountAdmin(actor)) throw accessDenied();
}

/** Only account administrators may grant the Account Administrator role. */
export function assertCanGrantRoles(actor: Actor, roleKinds: readonly RoleKind[]) {
  if (roleKinds.includes('account_admin') && !isAccountAdmin(actor)) throw accessDenied();
}
