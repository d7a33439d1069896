import { FieldErrors, notFound } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { findContactById } from '../../contacts/index.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { storeUploads, withUploadCleanup } from '../ticket.attachments.js';
import {
  insertConversation,
  updateTicketRow,
  type AttachmentRow,
  type ConversationRow,
  type TicketRow,
} from '../ticket.repository.js';
import type { NoteInput } from '../ticket.schemas.js';
import type { Upload } from '../ticket.uploads.js';
import { assertTicketVersion } from './check-ticket-version.js';

/**
 * A note (source 2), private unless told otherwise. An `incoming` note reads as if the requester
 * wrote it, so it counts as the requester responding.
 */
export async function createNote(
  ctx: DeskContext,
  ticket: TicketRow,
  input: NoteInput,
  uploads: Upload[],
  guard: { ifMatch?: string | undefined } = {},
): Promise<{ conversation: ConversationRow; attachments: AttachmentRow[] }> {
  if (ticket.deleted) throw notFound();
  const userId = input.user_id ?? ctx.actor.id;
  if (input.user_id !== undefined && input.user_id !== ctx.actor.id) {
    // Notes may be written on behalf of any contact (incoming notes are the requester's voice).
    if (!(await findContactById(ctx.db, input.user_id))) {
      new FieldErrors()
        .add('user_id', 'invalid_value', 'There is no contact matching the given user_id')
        .throwIfAny();
    }
  }
  const incoming = input.incoming ?? false;
  const body = sanitizeRichText(input.body);
  const now = new Date();
  return withUploadCleanup(ctx, (written) =>
    inTransaction(ctx, async (tx) => {
      if (guard.ifMatch !== undefined) await assertTicketVersion(tx, ticket.id, guard.ifMatch);
      const conversation = await insertConversation(tx.db, {
        ticket_id: ticket.id,
        body,
        body_text: htmlToText(body),
        incoming,
        private: input.private ?? true,
        user_id: userId,
        source: 2,
        to_emails: input.notify_emails ?? [],
        cc_emails: [],
        bcc_emails: [],
        created_at: now,
        updated_at: now,
      });
      await updateTicketRow(tx.db, ticket.id, {
        ...(incoming ? { requester_responded_at: now } : {}),
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
