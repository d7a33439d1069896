import { sql } from 'kysely';
import type { ChatDb } from '../db.js';

const COLUMNS = [
  'id',
  'conversation_id',
  'resolve_number',
  'rating',
  'comment',
  'agent_id',
  'created_at',
] as const;

export interface NewCsatResponse {
  id: string;
  conversation_id: string;
  resolve_number: number;
  rating: number;
  comment: string | null;
  agent_id: string | null;
}

/** Stores a rating; undefined when this resolve of the conversation was already rated. */
export function insertCsatResponse(db: ChatDb, values: NewCsatResponse, now: Date) {
  return db
    .insertInto('csat_responses')
    .values({ ...values, created_at: now })
    .onConflict((oc) => oc.columns(['conversation_id', 'resolve_number']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

export type CsatResponseRow = NonNullable<Awaited<ReturnType<typeof insertCsatResponse>>>;

export interface CsatFilters {
  from?: Date | undefined;
  to?: Date | undefined;
  agentId?: string | undefined;
}

function filtered(db: ChatDb, filters: CsatFilters) {
  let query = db.selectFrom('csat_responses');
  if (filters.from) query = query.where('created_at', '>=', filters.from);
  if (filters.to) query = query.where('created_at', '<', filters.to);
  if (filters.agentId) query = query.where('agent_id', '=', filters.agentId);
  return query;
}

/** Count and rating sum per rating value (sums keep averages exact until presented). */
export function csatDistribution(db: ChatDb, filters: CsatFilters) {
  return filtered(db, filters)
    .select(['rating', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('rating')
    .execute();
}

/** Count and rating sum per credited agent (null: no agent at the resolve). */
export function csatByAgent(db: ChatDb, filters: CsatFilters) {
  return filtered(db, filters)
    .select([
      'agent_id',
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.sum<number>('rating').as('sum'),
    ])
    .groupBy('agent_id')
    .orderBy('agent_id')
    .execute();
}

/** Count and rating sum per UTC day. */
export function csatByDay(db: ChatDb, filters: CsatFilters) {
  // Days are UTC calendar days whatever the session time zone; no builder form for the cast.
  const day = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  return filtered(db, filters)
    .select([
      day.as('date'),
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.sum<number>('rating').as('sum'),
    ])
    .groupBy(day)
    .orderBy(day)
    .execute();
}
