import { duplicate } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkGroupWrite, isUniqueViolation } from '../group-checks.js';
import { replaceGroupAgents, updateGroupRow } from '../group.repository.js';
import type { UpdateGroupInput } from '../group.schemas.js';

/** Updates a group; `agent_ids`, when sent, replaces the membership. */
export async function updateGroup(ctx: DeskContext, groupId: number, input: UpdateGroupInput): Promise<void> {
  try {
    await inTransaction(ctx, async (ctx) => {
      await checkGroupWrite(ctx.db, input, groupId);
      const { agent_ids: agentIds, ...values } = input;
      await updateGroupRow(ctx.db, groupId, values);
      if (agentIds) await replaceGroupAgents(ctx.db, groupId, [...new Set(agentIds)]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate('name');
    throw error;
  }
}
