import { inTransaction, type DeskContext } from '../../context.js';
import type { RoleKind } from '../../db.js';
import { inconsistentState } from '../agent-links.js';
import { countOtherActiveAccountAdmins, deleteAgentRow, updateAgentContact } from '../agent.repository.js';

/**
 * Downgrades an agent to a plain contact (`DELETE /agents/:id`): the agents row goes, and with
 * it roles, group memberships and the API key; tickets assigned to the agent become unassigned.
 * Deleting yourself or the last active account administrator is refused.
 */
export async function deleteAgent(ctx: DeskContext, agentId: number, roleKinds: RoleKind[]): Promise<void> {
  if (agentId === ctx.actor.id) throw inconsistentState('id', 'You cannot delete yourself');
  await inTransaction(ctx, async (ctx) => {
    if (roleKinds.includes('account_admin') && (await countOtherActiveAccountAdmins(ctx.db, agentId)) === 0)
      throw inconsistentState('id', 'The account needs at least one active Account Administrator');
    await updateAgentContact(ctx.db, agentId, { is_agent: false });
    await deleteAgentRow(ctx.db, agentId);
  });
}
