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

export type CsatInterval = 'day' | 'week' | 'month';

// Periods are UTC calendar days, ISO weeks (from Monday) and months whatever the session time
// zone; Kysely has no builder form for date_trunc or the zone cast. Fixed fragments, no input.
const PERIOD_START: Record<CsatInterval, ReturnType<typeof sql<string>>> = {
  day: sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  week: sql<string>`to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
  month: sql<string>`to_char(date_trunc('month', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
};

/** Count and rating sum per UTC period (`date`: the period's first day), oldest first. */
export function csatByPeriod(db: ChatDb, filters: CsatFilters, interval: CsatInterval = 'day') {
  const start = PERIOD_START[interval];
  return filtered(db, filters)
    .select([
      start.as('date'),
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.sum<number>('rating').as('sum'),
    ])
    .groupBy(start)
    .orderBy(start)
    .execute();
}
