import { accessDenied, fieldError } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor } from '../context.js';
import type { AgentRow } from './agent.repository.js';
import type { CreateAgentInput, UpdateAgentInput } from './agent.schemas.js';

/** Who may do what with agents (C5). Any authenticated caller may list and view agents. */

/** Admins add agents; only the owner adds admins. */
export function assertCanCreateAgent(actor: ChatActor, input: CreateAgentInput) {
  if (!isChatAdmin(actor)) throw accessDenied();
  if (input.role_name === 'admin' && actor.role !== 'owner') throw accessDenied();
}

/**
 * Admins edit agents, but an admin cannot edit the owner, and only the owner grants or takes
 * the admin role or deactivates an admin. The owner is never demoted or deactivated (400).
 */
export function assertCanUpdateAgent(actor: ChatActor, target: AgentRow, input: UpdateAgentInput) {
  if (!isChatAdmin(actor)) throw accessDenied();
  if (target.role === 'owner') {
    if (actor.role !== 'owner') throw accessDenied();
    if (input.role_name !== undefined)
      throw fieldError('role_name', 'invalid_value', "The owner's role cannot be changed");
    if (input.is_deactivated === true)
      throw fieldError('is_deactivated', 'invalid_value', 'The owner cannot be deactivated');
    return;
  }
  const roleChanges = input.role_name !== undefined && input.role_name !== target.role;
  const touchesAdmin =
    (roleChanges && (input.role_name === 'admin' || target.role === 'admin')) ||
    (input.is_deactivated !== undefined && target.role === 'admin');
  if (touchesAdmin && actor.role !== 'owner') throw accessDenied();
}

/**
 * Admins deactivate agents; only the owner deactivates admins; nobody deactivates the owner,
 * and nobody their own signed-in self.
 */
export function assertCanDeactivateAgent(actor: ChatActor, target: AgentRow) {
  if (!isChatAdmin(actor)) throw accessDenied();
  if (actor.kind === 'agent' && actor.agentId === target.id) throw accessDenied();
  if (target.role === 'owner') throw accessDenied();
  if (target.role === 'admin' && actor.role !== 'owner') throw accessDenied();
}

/** An agent sets their own availability from their inbox session; admins set anyone's. */
export function assertCanSetAvailability(actor: ChatActor, target: AgentRow) {
  if (isChatAdmin(actor)) return;
  if (actor.kind === 'agent' && actor.agentId === target.id) return;
  throw accessDenied();
}
