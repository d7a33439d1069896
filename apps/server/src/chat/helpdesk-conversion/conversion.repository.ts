import type { ChatDb, HelpdeskConversionState } from '../db.js';

/* The only Kysely code of the conversion module: mappings, conversions, ticket links. */

const MAPPING_COLUMNS = [
  'ticket_field',
  'attribute',
  'fixed_value',
  'show_field',
  'field_type',
  'field_label',
  'position',
] as const;

export function listFieldMappings(db: ChatDb) {
  return db.selectFrom('helpdesk_field_mappings').select(MAPPING_COLUMNS).orderBy('position').execute();
}

export type FieldMappingRow = Awaited<ReturnType<typeof listFieldMappings>>[number];

export interface NewFieldMapping {
  ticket_field: string;
  attribute: string;
  fixed_value: unknown;
  show_field: boolean;
  field_type: string;
  field_label: string;
}

/** Replaces the whole set (in the caller's transaction). */
export async function replaceFieldMappings(db: ChatDb, mappings: NewFieldMapping[], now: Date) {
  await db.deleteFrom('helpdesk_field_mappings').execute();
  if (mappings.length === 0) return;
  await db
    .insertInto('helpdesk_field_mappings')
    .values(
      mappings.map((m, i) => ({
        ...m,
        fixed_value:
          m.fixed_value === undefined || m.fixed_value === null ? null : JSON.stringify(m.fixed_value),
        position: i + 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

const CONVERSION_COLUMNS = [
  'conversation_id',
  'state',
  'input',
  'requested_by',
  'error',
  'ticket_id',
  'ticket_url',
  'run_at',
  'attempts',
  'created_at',
  'updated_at',
] as const;

export function findConversion(db: ChatDb, conversationId: string) {
  return db
    .selectFrom('helpdesk_conversions')
    .select(CONVERSION_COLUMNS)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

export type ConversionRow = NonNullable<Awaited<ReturnType<typeof findConversion>>>;

/** The conversion row locked until the transaction ends (converts of one conversation serialize). */
export function lockConversion(db: ChatDb, conversationId: string) {
  return db
    .selectFrom('helpdesk_conversions')
    .select(CONVERSION_COLUMNS)
    .where('conversation_id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();
}

export interface ConversionWrite {
  state: HelpdeskConversionState;
  input?: unknown;
  requested_by?: unknown;
  error?: unknown;
  ticket_id?: number | null;
  ticket_url?: string | null;
  run_at?: Date | null;
  /** Counts one more attempt. */
  attempt?: boolean;
}

/** Inserts or updates the conversation's conversion row. */
export function saveConversion(db: ChatDb, conversationId: string, write: ConversionWrite, now: Date) {
  const values = {
    state: write.state,
    ...(write.input !== undefined ? { input: JSON.stringify(write.input) } : {}),
    ...(write.requested_by !== undefined ? { requested_by: JSON.stringify(write.requested_by) } : {}),
    ...(write.error !== undefined
      ? { error: write.error === null ? null : JSON.stringify(write.error) }
      : {}),
    ...(write.ticket_id !== undefined ? { ticket_id: write.ticket_id } : {}),
    ...(write.ticket_url !== undefined ? { ticket_url: write.ticket_url } : {}),
    ...(write.run_at !== undefined ? { run_at: write.run_at } : {}),
    updated_at: now,
  };
  return db
    .insertInto('helpdesk_conversions')
    .values({
      conversation_id: conversationId,
      input: '{}',
      requested_by: '{}',
      ...values,
      attempts: write.attempt ? 1 : 0,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet((eb) => ({
        ...values,
        ...(write.attempt ? { attempts: eb('helpdesk_conversions.attempts', '+', 1) } : {}),
      })),
    )
    .returning(CONVERSION_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Links the conversation to its ticket (the conversation row is locked by the caller). */
export async function linkConversationTicket(
  db: ChatDb,
  conversationId: string,
  ticketId: number,
  url: string,
) {
  await db
    .updateTable('conversations')
    .set({ ticket_id: ticketId, ticket_url: url })
    .where('id', '=', conversationId)
    .execute();
}

/** The conversation's non-private messages, oldest first, for the transcript (at most `limit`). */
export function listTranscriptMessages(db: ChatDb, conversationId: string, limit: number) {
  return db
    .selectFrom('messages')
    .select(['id', 'seq', 'actor_type', 'actor_id', 'message_type', 'message_parts', 'created_at'])
    .where('conversation_id', '=', conversationId)
    .where('message_type', '!=', 'private')
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export type TranscriptMessageRow = Awaited<ReturnType<typeof listTranscriptMessages>>[number];

/** Names and emails of these agents. */
export async function findAgentNames(db: ChatDb, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('agents')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('id', 'in', ids)
    .execute();
}

/** The rating of the conversation's latest resolve, if any. */
export async function findLatestCsatRating(db: ChatDb, conversationId: string) {
  const row = await db
    .selectFrom('csat_responses')
    .select('rating')
    .where('conversation_id', '=', conversationId)
    .orderBy('resolve_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.rating ?? null;
}

/** Conversations linked to a ticket by a conversion finished since `since` (the reply poller's scope). */
export function listLinkedConversations(db: ChatDb, since: Date) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('helpdesk_conversions as h', 'h.conversation_id', 'c.id')
    .select([
      'c.id',
      'c.ticket_id',
      'c.assigned_agent_id',
      'c.resolved_agent_id',
      'h.created_at as converted_at',
    ])
    .where('c.ticket_id', 'is not', null)
    .where('h.state', '=', 'done')
    .where('h.updated_at', '>=', since)
    .execute();
}

/**
 * Whether a job of this queue is waiting or running. The jobs table belongs to platform/jobs; this
 * read only keeps the reply poller single.
 */
export async function hasLiveJob(
  db: ChatDb,
  queue: string,
  statuses: ('pending' | 'running')[] = ['pending', 'running'],
): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('queue', '=', queue)
    .where('status', 'in', statuses)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** An active Chat agent with this email, if any. */
export async function findActiveAgentIdByEmail(db: ChatDb, email: string) {
  const row = await db
    .selectFrom('agents')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('is_deactivated', '=', false)
    .executeTakeFirst();
  return row?.id;
}
