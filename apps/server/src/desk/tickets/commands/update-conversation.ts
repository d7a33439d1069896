import { AppError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import type { DeskContext } from '../../context.js';
import { updateConversationRow, type ConversationRow } from '../ticket.repository.js';
import type { UpdateConversationInput } from '../ticket.schemas.js';

/** Only notes and agents' own replies are editable; a customer's message is a record. */
export const isEditable = (c: ConversationRow) => c.source === 2 || (c.source === 0 && !c.incoming);

/** Edits the body of a note or an agent reply. */
export async function updateConversation(
  ctx: DeskContext,
  conversation: ConversationRow,
  input: UpdateConversationInput,
): Promise<ConversationRow> {
  if (!isEditable(conversation)) {
    throw new AppError('access_denied', 'Only notes and agent replies can be edited.');
  }
  const body = sanitizeRichText(input.body);
  return updateConversationRow(ctx.db, conversation.id, {
    body,
    body_text: htmlToText(body),
    updated_at: new Date(),
  });
}
