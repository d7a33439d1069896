import { sql } from 'kysely';
import type { ChatDb, ConversationStatus } from '../db.js';
import type { ConversationView } from './conversation.schemas.js';

const CONVERSATION_COLUMNS = [
  'id',
  'site_id',
  'user_id',
  'status',
  'assigned_agent_id',
  'assigned_group_id',
  'properties',
  'last_seq',
  'resolve_count',
  'resolved_at',
  'resolved_agent_id',
  'ticket_id',
  'ticket_url',
  'created_at',
  'updated_at',
] as const;

const MESSAGE_COLUMNS = [
  'id',
  'conversation_id',
  'seq',
  'client_message_id',
  'actor_type',
  'actor_id',
  'message_type',
  'message_parts',
  'message_source',
  'created_at',
] as const;

/** The message columns qualified with the alias `m`, for queries joining messages to others. */
export const MESSAGE_COLUMNS_AS_M = MESSAGE_COLUMNS.map((column) => `m.${column}` as const);

export function findConversationById(db: ChatDb, id: string) {
  return db.selectFrom('conversations').select(CONVERSATION_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversationById>>>;

/** The conversation, its row locked until the transaction ends (updates serialize on it). */
export function lockConversation(db: ChatDb, id: string) {
  return db
    .selectFrom('conversations')
    .select(CONVERSATION_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewConversation {
  id: string;
  site_id: string;
  user_id: string;
  properties: Record<string, unknown>;
}

export function insertConversation(db: ChatDb, values: NewConversation, now: Date) {
  return db
    .insertInto('conversations')
    .values({
      ...values,
      properties: JSON.stringify(values.properties),
      assigned_agent_id: null,
      assigned_group_id: null,
      resolved_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning(CONVERSATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export interface ConversationChanges {
  status?: ConversationStatus;
  assigned_agent_id?: string | null;
  assigned_group_id?: string | null;
  properties?: Record<string, unknown>;
  /** Counts one more resolve and records when and who had it. */
  resolve?: { at: Date; agentId: string | null };
}

export function updateConversationRow(db: ChatDb, id: string, changes: ConversationChanges, now: Date) {
  const { resolve, properties, ...rest } = changes;
  return db
    .updateTable('conversations')
    .set((eb) => ({
      ...rest,
      ...(properties ? { properties: JSON.stringify(properties) } : {}),
      ...(resolve
        ? {
            resolve_count: eb('resolve_count', '+', 1),
            resolved_at: resolve.at,
            resolved_agent_id: resolve.agentId,
          }
        : {}),
      updated_at: now,
    }))
    .where('id', '=', id)
    .returning(CONVERSATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * Takes the conversation's next message sequence number. The UPDATE locks the row until the
 * transaction ends, so concurrent senders to one conversation queue here and get consecutive
 * numbers. Undefined when the conversation does not exist.
 */
export function takeNextSeq(db: ChatDb, conversationId: string, now: Date) {
  return db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: now }))
    .where('id', '=', conversationId)
    .returning(CONVERSATION_COLUMNS)
    .executeTakeFirst();
}

/** Gives back a number taken by takeNextSeq and not used (the lock is still held: no gap). */
export async function giveBackSeq(db: ChatDb, conversationId: string) {
  await db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '-', 1) }))
    .where('id', '=', conversationId)
    .execute();
}

export interface NewMessage {
  id: string;
  conversation_id: string;
  seq: number;
  client_message_id: string | null;
  actor_type: 'user' | 'agent' | 'system';
  actor_id: string | null;
  message_type: 'normal' | 'private' | 'system';
  message_parts: unknown[];
  message_source: string;
}

/**
 * Inserts a message; undefined when the conversation already holds a message with the same
 * client message id (the sender's resend), in which case nothing is stored.
 */
export function insertMessage(db: ChatDb, values: NewMessage, now: Date) {
  return db
    .insertInto('messages')
    .values({ ...values, message_parts: JSON.stringify(values.message_parts), created_at: now })
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'client_message_id'])
        .where('client_message_id', 'is not', null)
        .doNothing(),
    )
    .returning(MESSAGE_COLUMNS)
    .executeTakeFirst();
}

/**
 * The message write in ONE autocommit statement: takes the conversation's next sequence number
 * and stores the message with it, atomically (no explicit transaction, one round trip). A
 * client message id already stored makes the whole statement fail with a unique violation
 * (23505), which undoes the taken number too; the caller answers with the original. Undefined
 * when nothing was written: the conversation is gone, or `unlessResolved` and it is resolved
 * (a user message that must reopen it takes the full path).
 */
export async function insertMessageWithNextSeq(
  db: ChatDb,
  values: Omit<NewMessage, 'seq'>,
  now: Date,
  unlessResolved: boolean,
): Promise<MessageRow | undefined> {
  const result = await sql<MessageRow>`
    WITH taken AS (
      UPDATE conversations SET last_seq = last_seq + 1, updated_at = ${now}
      WHERE id = ${values.conversation_id}${unlessResolved ? sql` AND status <> 'resolved'` : sql``}
      RETURNING id, last_seq
    )
    INSERT INTO messages (id, conversation_id, seq, client_message_id, actor_type, actor_id,
                          message_type, message_parts, message_source, created_at)
    SELECT ${values.id}, taken.id, taken.last_seq, ${values.client_message_id}, ${values.actor_type},
           ${values.actor_id}, ${values.message_type}, ${JSON.stringify(values.message_parts)}::jsonb,
           ${values.message_source}, ${now}
    FROM taken
    RETURNING ${sql.join(MESSAGE_COLUMNS.map((column) => sql.ref(column)))}
  `.execute(db);
  return result.rows[0];
}

/** One message of a batch: its values and whether a resolved conversation must not take it. */
export interface BatchedMessage {
  values: Omit<NewMessage, 'seq'>;
  /** A user message: a resolved conversation is reopened by the full path, not here. */
  unlessResolved: boolean;
}

/**
 * Many messages in ONE autocommit statement (group commit): each conversation takes as many
 * sequence numbers as it has messages here, in one row update, and its messages get them in
 * batch order. The conversations are locked in id order, so two processes' batches cannot
 * deadlock on each other. A conversation that is gone, or resolved while the batch holds a user
 * message for it, takes nothing: its messages are left out of the result (the caller sends them
 * the full way). Any unique violation (a resend's client message id) fails the whole statement,
 * which stores nothing; the caller then stores the messages one by one.
 */
export async function insertMessagesWithNextSeqs(
  db: ChatDb,
  batch: readonly BatchedMessage[],
  now: Date,
): Promise<MessageRow[]> {
  // Raw SQL: Kysely has no builder for jsonb_to_recordset input or a window function feeding an
  // INSERT; the values travel as one jsonb parameter (one round trip whatever the batch size).
  const input = JSON.stringify(
    batch.map(({ values, unlessResolved }, ord) => ({
      ord,
      id: values.id,
      conversation_id: values.conversation_id,
      client_message_id: values.client_message_id,
      actor_type: values.actor_type,
      actor_id: values.actor_id,
      message_type: values.message_type,
      message_parts: values.message_parts,
      message_source: values.message_source,
      unless_resolved: unlessResolved,
    })),
  );
  const result = await sql<MessageRow>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS i(
        ord integer, id uuid, conversation_id uuid, client_message_id text, actor_type text,
        actor_id text, message_type text, message_parts jsonb, message_source text,
        unless_resolved boolean)
    ),
    wanted AS (
      SELECT conversation_id, count(*)::integer AS n, bool_or(unless_resolved) AS unless_resolved
      FROM input GROUP BY conversation_id
    ),
    locked AS MATERIALIZED (
      SELECT c.id FROM conversations c WHERE c.id IN (SELECT conversation_id FROM wanted)
      ORDER BY c.id FOR UPDATE
    ),
    taken AS (
      UPDATE conversations c SET last_seq = c.last_seq + w.n, updated_at = ${now}
      FROM wanted w, locked l
      WHERE c.id = w.conversation_id AND l.id = c.id
        AND (NOT w.unless_resolved OR c.status <> 'resolved')
      RETURNING c.id, c.last_seq, w.n
    )
    INSERT INTO messages (id, conversation_id, seq, client_message_id, actor_type, actor_id,
                          message_type, message_parts, message_source, created_at)
    SELECT i.id, i.conversation_id,
           (t.last_seq - t.n + row_number() OVER (PARTITION BY i.conversation_id ORDER BY i.ord))::integer,
           i.client_message_id, i.actor_type, i.actor_id, i.message_type, i.message_parts,
           i.message_source, ${now}
    FROM input i JOIN taken t ON t.id = i.conversation_id
    RETURNING ${sql.join(MESSAGE_COLUMNS.map((column) => sql.ref(column)))}
  `.execute(db);
  return result.rows;
}

export function findMessageByClientId(db: ChatDb, conversationId: string, clientMessageId: string) {
  return db
    .selectFrom('messages')
    .select(MESSAGE_COLUMNS)
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessageByClientId>>>;

/** Messages after a sequence number, ascending, every type (the agent/API audience). */
export function listMessages(db: ChatDb, conversationId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('messages')
    .select(MESSAGE_COLUMNS)
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * Messages a conversation's user may see: private notes are left out here, in SQL, and the row
 * type cannot hold one (see presentMessageForUser).
 */
export function listMessagesForUser(db: ChatDb, conversationId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('messages')
    .select(MESSAGE_COLUMNS)
    .where('conversation_id', '=', conversationId)
    .where('message_type', '!=', 'private')
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .$narrowType<{ message_type: 'normal' | 'system' }>()
    .execute();
}

export type UserVisibleMessageRow = Awaited<ReturnType<typeof listMessagesForUser>>[number];

export interface ConversationFilters {
  view: ConversationView;
  agentId?: string | undefined;
  groupId?: string | undefined;
  siteId?: string | undefined;
}

/** Where a page starts: the sort key of the last row of the previous page. */
export interface ConversationKey {
  updatedAt: string;
  id: string;
}

/**
 * One page of a view, newest activity first, by keyset on (updated_at, id): stable under
 * inserts, no OFFSET scans. Each row carries its exact sort key for the next cursor.
 */
export function listConversations(
  db: ChatDb,
  filters: ConversationFilters,
  after: ConversationKey | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('conversations')
    // The key travels as PostgreSQL's own text form: a JS Date would drop the microseconds
    // and make the next page repeat or skip rows that share a millisecond.
    .select([...CONVERSATION_COLUMNS, sql<string>`updated_at::text`.as('sort_key')]);
  if (filters.view === 'resolved') query = query.where('status', '=', 'resolved');
  else query = query.where('status', '!=', 'resolved');
  if (filters.view === 'unassigned') query = query.where('assigned_agent_id', 'is', null);
  if (filters.agentId) query = query.where('assigned_agent_id', '=', filters.agentId);
  if (filters.groupId) query = query.where('assigned_group_id', '=', filters.groupId);
  if (filters.siteId) query = query.where('site_id', '=', filters.siteId);
  if (after) {
    // Row comparison: PostgreSQL walks (updated_at, id) as one key.
    query = query.where(
      sql<boolean>`(updated_at, id) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The account's app id (one account per Chat installation); it never changes. */
export async function findAppId(db: ChatDb): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('app_id').limit(1).executeTakeFirst();
  return row?.app_id ?? null;
}
