import type { FieldError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { findContactById } from '../../contacts/index.js';
import type { DeskServices } from '../../context.js';
import { findOwnTicket, portalTextToHtml } from '../ticket.portal.js';
import { insertConversation, updateTicketRow } from '../ticket.repository.js';
import { statsForStatus } from '../ticket.sla.js';

const STATUS_OPEN = 2;
/** A portal reply is a reply (conversation source 0) that comes in from the requester. */
const SOURCE_REPLY = 0;
const MAX_BODY = 100_000;

/**
 * The requester replies to their ticket from the portal: a public, incoming conversation by the
 * contact. As in Freshdesk, a reply to a resolved or closed ticket reopens it (status open,
 * `reopened_at` recorded). Undefined when the ticket is not the contact's (a 404 page).
 */
export async function createPortalReply(
  services: DeskServices,
  input: { contactId: number; ticketId: number; body: string },
): Promise<{ conversationId: number; reopened: boolean } | { errors: FieldError[] } | undefined> {
  const body = typeof input.body === 'string' ? input.body : '';
  if (body.trim() === '') {
    return { errors: [{ field: 'body', code: 'missing_field', message: 'It should not be blank' }] };
  }
  if (body.length > MAX_BODY) {
    return {
      errors: [
        {
          field: 'body',
          code: 'invalid_value',
          message: `Has ${body.length} characters, it can have maximum of ${MAX_BODY} characters`,
        },
      ],
    };
  }
  const html = sanitizeRichText(portalTextToHtml(body));
  return services.db.transaction().execute(async (trx) => {
    const ticket = await findOwnTicket(trx, input.contactId, input.ticketId);
    if (!ticket) return undefined;
    const contact = await findContactById(trx, input.contactId);
    const now = new Date();
    const conversation = await insertConversation(trx, {
      ticket_id: ticket.id,
      body: html,
      body_text: htmlToText(html),
      incoming: true,
      private: false,
      user_id: input.contactId,
      source: SOURCE_REPLY,
      from_email: contact?.email ?? null,
      cc_emails: [],
      bcc_emails: [],
      to_emails: [],
      created_at: now,
      updated_at: now,
    });
    const reopened = ticket.status === 4 || ticket.status === 5;
    await updateTicketRow(trx, ticket.id, {
      requester_responded_at: now,
      updated_at: now,
      ...(reopened
        ? { status: STATUS_OPEN, ...statsForStatus(ticket, ticket.status, STATUS_OPEN, now) }
        : {}),
    });
    return { conversationId: conversation.id, reopened };
  });
}
