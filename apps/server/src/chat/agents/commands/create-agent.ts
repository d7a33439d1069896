import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { duplicate } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { findAgentById, insertAgent, setAgentGroups } from '../agent.repository.js';
import type { CreateAgentInput } from '../agent.schemas.js';
import { checkAgentFields, isUniqueViolation } from './agent-checks.js';

/** Adds an agent (away until they set themselves available) with their groups. */
export async function createAgent(ctx: ChatContext, input: CreateAgentInput) {
  // Hash outside the transaction: argon2 is slow on purpose.
  const passwordHash = input.password === undefined ? null : await hash(input.password);
  try {
    return await inTransaction(ctx, async (ctx) => {
      await checkAgentFields(ctx.db, input);
      const id = randomUUID();
      await insertAgent(ctx.db, id, {
        email: input.email,
        first_name: input.first_name,
        last_name: input.last_name ?? null,
        password_hash: passwordHash,
        role: input.role_name,
        max_concurrent_chats: input.max_concurrent_chats,
        avatar_url: input.avatar?.url ?? null,
      });
      await setAgentGroups(ctx.db, id, input.groups);
      return (await findAgentById(ctx.db, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate('email');
    throw error;
  }
}
