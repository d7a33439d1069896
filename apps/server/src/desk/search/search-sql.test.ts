import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DeskDB } from '../db.js';
import { CONTACT_SEARCH_CATALOG, ticketSearchCatalog, toSearchFilter } from './search-filter.js';
import { filterSql } from './search.repository.js';

// Compiles without a database: only the generated SQL and its parameters are inspected.
const db = new Kysely<DeskDB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const tickets = ticketSearchCatalog([{ name: 'cf_count', type: 'custom_number' }]);

function compile(expression: string, table: 'tickets' | 'contacts' = 'tickets') {
  const filter = toSearchFilter(expression, table === 'tickets' ? tickets : CONTACT_SEARCH_CATALOG);
  return db.selectFrom(table).select('id').where(filterSql(table, filter)).compile();
}

describe('filterSql', () => {
  it('binds every value as a parameter, never in the SQL text', () => {
    const hostile = "x' OR 1=1; DROP TABLE tickets; --";
    const escaped = hostile.replace(/'/g, "\\'");
    const { sql, parameters } = compile(`type:'${escaped}' OR tag:'${escaped}' OR cf_count:>5`);
    expect(sql).not.toContain('DROP TABLE');
    expect(sql).not.toContain('OR 1=1');
    expect(parameters).toEqual([hostile, hostile, 'cf_count', 'cf_count', 5]);
  });

  it('keeps AND/OR grouping explicit with parentheses', () => {
    const { sql, parameters } = compile('status:2 OR status:3 AND priority:4');
    expect(sql).toBe(
      'select "id" from "tickets" where ("tickets"."status" = cast($1 as bigint) or ("tickets"."status" = cast($2 as bigint) and "tickets"."priority" = cast($3 as bigint)))',
    );
    expect(parameters).toEqual([2, 3, 4]);
  });

  it('turns a date into a half-open UTC day range', () => {
    const { sql, parameters } = compile("created_at:'2026-01-10'");
    expect(sql).toContain('("tickets"."created_at" >= $1 and "tickets"."created_at" < $2)');
    expect(parameters).toEqual([new Date('2026-01-10T00:00:00Z'), new Date('2026-01-11T00:00:00Z')]);
  });

  it('maps agent_id to responder_id and null to IS NULL', () => {
    expect(compile('agent_id:null').sql).toContain('"tickets"."responder_id" is null');
  });

  it('matches contact emails against other_emails too', () => {
    const { sql, parameters } = compile("email:'a@b.c'", 'contacts');
    expect(sql).toContain('unnest("contacts"."other_emails")');
    expect(parameters).toEqual(['a@b.c', 'a@b.c']);
  });
});
