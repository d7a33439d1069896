import { randomUUID } from 'node:crypto';
import { duplicate } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { findGroupById, insertGroup, setGroupAgents } from '../group.repository.js';
import type { CreateGroupInput } from '../group.schemas.js';
import { checkGroupFields, isUniqueViolation } from './group-checks.js';

/** Creates a group with its member agents. */
export async function createGroup(ctx: ChatContext, input: CreateGroupInput) {
  try {
    return await inTransaction(ctx, async (ctx) => {
      await checkGroupFields(ctx.db, input);
      const id = randomUUID();
      await insertGroup(ctx.db, id, {
        name: input.name,
        description: input.description ?? null,
        routing_type: input.routing_type,
      });
      await setGroupAgents(ctx.db, id, input.agents);
      return (await findGroupById(ctx.db, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate('name');
    throw error;
  }
}
