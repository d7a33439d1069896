import { isoTime } from '../../platform/http/format.js';
import type { DeskServices } from '../context.js';
import type { DeskDb } from '../db.js';
import { findTicket, type TicketRow } from './ticket.repository.js';

/*
 * Tickets as the customer audience (portal pages) sees them: a contact's own tickets and their
 * PUBLIC conversation. The presenters below have no field for private notes, agent-only ticket
 * fields, group, responder id or tags, so those cannot reach a portal page by accident. The reads
 * here are the portal's own queries (only this file and ticket.repository.ts touch the tables).
 */

/** A ticket field on the portal's new-ticket form (and ticket view), as customers see it. */
export interface FieldDef {
  id: number;
  /** The field's name: `subject`, `description`, `ticket_type`, `priority`, `cf_reason`… */
  name: string;
  /**
   * The form input name, also the `field` of its validation errors: `subject`, `description`,
   * `type`, `priority`, `custom_fields.cf_reason`; `requester` for the requester field.
   */
  key: string;
  label_for_customers: string;
  description: string | null;
  type: string;
  default: boolean;
  required_for_customers: boolean;
  customers_can_edit: boolean;
  /**
   * Dropdown and type: the values in order; priority: `{label: value}`; status: `{value: customer
   * label}`; `[]` otherwise (group and agent names are not shown to customers).
   */
  choices: string[] | Record<string, number | string>;
}

const DEFAULT_KEYS: Record<string, string> = {
  default_requester: 'requester',
  default_subject: 'subject',
  default_description: 'description',
  default_ticket_type: 'type',
  default_priority: 'priority',
  default_status: 'status',
  default_source: 'source',
  default_group: 'group_id',
  default_agent: 'responder_id',
  default_company: 'company_id',
  default_product: 'product_id',
};

type FieldRow = {
  id: number;
  name: string;
  label_for_customers: string;
  description: string | null;
  type: string;
  is_default: boolean;
  required_for_customers: boolean;
  customers_can_edit: boolean;
  choices: unknown;
};

function customerChoices(row: FieldRow): FieldDef['choices'] {
  if (row.type === 'custom_dropdown' || row.type === 'default_ticket_type') {
    return Array.isArray(row.choices) ? (row.choices as string[]) : [];
  }
  if (row.type === 'default_priority' && row.choices && typeof row.choices === 'object') {
    const entries = Object.entries(row.choices as Record<string, number>).sort(([, a], [, b]) => a - b);
    return Object.fromEntries(entries);
  }
  if (row.type === 'default_status' && row.choices && typeof row.choices === 'object') {
    // Stored as {"2": [agent label, customer label]}: customers get their own wording.
    return Object.fromEntries(
      Object.entries(row.choices as Record<string, string[]>).map(([value, labels]) => [
        value,
        labels[1] ?? labels[0] ?? value,
      ]),
    );
  }
  return [];
}

/** Presents one ticket field for customers. */
export function presentCustomerField(row: FieldRow): FieldDef {
  return {
    id: row.id,
    name: row.name,
    key: row.is_default ? (DEFAULT_KEYS[row.type] ?? row.name) : `custom_fields.${row.name}`,
    label_for_customers: row.label_for_customers,
    description: row.description,
    type: row.type,
    default: row.is_default,
    required_for_customers: row.required_for_customers,
    customers_can_edit: row.customers_can_edit,
    choices: customerChoices(row),
  };
}

/** The ticket fields shown to customers, in position order. */
export function listCustomerFields(db: DeskDb): Promise<FieldRow[]> {
  return db
    .selectFrom('ticket_fields')
    .select([
      'id',
      'name',
      'label_for_customers',
      'description',
      'type',
      'is_default',
      'required_for_customers',
      'customers_can_edit',
      'choices',
    ])
    .where('displayed_to_customers', '=', true)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/**
 * The fields of the portal's new-ticket form and ticket view: every field displayed to customers,
 * in position order. Render an input for those with `customers_can_edit` (the requester is the
 * signed-in contact); show the others read-only on a ticket.
 */
export async function customerTicketForm(services: DeskServices): Promise<FieldDef[]> {
  return (await listCustomerFields(services.db)).map(presentCustomerField);
}

// --- a contact's tickets ---------------------------------------------------------------------

/** One row of "my tickets". */
export interface PortalTicketSummary {
  id: number;
  subject: string | null;
  status: number;
  /** The status as customers read it ("Being Processed", "Awaiting your Reply"…). */
  status_label: string;
  created_at: string;
  updated_at: string;
}

/** A message in a ticket's public conversation. */
export interface PortalConversation {
  id: number;
  /** Sanitized HTML. */
  body: string;
  body_text: string;
  /** True when the requester's side wrote it (their replies), false for the support team. */
  incoming: boolean;
  author_name: string;
  created_at: string;
}

/** A contact's ticket with its public conversation, oldest message first. */
export interface PortalTicket extends PortalTicketSummary {
  /** Sanitized HTML. */
  description: string;
  description_text: string;
  priority: number;
  type: string | null;
  /** Fields displayed to customers that hold a value, in position order (defaults excluded). */
  custom_fields: { name: string; label: string; type: string; value: unknown }[];
  conversations: PortalConversation[];
}

const FALLBACK_STATUS_LABELS: Record<number, string> = {
  2: 'Being Processed',
  3: 'Awaiting your Reply',
  4: 'This ticket has been Resolved',
  5: 'This ticket has been Closed',
};

async function statusLabels(db: DeskDb): Promise<Record<string, string>> {
  const row = await db
    .selectFrom('ticket_fields')
    .select('choices')
    .where('type', '=', 'default_status')
    .executeTakeFirst();
  const choices = (row?.choices ?? {}) as Record<string, string[]>;
  return Object.fromEntries(
    Object.entries(choices).map(([value, labels]) => [value, labels[1] ?? labels[0] ?? value]),
  );
}

const labelOf = (labels: Record<string, string>, status: number) =>
  labels[String(status)] ?? FALLBACK_STATUS_LABELS[status] ?? String(status);

type SummaryRow = Pick<TicketRow, 'id' | 'subject' | 'status' | 'created_at' | 'updated_at'>;

/** Presents a ticket for the "my tickets" list. */
export function presentPortalTicketSummary(
  row: SummaryRow,
  labels: Record<string, string>,
): PortalTicketSummary {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    status_label: labelOf(labels, row.status),
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}

/** The contact's own tickets (as requester), newest first; deleted and spam tickets are left out. */
export async function listContactTickets(
  services: DeskServices,
  contactId: number,
  options: { limit?: number; offset?: number } = {},
): Promise<PortalTicketSummary[]> {
  const [rows, labels] = await Promise.all([
    services.db
      .selectFrom('tickets')
      .select(['id', 'subject', 'status', 'created_at', 'updated_at'])
      .where('requester_id', '=', contactId)
      .where('deleted', '=', false)
      .where('spam', '=', false)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(options.limit ?? 100, 1), 500))
      .offset(Math.max(options.offset ?? 0, 0))
      .execute(),
    statusLabels(services.db),
  ]);
  return rows.map((row) => presentPortalTicketSummary(row, labels));
}

/** The ticket if the contact may see it on the portal: they are its requester and it is live. */
export async function findOwnTicket(
  db: DeskDb,
  contactId: number,
  ticketId: number,
): Promise<TicketRow | undefined> {
  if (!Number.isSafeInteger(ticketId) || ticketId <= 0) return undefined;
  const ticket = await findTicket(db, ticketId);
  if (!ticket || ticket.requester_id !== contactId || ticket.deleted || ticket.spam) return undefined;
  return ticket;
}

/** A ticket's public messages with their authors' names, oldest first. Private notes never load. */
function listPublicConversations(db: DeskDb, ticketId: number) {
  return db
    .selectFrom('ticket_conversations')
    .leftJoin('contacts', 'contacts.id', 'ticket_conversations.user_id')
    .select([
      'ticket_conversations.id',
      'ticket_conversations.body',
      'ticket_conversations.body_text',
      'ticket_conversations.incoming',
      'ticket_conversations.created_at',
      'contacts.name as author_name',
    ])
    .where('ticket_conversations.ticket_id', '=', ticketId)
    .where('ticket_conversations.private', '=', false)
    .orderBy('ticket_conversations.created_at', 'asc')
    .orderBy('ticket_conversations.id', 'asc')
    .execute();
}

type PublicConversationRow = Awaited<ReturnType<typeof listPublicConversations>>[number];

/** Presents one public message for the portal. */
export function presentPortalConversation(row: PublicConversationRow): PortalConversation {
  return {
    id: row.id,
    body: row.body,
    body_text: row.body_text,
    incoming: row.incoming,
    author_name: row.author_name ?? (row.incoming ? 'You' : 'Support'),
    created_at: isoTime(row.created_at),
  };
}

/**
 * The contact's ticket with its public conversation, or undefined (a 404 page) unless the contact
 * is its requester.
 */
export async function findContactTicket(
  services: DeskServices,
  contactId: number,
  ticketId: number,
): Promise<PortalTicket | undefined> {
  const { db } = services;
  const ticket = await findOwnTicket(db, contactId, ticketId);
  if (!ticket) return undefined;
  const [conversations, labels, fields] = await Promise.all([
    listPublicConversations(db, ticket.id),
    statusLabels(db),
    listCustomerFields(db),
  ]);
  const values = ticket.custom_fields ?? {};
  return {
    ...presentPortalTicketSummary(ticket, labels),
    description: ticket.description ?? '',
    description_text: ticket.description_text ?? '',
    priority: ticket.priority,
    type: ticket.type,
    custom_fields: fields
      .filter((f) => !f.is_default && values[f.name] !== undefined && values[f.name] !== null)
      .map((f) => ({ name: f.name, label: f.label_for_customers, type: f.type, value: values[f.name] })),
    conversations: conversations.map(presentPortalConversation),
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Portal forms post plain text (a textarea): escaped, with paragraphs and line breaks kept, it
 * becomes the HTML body agents see. Nothing a customer types is ever read as markup.
 */
export function portalTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
