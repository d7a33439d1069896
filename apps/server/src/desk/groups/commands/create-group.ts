import { duplicate } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkGroupWrite, isUniqueViolation } from '../group-checks.js';
import { insertGroup, replaceGroupAgents } from '../group.repository.js';
import type { CreateGroupInput } from '../group.schemas.js';

/** Creates a group with its members; returns its id. */
export async function createGroup(ctx: DeskContext, input: CreateGroupInput): Promise<number> {
  try {
    return await inTransaction(ctx, async (ctx) => {
      await checkGroupWrite(ctx.db, input);
      const id = await insertGroup(ctx.db, {
        name: input.name,
        description: input.description ?? null,
        escalate_to: input.escalate_to ?? null,
        unassigned_for: input.unassigned_for ?? null,
        business_hour_id: input.business_hour_id ?? null,
        auto_ticket_assign: input.auto_ticket_assign ?? false,
      });
      await replaceGroupAgents(ctx.db, id, [...new Set(input.agent_ids ?? [])]);
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate('name');
    throw error;
  }
}
