import { findContactByEmail, findContactByExternalId } from '../contacts/index.js';
import type { DeskContext } from '../context.js';
import { customFieldDefaults } from '../ticket-fields/index.js';
import { applyTicketScope } from './ticket.policy.js';
import { presentConversation, presentTicket } from './ticket.presenter.js';
import {
  findCompanyNames,
  findConversationAttachments,
  findRequesters,
  findTicketAttachments,
  listConversations,
  listTickets,
  findConversationTally,
  type AttachmentRow,
  type ConversationRow,
  type ListedTicketRow,
  type TicketRow,
} from './ticket.repository.js';
import { decodeTicketCursor, encodeTicketCursor } from './ticket.cursor.js';
import { ticketVersion, versionETag } from './ticket.version.js';
import type { ListTicketsQuery, TICKET_INCLUDES } from './ticket.schemas.js';

// Freshdesk's list shows recent tickets unless the caller asks for a wider window.
const DEFAULT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

const groupBy = <T, K>(rows: T[], key: (row: T) => K) => {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
};

/** Conversations presented with their attachments, loaded in one query. */
export async function presentConversations(ctx: DeskContext, rows: ConversationRow[], baseUrl: string) {
  const attachments = groupBy(
    await findConversationAttachments(
      ctx.db,
      rows.map((r) => r.id),
    ),
    (a) => a.conversation_id,
  );
  return rows.map((r) => presentConversation(r, attachments.get(r.id) ?? [], baseUrl));
}

/** A single ticket with the requested embeds (each a single query, run side by side). */
export async function viewTicket(
  ctx: DeskContext,
  ticket: TicketRow,
  include: (typeof TICKET_INCLUDES)[number][],
  baseUrl: string,
  attachments?: AttachmentRow[],
) {
  const has = (name: (typeof TICKET_INCLUDES)[number]) => include.includes(name);
  const [defaults, ownAttachments, conversations, requesters, companies] = await Promise.all([
    customFieldDefaults(ctx.db, ctx.revisions.ticketFields),
    attachments ?? findTicketAttachments(ctx.db, [ticket.id]),
    has('conversations')
      ? listConversations(ctx.db, ticket.id, 10, 0).then((rows) => presentConversations(ctx, rows, baseUrl))
      : undefined,
    has('requester') ? findRequesters(ctx.db, [ticket.requester_id]) : undefined,
    has('company') && ticket.company_id !== null ? findCompanyNames(ctx.db, [ticket.company_id]) : undefined,
  ]);
  return presentTicket(ticket, {
    customFieldDefaults: defaults,
    attachments: ownAttachments,
    baseUrl,
    withStats: has('stats'),
    ...(conversations ? { conversations } : {}),
    ...(requesters ? { requester: requesters[0] ?? null } : {}),
    ...(has('company') ? { company: companies?.[0] ?? null } : {}),
  });
}

/**
 * One page of the ticket list (per_page + 1 rows, for `paginate`) and the custom field defaults
 * to present it with, fetched side by side; scoped to what the actor may
 * see in SQL, newest first unless told otherwise.
 */
export async function findTicketPage(
  ctx: DeskContext,
  q: ListTicketsQuery,
): Promise<{ rows: ListedTicket[]; defaults: Record<string, null>; nextCursor: string | undefined }> {
  const order = { orderBy: q.order_by, orderType: q.order_type };
  const after = q.cursor !== undefined ? decodeTicketCursor(q.cursor, order) : null;
  const [found, defaults] = await Promise.all([
    findTickets(ctx, q, after ?? undefined),
    customFieldDefaults(ctx.db, ctx.revisions.ticketFields),
  ]);
  if (q.cursor === undefined) return { rows: found, defaults, nextCursor: undefined };
  // Keyset paging: the extra row only says that a next page exists; the cursor is the last row shown.
  const rows = found.slice(0, q.per_page);
  const last = rows[rows.length - 1];
  const nextCursor =
    found.length > q.per_page && last
      ? encodeTicketCursor({ ...order, value: last.sort_key, id: last.id })
      : undefined;
  return { rows, defaults, nextCursor };
}

/**
 * The ETag of a ticket row as presented. The tally is read after the row, so a conversation added
 * in between makes the ETag stale (a later write gets 412), never newer than what was shown.
 */
export async function ticketETag(ctx: DeskContext, ticket: TicketRow): Promise<string> {
  return versionETag(ticketVersion(ticket, await findConversationTally(ctx.db, ticket.id)));
}

async function findTickets(
  ctx: DeskContext,
  q: ListTicketsQuery,
  after: { value: string; id: number } | undefined,
): Promise<ListedTicket[]> {
  let requesterId = q.requester_id;
  for (const lookup of [
    q.email !== undefined ? findContactByEmail(ctx.db, q.email) : undefined,
    q.unique_external_id !== undefined ? findContactByExternalId(ctx.db, q.unique_external_id) : undefined,
  ]) {
    if (!lookup) continue;
    const contact = await lookup;
    // An unknown requester has no tickets; a conflicting pair of requester filters matches none.
    if (!contact || (requesterId !== undefined && requesterId !== contact.id)) return [];
    requesterId = contact.id;
  }
  // Keyset paging serves the agent views, which show every ticket however old.
  const widened = q.updated_since !== undefined || q.filter !== undefined || q.cursor !== undefined;
  const page = q.page ?? 1;
  return listTickets(
    ctx.db,
    {
      filter: q.filter,
      actorId: ctx.actor.id,
      requesterId,
      companyId: q.company_id,
      createdSince: widened ? undefined : new Date(Date.now() - DEFAULT_WINDOW_MS),
      updatedSince: q.updated_since,
      statuses: q.status,
      priority: q.priority,
      groupId: q.group_id,
      responderId: q.responder_id,
      orderBy: q.order_by,
      orderType: q.order_type,
      after,
      limit: q.per_page + 1,
      offset: q.cursor !== undefined ? 0 : (page - 1) * q.per_page,
    },
    (qb) => applyTicketScope(qb, ctx.actor),
  );
}

type ListedTicket = ListedTicketRow;

/** Presents a page of tickets; embeds are batch-loaded (no query per ticket). */
export async function presentTicketPage(
  ctx: DeskContext,
  rows: ListedTicket[],
  defaults: Record<string, null>,
  include: ListTicketsQuery['include'],
  baseUrl: string,
) {
  const has = (name: 'stats' | 'requester' | 'description') => include?.includes(name) ?? false;
  const requesters = has('requester')
    ? await findRequesters(ctx.db, [...new Set(rows.map((r) => r.requester_id))])
    : undefined;
  const requesterOf = new Map(requesters?.map((r) => [r.id, r]));
  return rows.map((row) =>
    presentTicket(row, {
      customFieldDefaults: defaults,
      attachments: row.attachments,
      baseUrl,
      withDescription: has('description'),
      withStats: has('stats'),
      ...(requesters ? { requester: requesterOf.get(row.requester_id) ?? null } : {}),
    }),
  );
}
