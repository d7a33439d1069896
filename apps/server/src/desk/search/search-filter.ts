import { fieldError } from '../../platform/http/errors.js';
import { parseQuery, QuerySyntaxError, type QueryNode, type QueryTerm } from './query-parser.js';

/**
 * Turns a parsed search expression into a typed filter for one entity: every field must be
 * searchable on that entity and every value must suit the field's type. The repository compiles
 * the result to SQL with bound parameters.
 */

/** How a field compares: `list` is "array contains", `email` also matches other_emails. */
export type FieldType = 'integer' | 'decimal' | 'boolean' | 'text' | 'date' | 'list' | 'email';

export interface SearchField {
  /** The name used in queries. */
  name: string;
  type: FieldType;
  /** A column of the entity's table, or a key of its `custom_fields` JSONB. */
  source: { column: string } | { customField: string };
}

export interface SearchCatalog {
  fields: Map<string, SearchField>;
  /**
   * Accept `cf_*` names the catalog does not list, typed by their value. Contacts and companies
   * have no field definitions in Desk yet, so their custom fields cannot be checked.
   */
  untypedCustomFields: boolean;
}

export type DateBounds = {
  /** The day as written, `YYYY-MM-DD`. */
  day: string;
  /** 00:00 UTC of that day. */
  from: Date;
  /** 00:00 UTC of the next day (exclusive upper bound). */
  until: Date;
};

export type Condition =
  | { kind: 'null'; field: SearchField }
  /** Ranges (`gte`/`lte`) only ever carry numbers. */
  | { kind: 'compare'; field: SearchField; op: 'eq' | 'gte' | 'lte'; value: string | number | boolean }
  | { kind: 'date'; field: SearchField; op: 'eq' | 'gte' | 'lte'; value: DateBounds };

export type SearchFilter =
  | { kind: 'and' | 'or'; left: SearchFilter; right: SearchFilter }
  | { kind: 'condition'; condition: Condition };

const column = (name: string, type: FieldType, col = name): SearchField => ({
  name,
  type,
  source: { column: col },
});

const catalog = (fields: SearchField[], untypedCustomFields: boolean): SearchCatalog => ({
  fields: new Map(fields.map((f) => [f.name, f])),
  untypedCustomFields,
});

/** Ticket custom field types (ticket_fields.type) → how they compare. */
const CUSTOM_FIELD_TYPES: Record<string, FieldType> = {
  custom_text: 'text',
  custom_paragraph: 'text',
  custom_dropdown: 'text',
  nested_field: 'text',
  custom_number: 'integer',
  custom_decimal: 'decimal',
  custom_checkbox: 'boolean',
  custom_date: 'date',
  custom_date_time: 'date',
};

/** Searchable ticket fields (A14) plus the account's `cf_*` custom fields. */
export function ticketSearchCatalog(customFields: { name: string; type: string }[]): SearchCatalog {
  return catalog(
    [
      column('agent_id', 'integer', 'responder_id'),
      column('group_id', 'integer'),
      column('priority', 'integer'),
      column('status', 'integer'),
      column('tag', 'list', 'tags'),
      column('type', 'text'),
      column('due_by', 'date'),
      column('fr_due_by', 'date'),
      column('created_at', 'date'),
      column('updated_at', 'date'),
      ...customFields.map((f) => ({
        name: f.name,
        type: CUSTOM_FIELD_TYPES[f.type] ?? 'text',
        source: { customField: f.name },
      })),
    ],
    false,
  );
}

/** Searchable contact fields (A14); `cf_*` accepted untyped. */
export const CONTACT_SEARCH_CATALOG = catalog(
  [
    column('active', 'boolean'),
    column('company_id', 'integer'),
    column('email', 'email'),
    column('mobile', 'text'),
    column('phone', 'text'),
    column('tag', 'list', 'tags'),
    column('time_zone', 'text'),
    column('language', 'text'),
    column('twitter_id', 'text'),
    column('created_at', 'date'),
    column('updated_at', 'date'),
  ],
  true,
);

/** Searchable company fields (A14) plus `name` (a Desk convenience); `cf_*` accepted untyped. */
export const COMPANY_SEARCH_CATALOG = catalog(
  [
    column('domain', 'list', 'domains'),
    column('name', 'text'),
    column('created_at', 'date'),
    column('updated_at', 'date'),
  ],
  true,
);

/** A type mismatch or unknown field, reported like a syntax error. */
class QueryTypeError extends QuerySyntaxError {}

// Integers are bound as bigint; larger values cannot match any stored id or number.
const MAX_INTEGER = 2 ** 53 - 1;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function sourceText(term: QueryTerm): string {
  const v = term.value;
  if (v.type === 'string') return `'${v.value}'`;
  if (v.type === 'null') return 'null';
  return String(v.value);
}

function typeError(term: QueryTerm, expected: string): QueryTypeError {
  return new QueryTypeError(
    `'${term.field}' at position ${term.position} expects ${expected}, got ${sourceText(term)}`,
    term.valuePosition,
  );
}

/** `YYYY-MM-DD` → the UTC day's bounds, or undefined when not a real calendar day. */
export function parseDay(text: string): DateBounds | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const from = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== text) return undefined;
  return { day: text, from, until: new Date(from.getTime() + 86_400_000) };
}

/** The field a term names, or an untyped custom field typed by its value. */
function fieldOf(term: QueryTerm, fields: SearchCatalog): SearchField {
  const known = fields.fields.get(term.field);
  if (known) return known;
  if (fields.untypedCustomFields && /^cf_[A-Za-z0-9_]+$/.test(term.field)) {
    const v = term.value;
    const type: FieldType =
      v.type === 'number'
        ? 'decimal'
        : v.type === 'boolean'
          ? 'boolean'
          : v.type === 'string' && term.op !== 'eq'
            ? 'date'
            : 'text';
    return { name: term.field, type, source: { customField: term.field } };
  }
  const names = [...fields.fields.keys()].join(', ');
  throw new QueryTypeError(
    `Unknown field '${term.field}' at position ${term.position}; searchable fields are: ${names}${fields.untypedCustomFields ? ', cf_*' : ''}`,
    term.position,
  );
}

function conditionOf(term: QueryTerm, fields: SearchCatalog): Condition {
  const field = fieldOf(term, fields);
  const { value, op } = term;
  if (value.type === 'null') return { kind: 'null', field };
  switch (field.type) {
    case 'integer':
    case 'decimal': {
      if (value.type !== 'number') throw typeError(term, 'a number');
      if (field.type === 'integer' && !Number.isInteger(value.value)) throw typeError(term, 'an integer');
      if (Math.abs(value.value) > MAX_INTEGER) throw typeError(term, 'a number of at most 15 digits');
      return { kind: 'compare', field, op, value: value.value };
    }
    case 'date': {
      const day = value.type === 'string' ? parseDay(value.value) : undefined;
      if (!day) throw typeError(term, "a date 'YYYY-MM-DD'");
      return { kind: 'date', field, op, value: day };
    }
    case 'boolean':
      if (op !== 'eq') throw rangeError(term);
      if (value.type !== 'boolean') throw typeError(term, 'true or false');
      return { kind: 'compare', field, op, value: value.value };
    case 'text':
    case 'email':
    case 'list':
      if (op !== 'eq') throw rangeError(term);
      if (value.type !== 'string') throw typeError(term, 'a string in single quotes');
      return { kind: 'compare', field, op, value: value.value };
  }
}

function rangeError(term: QueryTerm): QueryTypeError {
  return new QueryTypeError(
    `'${term.field}' at position ${term.position} does not support ':>' or ':<'; ranges work on numbers and dates`,
    term.position,
  );
}

function resolve(node: QueryNode, fields: SearchCatalog): SearchFilter {
  if (node.kind === 'term') return { kind: 'condition', condition: conditionOf(node, fields) };
  return { kind: node.kind, left: resolve(node.left, fields), right: resolve(node.right, fields) };
}

/**
 * Parses and type-checks a search expression (without its surrounding double quotes) against an
 * entity's fields. Throws 400 `invalid_value` on `query` with a message naming the position.
 */
export function toSearchFilter(expression: string, fields: SearchCatalog): SearchFilter {
  try {
    return resolve(parseQuery(expression), fields);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw fieldError('query', 'invalid_value', error.message);
    throw error;
  }
}
