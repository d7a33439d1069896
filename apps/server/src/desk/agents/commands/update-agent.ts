import { hash } from '@node-rs/argon2';
import { duplicate, FieldErrors } from '../../../platform/http/errors.js';
import { sanitizeRichText } from '../../../platform/text/html.js';
import { endAgentSessions } from '../../agent-auth/index.js';
import { findContactByEmail } from '../../contacts/index.js';
import { inTransaction, type DeskContext } from '../../context.js';
import type { RoleKind } from '../../db.js';
import { checkGroupIds, checkRoleIds, inconsistentState, uniqueIds } from '../agent-links.js';
import { assertCanGrantRoles } from '../agent.policy.js';
import {
  countOtherActiveAccountAdmins,
  findRoleIdsOfAgents,
  replaceAgentGroups,
  replaceAgentRoles,
  updateAgentContact,
  updateAgentRow,
  type AgentRow,
} from '../agent.repository.js';
import type { UpdateAgentInput } from '../agent.schemas.js';

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Updates an agent (`PUT /agents/:id`). The key owner cannot change their own ticket scope or
 * roles, nor deactivate themselves; the last active account administrator cannot lose that
 * role or be deactivated. `active` is a Tandem extension (Freshdesk has no agent deactivation),
 * and so is `password` (the Desk UI sign-in password an admin sets).
 */
export async function updateAgent(
  ctx: DeskContext,
  agent: AgentRow,
  currentRoleKinds: RoleKind[],
  input: UpdateAgentInput,
): Promise<void> {
  // Hashed before the transaction: argon2 takes a while and holds no lock.
  const passwordHash = input.password !== undefined ? await hash(input.password) : undefined;
  await inTransaction(ctx, async (ctx) => {
    const errors = new FieldErrors();
    const isSelf = agent.id === ctx.actor.id;
    const roleIds = input.role_ids ? uniqueIds(input.role_ids) : undefined;
    const groupIds = input.group_ids ? uniqueIds(input.group_ids) : undefined;

    let newRoleKinds = currentRoleKinds;
    if (roleIds) {
      newRoleKinds = await checkRoleIds(ctx.db, roleIds, errors);
      const current = (await findRoleIdsOfAgents(ctx.db, [agent.id])).get(agent.id) ?? [];
      if (isSelf && !sameIds(current, roleIds))
        errors.add('role_ids', 'invalid_value', 'You cannot change your own roles');
    }
    if (groupIds) await checkGroupIds(ctx.db, groupIds, errors);
    if (isSelf && input.ticket_scope !== undefined && input.ticket_scope !== agent.ticket_scope)
      errors.add('ticket_scope', 'invalid_value', 'You cannot change your own ticket scope');
    if (isSelf && input.active === false)
      errors.add('active', 'invalid_value', 'You cannot deactivate yourself');
    errors.throwIfAny();
    assertCanGrantRoles(
      ctx.actor,
      newRoleKinds.filter((k) => !currentRoleKinds.includes(k)),
    );

    const losesAccountAdmin =
      currentRoleKinds.includes('account_admin') &&
      agent.active &&
      (input.active === false || !newRoleKinds.includes('account_admin'));
    if (losesAccountAdmin && (await countOtherActiveAccountAdmins(ctx.db, agent.id)) === 0)
      throw inconsistentState(
        input.active === false ? 'active' : 'role_ids',
        'The account needs at least one active Account Administrator',
      );

    if (input.email !== undefined) {
      const other = await findContactByEmail(ctx.db, input.email);
      if (other && other.id !== agent.id) throw duplicate('email', { user_id: other.id });
    }

    await updateAgentContact(ctx.db, agent.id, {
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.time_zone !== undefined ? { time_zone: input.time_zone } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
    });
    await updateAgentRow(ctx.db, agent.id, {
      ...(input.ticket_scope !== undefined ? { ticket_scope: input.ticket_scope } : {}),
      ...(input.occasional !== undefined ? { occasional: input.occasional } : {}),
      ...(input.signature !== undefined
        ? { signature: input.signature ? sanitizeRichText(input.signature) : null }
        : {}),
      ...(input.agent_type !== undefined ? { agent_type: input.agent_type } : {}),
    });
    if (roleIds) await replaceAgentRoles(ctx.db, agent.id, roleIds);
    if (groupIds) await replaceAgentGroups(ctx.db, agent.id, groupIds);
    // A deactivated agent, or one whose password was replaced, is signed out everywhere:
    // reactivating must not revive an old session, and a new password shuts out whoever knew
    // the old one.
    if (input.active === false || passwordHash !== undefined) await endAgentSessions(ctx.db, agent.id);
  });
}
