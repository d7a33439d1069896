import { FieldErrors, notFound } from '../../../platform/http/errors.js';
import { sanitizeRichText } from '../../../platform/text/html.js';
import { findContactById } from '../../contacts/index.js';
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
import type { MakeAgentInput } from '../agent.schemas.js';

/**
 * Turns a contact into an agent (`PUT /contacts/:id/make_agent`): global scope and the Agent role
 * unless the body says otherwise. The contact needs an email (agents sign in with it).
 */
export async function makeAgent(ctx: DeskContext, contactId: number, input: MakeAgentInput): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const contact = await findContactById(ctx.db, contactId);
    if (!contact) throw notFound();
    if (contact.deleted)
      throw inconsistentState('id', 'The contact is deleted; restore it before making it an agent');
    if (contact.is_agent) throw inconsistentState('id', 'The contact is already an agent');
    if (!contact.email)
      throw inconsistentState('email', 'The contact needs an email address to become an agent');

    const errors = new FieldErrors();
    const roleIds = uniqueIds(input.role_ids ?? [await findDefaultAgentRoleId(ctx.db)]);
    const groupIds = uniqueIds(input.group_ids ?? []);
    const roleKinds = await checkRoleIds(ctx.db, roleIds, errors);
    await checkGroupIds(ctx.db, groupIds, errors);
    errors.throwIfAny();
    assertCanGrantRoles(ctx.actor, roleKinds);

    await updateAgentContact(ctx.db, contactId, { is_agent: true, active: true });
    await insertAgent(ctx.db, {
      id: contactId,
      ticket_scope: input.ticket_scope ?? 1,
      occasional: input.occasional ?? false,
      signature: input.signature ? sanitizeRichText(input.signature) : null,
      agent_type: input.agent_type ?? 1,
    });
    await replaceAgentRoles(ctx.db, contactId, roleIds);
    await replaceAgentGroups(ctx.db, contactId, groupIds);
  });
}
