import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { COMPANY_COLUMNS, type CompanyRow } from '../companies/index.js';
import { CONTACT_COLUMNS, type ContactRow } from '../contacts/index.js';
import type { Actor } from '../context.js';
import type { DeskDb } from '../db.js';
import { applyTicketScope, TICKET_COLUMNS, type TicketExtras, type TicketRow } from '../tickets/index.js';
import type { Condition, SearchFilter } from './search-filter.js';

/** Results per page, fixed by Freshdesk. */
export const SEARCH_PAGE_SIZE = 30;

export interface SearchPage<T> {
  rows: T[];
  total: number;
}

const OPERATORS = { eq: '=', gte: '>=', lte: '<=' } as const;

/**
 * One condition as SQL. Raw `sql` because the column is chosen at run time and the comparisons
 * need JSONB and array operators the typed builder cannot express; every value is a bound
 * parameter, and table/column names come only from the fixed field catalogs.
 */
function conditionSql(table: string, condition: Condition): RawBuilder<SqlBool> {
  const field = condition.field;
  if ('column' in field.source) {
    const col = sql.ref(`${table}.${field.source.column}`);
    if (condition.kind === 'null') {
      if (field.type === 'list') return sql<SqlBool>`cardinality(${col}) = 0`;
      if (field.type === 'text' || field.type === 'email') return sql<SqlBool>`coalesce(${col}, '') = ''`;
      return sql<SqlBool>`${col} is null`;
    }
    if (condition.kind === 'date') {
      const { from, until } = condition.value;
      if (condition.op === 'gte') return sql<SqlBool>`${col} >= ${from}`;
      if (condition.op === 'lte') return sql<SqlBool>`${col} < ${until}`;
      return sql<SqlBool>`(${col} >= ${from} and ${col} < ${until})`;
    }
    const op = sql.raw(OPERATORS[condition.op]);
    const value = condition.value;
    switch (field.type) {
      case 'integer':
        return sql<SqlBool>`${col} ${op} cast(${value} as bigint)`;
      case 'decimal':
        return sql<SqlBool>`${col} ${op} cast(${value} as numeric)`;
      case 'boolean':
        return sql<SqlBool>`${col} = cast(${value} as boolean)`;
      case 'list':
        // Tags and domains match case-insensitively, like the other text fields.
        return sql<SqlBool>`exists (select 1 from unnest(${col}) as item(v) where lower(item.v) = lower(cast(${value} as text)))`;
      case 'email': {
        const others = sql.ref(`${table}.other_emails`);
        return sql<SqlBool>`(lower(${col}) = lower(cast(${value} as text)) or exists (select 1 from unnest(${others}) as item(v) where lower(item.v) = lower(cast(${value} as text))))`;
      }
      default:
        return sql<SqlBool>`lower(${col}) = lower(cast(${value} as text))`;
    }
  }

  const key = field.source.customField;
  const json = sql`${sql.ref(`${table}.custom_fields`)} -> cast(${key} as text)`;
  const text = sql`${sql.ref(`${table}.custom_fields`)} ->> cast(${key} as text)`;
  if (condition.kind === 'null') return sql<SqlBool>`coalesce(${text}, '') = ''`;
  if (condition.kind === 'date') {
    // Custom dates are stored as 'YYYY-MM-DD' (or a full ISO time): compare the day as text.
    const day = sql`left(${text}, 10)`;
    const shaped = sql`${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'`;
    const op = sql.raw(OPERATORS[condition.op]);
    return sql<SqlBool>`(${shaped} and ${day} ${op} cast(${condition.value.day} as text))`;
  }
  const op = sql.raw(OPERATORS[condition.op]);
  switch (field.type) {
    case 'integer':
    case 'decimal':
      // CASE guards the cast: a non-number stored under the key must not abort the query.
      return sql<SqlBool>`(case when jsonb_typeof(${json}) = 'number' then cast(${text} as numeric) end) ${op} cast(${condition.value} as numeric)`;
    case 'boolean':
      // An unset checkbox counts as false, as in Freshdesk.
      return sql<SqlBool>`(case when jsonb_typeof(${json}) = 'boolean' then cast(${text} as boolean) else false end) = cast(${condition.value} as boolean)`;
    default:
      return sql<SqlBool>`lower(${text}) = lower(cast(${condition.value} as text))`;
  }
}

/** A whole filter tree as one SQL boolean expression over `table`. */
export function filterSql(table: string, filter: SearchFilter): Expression<SqlBool> {
  if (filter.kind === 'condition') return conditionSql(table, filter.condition);
  const joiner = filter.kind === 'and' ? sql`and` : sql`or`;
  return sql<SqlBool>`(${filterSql(table, filter.left)} ${joiner} ${filterSql(table, filter.right)})`;
}

const offsetOf = (page: number) => (page - 1) * SEARCH_PAGE_SIZE;

/** Custom ticket fields (name and type), to type `cf_*` terms. */
export function listCustomTicketFields(db: DeskDb): Promise<{ name: string; type: string }[]> {
  return db
    .selectFrom('ticket_fields')
    .select(['name', 'type'])
    .where('is_default', '=', false)
    .orderBy('position')
    .execute();
}

/**
 * Live (not deleted, not spam) tickets matching `filter` within the actor's ticket scope, newest
 * first, and their total count. The scope itself is the tickets policy's SQL twin.
 */
export async function searchTickets(
  db: DeskDb,
  filter: SearchFilter,
  actor: Actor,
  page: number,
): Promise<SearchPage<TicketRow>> {
  const base = applyTicketScope(
    db
      .selectFrom('tickets')
      .where('tickets.deleted', '=', false)
      .where('tickets.spam', '=', false)
      .where(filterSql('tickets', filter)),
    actor,
  );
  const rows = await base
    .select(TICKET_COLUMNS)
    .orderBy('tickets.created_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(SEARCH_PAGE_SIZE)
    .offset(offsetOf(page))
    .execute();
  const { total } = await base.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export type TicketAttachmentRow = NonNullable<TicketExtras['attachments']>[number];

/** The tickets' own attachments (not their conversations'), for presenting search results. */
export function listTicketAttachments(db: DeskDb, ticketIds: number[]): Promise<TicketAttachmentRow[]> {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select([
      'id',
      'ticket_id',
      'conversation_id',
      'name',
      'content_type',
      'size',
      'created_at',
      'updated_at',
    ])
    .where('ticket_id', 'in', ticketIds)
    .where('conversation_id', 'is', null)
    .orderBy('id')
    .execute();
}

/** Customers (not agents, not deleted) matching `filter`, newest first, and their total. */
export async function searchContacts(
  db: DeskDb,
  filter: SearchFilter,
  page: number,
): Promise<SearchPage<ContactRow>> {
  const base = db
    .selectFrom('contacts')
    .where('contacts.deleted', '=', false)
    .where('contacts.is_agent', '=', false)
    .where(filterSql('contacts', filter));
  const rows = await base
    .select(CONTACT_COLUMNS)
    .orderBy('contacts.created_at', 'desc')
    .orderBy('contacts.id', 'desc')
    .limit(SEARCH_PAGE_SIZE)
    .offset(offsetOf(page))
    .execute();
  const { total } = await base.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Companies matching `filter`, newest first, and their total. */
export async function searchCompanies(
  db: DeskDb,
  filter: SearchFilter,
  page: number,
): Promise<SearchPage<CompanyRow>> {
  const base = db.selectFrom('companies').where(filterSql('companies', filter));
  const rows = await base
    .select(COMPANY_COLUMNS)
    .orderBy('companies.created_at', 'desc')
    .orderBy('companies.id', 'desc')
    .limit(SEARCH_PAGE_SIZE)
    .offset(offsetOf(page))
    .execute();
  const { total } = await base.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
