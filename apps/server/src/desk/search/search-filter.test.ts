import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import {
  COMPANY_SEARCH_CATALOG,
  CONTACT_SEARCH_CATALOG,
  parseDay,
  ticketSearchCatalog,
  toSearchFilter,
  type SearchFilter,
} from './search-filter.js';

const tickets = ticketSearchCatalog([
  { name: 'cf_reason', type: 'custom_text' },
  { name: 'cf_count', type: 'custom_number' },
  { name: 'cf_amount', type: 'custom_decimal' },
  { name: 'cf_urgent', type: 'custom_checkbox' },
  { name: 'cf_since', type: 'custom_date' },
]);

function messageOf(expression: string, catalog = tickets): string {
  try {
    toSearchFilter(expression, catalog);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toHaveLength(1);
    expect(error.fieldErrors[0]).toMatchObject({ field: 'query', code: 'invalid_value' });
    return error.fieldErrors[0]!.message;
  }
  throw new Error(`expected ${expression} to fail`);
}

const condition = (filter: SearchFilter) => {
  if (filter.kind !== 'condition') throw new Error('not a condition');
  return filter.condition;
};

describe('toSearchFilter', () => {
  it('maps agent_id to the responder column and tag to the tags array', () => {
    expect(condition(toSearchFilter('agent_id:5', tickets))).toMatchObject({
      kind: 'compare',
      op: 'eq',
      value: 5,
      field: { type: 'integer', source: { column: 'responder_id' } },
    });
    expect(condition(toSearchFilter("tag:'vip'", tickets))).toMatchObject({
      field: { type: 'list', source: { column: 'tags' } },
      value: 'vip',
    });
  });

  it('types custom fields from their definitions', () => {
    expect(condition(toSearchFilter('cf_count:>3', tickets))).toMatchObject({
      op: 'gte',
      field: { type: 'integer', source: { customField: 'cf_count' } },
    });
    expect(condition(toSearchFilter("cf_since:'2026-02-01'", tickets))).toMatchObject({
      kind: 'date',
      field: { type: 'date' },
    });
    expect(messageOf("cf_count:'3'")).toBe("'cf_count' at position 1 expects a number, got '3'");
    expect(messageOf('cf_count:2.5')).toBe("'cf_count' at position 1 expects an integer, got 2.5");
    expect(messageOf("cf_urgent:'yes'")).toBe("'cf_urgent' at position 1 expects true or false, got 'yes'");
    expect(condition(toSearchFilter('cf_amount:<9.5', tickets))).toMatchObject({ op: 'lte', value: 9.5 });
  });

  it('turns dates into UTC day bounds and rejects impossible days', () => {
    expect(condition(toSearchFilter("created_at:>'2026-01-31'", tickets))).toMatchObject({
      kind: 'date',
      op: 'gte',
      value: {
        day: '2026-01-31',
        from: new Date('2026-01-31T00:00:00Z'),
        until: new Date('2026-02-01T00:00:00Z'),
      },
    });
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(messageOf("due_by:'2026-02-30'")).toBe(
      "'due_by' at position 1 expects a date 'YYYY-MM-DD', got '2026-02-30'",
    );
    expect(messageOf('updated_at:>20260101')).toBe(
      "'updated_at' at position 1 expects a date 'YYYY-MM-DD', got 20260101",
    );
  });

  it('accepts null on any field', () => {
    expect(condition(toSearchFilter('group_id:null', tickets))).toMatchObject({ kind: 'null' });
    expect(condition(toSearchFilter('cf_reason:null', tickets))).toMatchObject({ kind: 'null' });
  });

  it('rejects ranges on non-ordered fields', () => {
    expect(messageOf("type:>'A'")).toBe(
      "'type' at position 1 does not support ':>' or ':<'; ranges work on numbers and dates",
    );
  });

  it('names unknown fields and lists the searchable ones', () => {
    expect(messageOf('priority:1 AND subject:2')).toBe(
      "Unknown field 'subject' at position 16; searchable fields are: agent_id, group_id, priority, status, tag, type, due_by, fr_due_by, created_at, updated_at, cf_reason, cf_count, cf_amount, cf_urgent, cf_since",
    );
    expect(messageOf('cf_other:1')).toContain("Unknown field 'cf_other' at position 1");
    expect(messageOf("name:'x'", CONTACT_SEARCH_CATALOG)).toContain(
      "Unknown field 'name' at position 1; searchable fields are: active, company_id, email,",
    );
  });

  it('types contact and company custom fields by their value', () => {
    expect(condition(toSearchFilter('cf_score:>3', CONTACT_SEARCH_CATALOG))).toMatchObject({
      field: { type: 'decimal', source: { customField: 'cf_score' } },
    });
    expect(condition(toSearchFilter("cf_region:'EU'", COMPANY_SEARCH_CATALOG))).toMatchObject({
      field: { type: 'text' },
    });
    expect(condition(toSearchFilter("domain:'acme.com'", COMPANY_SEARCH_CATALOG))).toMatchObject({
      field: { type: 'list', source: { column: 'domains' } },
    });
  });

  it('reports syntax errors as invalid_value on query', () => {
    expect(messageOf('priority:3 AND (status:2')).toBe("Missing ')' for the '(' at position 16");
  });
});
