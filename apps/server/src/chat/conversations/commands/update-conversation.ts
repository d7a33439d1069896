import { notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { lockConversation } from '../conversation.repository.js';
import type { UpdateConversationBody } from '../conversation.schemas.js';
import { applyConversationChanges, type ConversationChangesResult } from './apply-conversation-changes.js';

/** PUT /conversations/:id: status, assignment and properties, under the conversation's row lock. */
export async function updateConversation(
  ctx: ChatContext,
  id: string,
  input: UpdateConversationBody,
): Promise<ConversationChangesResult> {
  return inTransaction(ctx, async (tx) => {
    const current = await lockConversation(tx.db, id);
    if (!current) throw notFound();
    return applyConversationChanges(tx, current, {
      status: input.status,
      assigned_agent_id: input.assigned_agent_id,
      assigned_group_id: input.assigned_group_id,
      properties: input.properties,
    });
  });
}
