import { hash } from '@node-rs/argon2';
import { duplicate, FieldErrors } from '../../../platform/http/errors.js';
import { sanitizeRichText } from '../../../platform/text/html.js';
import { findContactByEmail, insertContact } from '../../contacts/index.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkGroupIds, checkRoleIds, inconsistentState, uniqueIds } from '../agent-links.js';
import { assertCanGrantRoles } from '../agent.policy.js';
import {
  findDefaultAgentRoleId,
  insertAgent,
  replaceAgentGroups,
  replaceAgentRoles,
  updateAgentContact,
} from '../agent.repository.js';
import type { CreateAgentInput } from '../agent.schemas.js';

/**
 * Creates an agent. An email that belongs to a plain contact turns that contact into the agent
 * (same id, as in Freshdesk); an email already used by an agent is a 409. The new agent has no
 * API key until one is issued with `POST /agents/:id/api_key`, and signs in to the Desk UI only
 * once an admin has set its `password` (Tandem extension).
 */
export async function createAgent(ctx: DeskContext, input: CreateAgentInput): Promise<number> {
  // Hashed before the transaction: argon2 takes a while and holds no lock.
  const passwordHash = input.password !== undefined ? await hash(input.password) : undefined;
  return inTransaction(ctx, async (ctx) => {
    const errors = new FieldErrors();
    const roleIds = uniqueIds(input.role_ids ?? [await findDefaultAgentRoleId(ctx.db)]);
    const groupIds = uniqueIds(input.group_ids ?? []);
    const roleKinds = await checkRoleIds(ctx.db, roleIds, errors);
    await checkGroupIds(ctx.db, groupIds, errors);
    errors.throwIfAny();
    assertCanGrantRoles(ctx.actor, roleKinds);

    const existing = await findContactByEmail(ctx.db, input.email);
    if (existing?.is_agent) throw duplicate('email', { user_id: existing.id });
    if (existing?.deleted)
      throw inconsistentState(
        'email',
        'A deleted contact has this email; restore it before making it an agent',
      );

    let id: number;
    if (existing) {
      id = existing.id;
      await updateAgentContact(ctx.db, id, {
        is_agent: true,
        active: true,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.time_zone !== undefined ? { time_zone: input.time_zone } : {}),
        ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      });
    } else {
      const contact = await insertContact(ctx.db, {
        name: input.name ?? input.email.split('@')[0]!,
        email: input.email,
        is_agent: true,
        active: true,
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.time_zone !== undefined ? { time_zone: input.time_zone } : {}),
      });
      id = contact.id;
      if (passwordHash !== undefined) await updateAgentContact(ctx.db, id, { password_hash: passwordHash });
    }
    await insertAgent(ctx.db, {
      id,
      ticket_scope: input.ticket_scope,
      occasional: input.occasional ?? false,
      signature: input.signature ? sanitizeRichText(input.signature) : null,
      agent_type: input.agent_type ?? 1,
    });
    await replaceAgentRoles(ctx.db, id, roleIds);
    await replaceAgentGroups(ctx.db, id, groupIds);
    return id;
  });
}
