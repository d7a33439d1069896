import { duplicate, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { findGroupById, setGroupAgents, updateGroupColumns } from '../group.repository.js';
import type { UpdateGroupInput } from '../group.schemas.js';
import { checkGroupFields, isUniqueViolation } from './group-checks.js';

/** Updates a group; `agents` replaces its members. */
export async function updateGroup(ctx: ChatContext, id: string, input: UpdateGroupInput) {
  try {
    return await inTransaction(ctx, async (ctx) => {
      if (!(await findGroupById(ctx.db, id))) throw notFound();
      await checkGroupFields(ctx.db, input, id);
      const { agents, ...columns } = input;
      await updateGroupColumns(ctx.db, id, columns);
      if (agents !== undefined) await setGroupAgents(ctx.db, id, agents);
      return (await findGroupById(ctx.db, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate('name');
    throw error;
  }
}
