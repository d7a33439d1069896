import { FieldErrors, notFound } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { storeUploads, withUploadCleanup } from '../ticket.attachments.js';
import {
  findReferences,
  insertConversation,
  updateTicketRow,
  type AttachmentRow,
  type ConversationRow,
  type TicketRow,
} from '../ticket.repository.js';
import type { ReplyInput } from '../ticket.schemas.js';
import type { Upload } from '../ticket.uploads.js';
import { assertTicketVersion } from './check-ticket-version.js';

/**
 * An agent's public reply (source 0): records the conversation and its attachments and marks the
 * ticket as answered (agent_responded_at, first_responded_at the first time).
 */
export async function createReply(
  ctx: DeskContext,
  ticket: TicketRow,
  input: ReplyInput,
  uploads: Upload[],
  guard: { ifMatch?: string | undefined } = {},
): Promise<{ conversation: ConversationRow; attachments: AttachmentRow[] }> {
  if (ticket.deleted) throw notFound();
  const userId = input.user_id ?? ctx.actor.id;
  if (input.user_id !== undefined && input.user_id !== ctx.actor.id) {
    const refs = await findReferences(ctx.db, { agentIds: [input.user_id] });
    if (!refs.agentIds.includes(input.user_id)) {
      new FieldErrors()
        .add('user_id', 'invalid_value', 'There is no agent matching the given user_id')
        .throwIfAny();
    }
  }
  const body = sanitizeRichText(input.body);
  const now = new Date();
  return withUploadCleanup(ctx, (written) =>
    inTransaction(ctx, async (tx) => {
      if (guard.ifMatch !== undefined) await assertTicketVersion(tx, ticket.id, guard.ifMatch);
      const conversation = await insertConversation(tx.db, {
        ticket_id: ticket.id,
        body,
        body_text: htmlToText(body),
        incoming: false,
        private: false,
        user_id: userId,
        source: 0,
        from_email: input.from_email ?? null,
        cc_emails: input.cc_emails ?? [],
        bcc_emails: input.bcc_emails ?? [],
        to_emails: [],
        created_at: now,
        updated_at: now,
      });
      await updateTicketRow(tx.db, ticket.id, {
        agent_responded_at: now,
        first_responded_at: ticket.first_responded_at ?? now,
        updated_at: now,
      });
      const attachments = await storeUploads(
        tx,
        uploads,
        { ticket_id: ticket.id, conversation_id: conversation.id },
        written,
      );
      return { conversation, attachments };
    }),
  );
}
