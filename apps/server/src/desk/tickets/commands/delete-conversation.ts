import { inTransaction, type DeskContext } from '../../context.js';
import { attachmentStore } from '../ticket.attachments.js';
import { deleteConversationRow, type ConversationRow } from '../ticket.repository.js';

/** Deletes a conversation with its attachments (rows in the transaction, files after it). */
export async function deleteConversation(ctx: DeskContext, conversation: ConversationRow): Promise<void> {
  const keys = await inTransaction(ctx, (tx) => deleteConversationRow(tx.db, conversation.id));
  await attachmentStore(ctx.services)
    .remove(keys)
    .catch((e: unknown) => ctx.log.warn({ err: e }, 'could not remove attachment files'));
}
