import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { sql, type Insertable, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { NewContact } from '../contacts/index.js';
import type { AttachmentsTable, DeskDB, DeskDb, TicketConversationsTable, TicketsTable } from '../db.js';

/** Every ticket column: the full row presenters need. */
export const TICKET_COLUMNS = [
  'tickets.id',
  'tickets.subject',
  'tickets.description',
  'tickets.description_text',
  'tickets.status',
  'tickets.priority',
  'tickets.source',
  'tickets.type',
  'tickets.requester_id',
  'tickets.responder_id',
  'tickets.group_id',
  'tickets.company_id',
  'tickets.product_id',
  'tickets.email_config_id',
  'tickets.cc_emails',
  'tickets.fwd_emails',
  'tickets.reply_cc_emails',
  'tickets.ticket_cc_emails',
  'tickets.to_emails',
  'tickets.tags',
  'tickets.custom_fields',
  'tickets.fr_escalated',
  'tickets.is_escalated',
  'tickets.spam',
  'tickets.deleted',
  'tickets.due_by',
  'tickets.fr_due_by',
  'tickets.agent_responded_at',
  'tickets.requester_responded_at',
  'tickets.first_responded_at',
  'tickets.status_updated_at',
  'tickets.reopened_at',
  'tickets.resolved_at',
  'tickets.closed_at',
  'tickets.pending_since',
  'tickets.created_at',
  'tickets.updated_at',
] as const;

export type TicketRow = Selectable<TicketsTable>;
export type ConversationRow = Selectable<TicketConversationsTable>;
export type AttachmentRow = Omit<Selectable<AttachmentsTable>, 'storage_key'>;

export function findTicket(db: DeskDb, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').select(TICKET_COLUMNS).where('tickets.id', '=', id).executeTakeFirst();
}

/**
 * The ticket with its conversation tally (count, last id) for the collision guard; `lock` takes
 * the row lock (FOR UPDATE) so a version check and the write after it see the same ticket.
 */
export async function findTicketState(
  db: DeskDb,
  id: number,
  lock: boolean,
): Promise<{ ticket: TicketRow; tally: { count: number; lastId: number } } | undefined> {
  const base = db.selectFrom('tickets').select(TICKET_COLUMNS).where('tickets.id', '=', id);
  const ticket = await (lock ? base.forUpdate() : base).executeTakeFirst();
  if (!ticket) return undefined;
  return { ticket, tally: await findConversationTally(db, id) };
}

/** How many conversations a ticket has and the newest one's id (0 when none). */
export async function findConversationTally(db: DeskDb, ticketId: number) {
  const tally = await db
    .selectFrom('ticket_conversations')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max<number | null>('id').as('last_id')])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return { count: Number(tally.count), lastId: tally.last_id ?? 0 };
}

export function insertTicket(db: DeskDb, values: Insertable<TicketsTable>): Promise<TicketRow> {
  return db.insertInto('tickets').values(values).returning(TICKET_COLUMNS).executeTakeFirstOrThrow();
}

export function updateTicketRow(db: DeskDb, id: number, patch: Updateable<TicketsTable>): Promise<TicketRow> {
  return db
    .updateTable('tickets')
    .set(patch)
    .where('tickets.id', '=', id)
    .returning(TICKET_COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * Creates the requester and its ticket in ONE statement (a data-modifying CTE): atomic without a
 * BEGIN/COMMIT pair, which makes ticket creation with a new requester a single round trip.
 * Contact values are the contacts module's `NewContact` shape, stored as `insertContact` would.
 */
export function insertTicketWithNewRequester(
  db: DeskDb,
  contact: NewContact,
  ticket: Omit<Insertable<TicketsTable>, 'requester_id'>,
): Promise<TicketRow> {
  const now = new Date();
  return db
    .with('new_requester', (qb) =>
      qb
        .insertInto('contacts')
        .values({
          ...contact,
          custom_fields: JSON.stringify(contact.custom_fields ?? {}),
          created_at: contact.created_at ?? now,
          updated_at: contact.updated_at ?? now,
        })
        .returning('id'),
    )
    .insertInto('tickets')
    .values({ ...ticket, requester_id: (eb) => eb.selectFrom('new_requester').select('id') })
    .returning(TICKET_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Which of the referenced rows exist, in one round trip (undefined ids are not checked). */
export async function findReferences(
  db: DeskDb,
  refs: { agentIds: number[]; groupId?: number | null; companyId?: number | null },
): Promise<{ agentIds: number[]; group: boolean; company: boolean }> {
  const row = await db
    .selectNoFrom((eb) => [
      (refs.agentIds.length
        ? eb
            .selectFrom('agents')
            .select((e) => e.fn.agg<number[]>('array_agg', ['id']).as('ids'))
            .where('id', 'in', refs.agentIds)
        : eb.val<number[] | null>(null)
      ).as('agent_ids'),
      (refs.groupId != null
        ? eb.exists(eb.selectFrom('groups').select('id').where('id', '=', refs.groupId))
        : eb.val(true)
      ).as('group'),
      (refs.companyId != null
        ? eb.exists(eb.selectFrom('companies').select('id').where('id', '=', refs.companyId))
        : eb.val(true)
      ).as('company'),
    ])
    .executeTakeFirstOrThrow();
  return { agentIds: row.agent_ids ?? [], group: Boolean(row.group), company: Boolean(row.company) };
}

export function findContactByTwitterId(db: DeskDb, twitterId: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'company_id'])
    .where('twitter_id', '=', twitterId)
    .orderBy('id')
    .executeTakeFirst();
}

export function findContactByFacebookId(db: DeskDb, facebookId: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'company_id'])
    .where('facebook_id', '=', facebookId)
    .orderBy('id')
    .executeTakeFirst();
}

/** Requester embeds for a page of tickets, in one query. */
export function findRequesters(db: DeskDb, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'mobile', 'phone'])
    .where('id', 'in', ids)
    .execute();
}

export function findCompanyNames(db: DeskDb, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('companies').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Custom ticket field types, to coerce multipart strings (numbers, checkboxes) before validation. */
export function findCustomFieldTypes(db: DeskDb) {
  return db.selectFrom('ticket_fields').select(['name', 'type']).where('is_default', '=', false).execute();
}

const ATTACHMENT_COLUMNS = [
  'id',
  'ticket_id',
  'conversation_id',
  'name',
  'content_type',
  'size',
  'created_at',
  'updated_at',
] as const;

export interface TicketListFilters {
  filter?: 'new_and_my_open' | 'watching' | 'spam' | 'deleted' | undefined;
  actorId: number;
  requesterId?: number | undefined;
  companyId?: number | undefined;
  createdSince?: Date | undefined;
  updatedSince?: Date | undefined;
  /** Desk extensions for the agent views: any of these statuses, one priority, group, agent. */
  statuses?: number[] | undefined;
  priority?: number | undefined;
  groupId?: number | undefined;
  /** An agent id, or null for unassigned tickets. */
  responderId?: number | null | undefined;
  orderBy: 'created_at' | 'due_by' | 'updated_at' | 'status';
  orderType: 'asc' | 'desc';
  /** Keyset paging: only rows after this (sort value as `sort_key` text, id) in list order. */
  after?: { value: string; id: number } | undefined;
  limit: number;
  offset: number;
}

/** A listed ticket with its own attachments and its exact sort value (the keyset cursor's value). */
export type ListedTicketRow = TicketRow & { attachments: AttachmentRow[]; sort_key: string };

type TicketQuery = SelectQueryBuilder<DeskDB, 'tickets', object>;

/**
 * One page of tickets (limit rows from offset) with each ticket's own attachments; `scope` narrows
 * to what the caller may see. Attachments ride along as a JSON column (an index probe per row) so
 * a list page is one round trip.
 */
export async function listTickets(
  db: DeskDb,
  f: TicketListFilters,
  scope: (qb: TicketQuery) => TicketQuery,
): Promise<ListedTicketRow[]> {
  let qb = scope(db.selectFrom('tickets'));
  switch (f.filter) {
    case 'deleted':
      qb = qb.where('tickets.deleted', '=', true);
      break;
    case 'spam':
      qb = qb.where('tickets.deleted', '=', false).where('tickets.spam', '=', true);
      break;
    case 'watching':
      // Desk keeps no watchers yet, so nobody watches anything.
      qb = qb.where(sql<boolean>`false`);
      break;
    case 'new_and_my_open':
      qb = qb
        .where('tickets.deleted', '=', false)
        .where('tickets.spam', '=', false)
        .where('tickets.status', '=', 2)
        .where((eb) =>
          eb.or([eb('tickets.responder_id', 'is', null), eb('tickets.responder_id', '=', f.actorId)]),
        );
      break;
    default:
      qb = qb.where('tickets.deleted', '=', false).where('tickets.spam', '=', false);
  }
  if (f.requesterId !== undefined) qb = qb.where('tickets.requester_id', '=', f.requesterId);
  if (f.companyId !== undefined) qb = qb.where('tickets.company_id', '=', f.companyId);
  if (f.createdSince) qb = qb.where('tickets.created_at', '>=', f.createdSince);
  if (f.updatedSince) qb = qb.where('tickets.updated_at', '>=', f.updatedSince);
  if (f.statuses?.length) qb = qb.where('tickets.status', 'in', f.statuses);
  if (f.priority !== undefined) qb = qb.where('tickets.priority', '=', f.priority);
  if (f.groupId !== undefined) qb = qb.where('tickets.group_id', '=', f.groupId);
  if (f.responderId === null) qb = qb.where('tickets.responder_id', 'is', null);
  else if (f.responderId !== undefined) qb = qb.where('tickets.responder_id', '=', f.responderId);
  const column = sql.ref(`tickets.${f.orderBy}`);
  const isTime = f.orderBy !== 'status';
  if (f.after) {
    // Raw SQL: a row-value comparison matches the (column, id) index order, and timestamps are
    // compared at full microsecond precision (a JS Date would round them to milliseconds).
    const op = sql.raw(f.orderType === 'desc' ? '<' : '>');
    const value = isTime
      ? sql`cast(${f.after.value} as timestamptz)`
      : sql`cast(${f.after.value} as integer)`;
    qb = qb.where(sql<boolean>`(${column}, tickets.id) ${op} (${value}, ${f.after.id})`);
  }
  const rows = await qb
    .select(TICKET_COLUMNS)
    .select(
      // Raw SQL: the sort value as exact text (UTC, microseconds) for the next page's cursor.
      (isTime
        ? sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
        : sql<string>`${column}::text`
      ).as('sort_key'),
    )
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('attachments')
          .select(ATTACHMENT_COLUMNS)
          .whereRef('attachments.ticket_id', '=', 'tickets.id')
          .where('attachments.conversation_id', 'is', null)
          .orderBy('attachments.id'),
      ).as('attachments'),
    )
    .orderBy(`tickets.${f.orderBy}`, f.orderType)
    .orderBy('tickets.id', f.orderType)
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  // JSON carries times as strings; rows elsewhere carry Dates.
  return rows.map((row) => ({
    ...row,
    attachments: row.attachments.map((a) => ({
      ...a,
      created_at: new Date(a.created_at),
      updated_at: new Date(a.updated_at),
    })),
  }));
}

const CONVERSATION_COLUMNS = [
  'id',
  'ticket_id',
  'body',
  'body_text',
  'incoming',
  'private',
  'user_id',
  'support_email',
  'source',
  'to_emails',
  'from_email',
  'cc_emails',
  'bcc_emails',
  'created_at',
  'updated_at',
] as const;

export function insertConversation(
  db: DeskDb,
  values: Insertable<TicketConversationsTable>,
): Promise<ConversationRow> {
  return db
    .insertInto('ticket_conversations')
    .values(values)
    .returning(CONVERSATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function findConversation(db: DeskDb, id: number): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('ticket_conversations')
    .select(CONVERSATION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A ticket's conversations oldest first (the order Freshdesk lists them in). */
export function listConversations(db: DeskDb, ticketId: number, limit: number, offset: number) {
  return db
    .selectFrom('ticket_conversations')
    .select(CONVERSATION_COLUMNS)
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function updateConversationRow(
  db: DeskDb,
  id: number,
  patch: Updateable<TicketConversationsTable>,
): Promise<ConversationRow> {
  return db
    .updateTable('ticket_conversations')
    .set(patch)
    .where('id', '=', id)
    .returning(CONVERSATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Deletes a conversation (its attachment rows cascade) and returns the storage keys to remove. */
export async function deleteConversationRow(db: DeskDb, id: number): Promise<string[]> {
  const keys = await db
    .selectFrom('attachments')
    .select('storage_key')
    .where('conversation_id', '=', id)
    .execute();
  await db.deleteFrom('ticket_conversations').where('id', '=', id).execute();
  return keys.map((k) => k.storage_key);
}

export function insertAttachments(
  db: DeskDb,
  rows: Insertable<AttachmentsTable>[],
): Promise<AttachmentRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('attachments')
    .values(rows)
    .returning(ATTACHMENT_COLUMNS)
    .execute()
    .then((inserted) => inserted.sort((a, b) => a.id - b.id));
}

/** Attachments of the tickets themselves (not of their conversations). */
export function findTicketAttachments(db: DeskDb, ticketIds: number[]): Promise<AttachmentRow[]> {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(ATTACHMENT_COLUMNS)
    .where('ticket_id', 'in', ticketIds)
    .where('conversation_id', 'is', null)
    .orderBy('id')
    .execute();
}

export function findConversationAttachments(db: DeskDb, conversationIds: number[]): Promise<AttachmentRow[]> {
  if (conversationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(ATTACHMENT_COLUMNS)
    .where('conversation_id', 'in', conversationIds)
    .orderBy('id')
    .execute();
}

/** An attachment with its storage key and the ticket it belongs to (directly or via a conversation). */
export function findAttachmentForDownload(db: DeskDb, id: number) {
  return db
    .selectFrom('attachments')
    .leftJoin('ticket_conversations', 'ticket_conversations.id', 'attachments.conversation_id')
    .select((eb) => [
      'attachments.id',
      'attachments.name',
      'attachments.content_type',
      'attachments.size',
      'attachments.storage_key',
      eb.fn.coalesce('attachments.ticket_id', 'ticket_conversations.ticket_id').as('ticket_id'),
    ])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}
