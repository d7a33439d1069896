import { hash } from '@node-rs/argon2';
import { duplicate, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import {
  findAgentById,
  lockAgent,
  setAgentGroups,
  updateAgentColumns,
  type AgentValues,
} from '../agent.repository.js';
import { assertCanUpdateAgent } from '../agent.policy.js';
import type { UpdateAgentInput } from '../agent.schemas.js';
import { checkAgentFields, isUniqueViolation } from './agent-checks.js';
import { deactivateAgent } from './deactivate-agent.js';

/** Updates an agent; the policy runs on the locked row, so a concurrent role change cannot slip by. */
export async function updateAgent(ctx: ChatContext, id: string, input: UpdateAgentInput) {
  const passwordHash = input.password === undefined ? undefined : await hash(input.password);
  try {
    return await inTransaction(ctx, async (ctx) => {
      const target = await lockAgent(ctx.db, id);
      if (!target) throw notFound();
      assertCanUpdateAgent(ctx.actor, target, input);
      await checkAgentFields(ctx.db, input, id);
      const values: Partial<AgentValues> & { is_deactivated?: boolean } = {};
      if (input.email !== undefined) values.email = input.email;
      if (input.first_name !== undefined) values.first_name = input.first_name;
      if (input.last_name !== undefined) values.last_name = input.last_name;
      if (input.role_name !== undefined) values.role = input.role_name;
      if (passwordHash !== undefined) values.password_hash = passwordHash;
      if (input.max_concurrent_chats !== undefined) values.max_concurrent_chats = input.max_concurrent_chats;
      if (input.avatar !== undefined) values.avatar_url = input.avatar.url;
      if (input.is_deactivated === false) values.is_deactivated = false;
      await updateAgentColumns(ctx.db, id, values);
      if (input.is_deactivated === true && !target.is_deactivated) await deactivateAgent(ctx, id);
      if (input.groups !== undefined) await setAgentGroups(ctx.db, id, input.groups);
      return (await findAgentById(ctx.db, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate('email');
    throw error;
  }
}
