import { isoTime } from '../../platform/http/format.js';
import type { AttachmentRow, ConversationRow, TicketRow } from './ticket.repository.js';

/** Embeds and side data a ticket may be presented with; each is optional. */
export interface TicketExtras {
  /** Every custom field name → null, merged under the stored values (unset fields show as null). */
  customFieldDefaults?: Record<string, null>;
  /** The ticket's own attachments (not its conversations'); `[]` when omitted. */
  attachments?: AttachmentRow[];
  /** Lists omit `description`/`description_text` unless `include=description`. */
  withDescription?: boolean;
  withStats?: boolean;
  requester?: {
    id: number;
    name: string;
    email: string | null;
    mobile: string | null;
    phone: string | null;
  } | null;
  company?: { id: number; name: string } | null;
  conversations?: PresentedConversation[];
}

export type PresentedConversation = ReturnType<typeof presentConversation>;

/** Freshdesk v2 attachment object; the URL downloads through the authenticated API. */
export function presentAttachment(row: AttachmentRow, baseUrl = '') {
  return {
    id: row.id,
    name: row.name,
    content_type: row.content_type,
    size: row.size,
    attachment_url: `${baseUrl}/api/v2/attachments/${row.id}`,
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}

/** Freshdesk v2 ticket stats embed. */
export function presentStats(row: TicketRow) {
  return {
    agent_responded_at: isoTime(row.agent_responded_at),
    requester_responded_at: isoTime(row.requester_responded_at),
    first_responded_at: isoTime(row.first_responded_at),
    status_updated_at: isoTime(row.status_updated_at),
    reopened_at: isoTime(row.reopened_at),
    resolved_at: isoTime(row.resolved_at),
    closed_at: isoTime(row.closed_at),
    pending_since: isoTime(row.pending_since),
  };
}

/** Freshdesk v2 ticket object (A6); embeds appear only when given in `extras`. */
export function presentTicket(row: TicketRow, extras: TicketExtras & { baseUrl?: string } = {}) {
  const withDescription = extras.withDescription ?? true;
  return {
    id: row.id,
    subject: row.subject,
    ...(withDescription
      ? { description: row.description ?? '', description_text: row.description_text ?? '' }
      : {}),
    status: row.status,
    priority: row.priority,
    source: row.source,
    type: row.type,
    requester_id: row.requester_id,
    responder_id: row.responder_id,
    group_id: row.group_id,
    company_id: row.company_id,
    product_id: row.product_id,
    email_config_id: row.email_config_id,
    cc_emails: row.cc_emails,
    fwd_emails: row.fwd_emails,
    reply_cc_emails: row.reply_cc_emails,
    ticket_cc_emails: row.ticket_cc_emails,
    to_emails: row.to_emails,
    tags: row.tags,
    custom_fields: { ...(extras.customFieldDefaults ?? {}), ...row.custom_fields },
    attachments: (extras.attachments ?? []).map((a) => presentAttachment(a, extras.baseUrl)),
    fr_escalated: row.fr_escalated,
    is_escalated: row.is_escalated,
    spam: row.spam,
    deleted: row.deleted,
    due_by: isoTime(row.due_by),
    fr_due_by: isoTime(row.fr_due_by),
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
    ...(extras.withStats ? { stats: presentStats(row) } : {}),
    ...(extras.requester !== undefined ? { requester: extras.requester } : {}),
    ...(extras.company !== undefined ? { company: extras.company } : {}),
    ...(extras.conversations !== undefined ? { conversations: extras.conversations } : {}),
  };
}

/** Freshdesk v2 conversation object (A7). */
export function presentConversation(row: ConversationRow, attachments: AttachmentRow[] = [], baseUrl = '') {
  return {
    id: row.id,
    body: row.body,
    body_text: row.body_text,
    incoming: row.incoming,
    private: row.private,
    user_id: row.user_id,
    support_email: row.support_email,
    source: row.source,
    ticket_id: row.ticket_id,
    to_emails: row.to_emails,
    from_email: row.from_email,
    cc_emails: row.cc_emails,
    bcc_emails: row.bcc_emails,
    attachments: attachments.map((a) => presentAttachment(a, baseUrl)),
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}
