import type { FieldError } from '../../platform/http/errors.js';
import type { DeskDb } from '../db.js';
import { DEFAULT_FIELD_ATTRIBUTES } from './field-types.js';
import { loadFieldRules } from './field-rules-cache.js';
import type { FieldRuleRow } from './ticket-field.repository.js';

/*
 * Freshness: the rules come from field-rules-cache.ts, which serves them from memory only while
 * the request's `ticket_fields` revision (read with its auth query) is current, and reads them
 * fresh inside transactions or when no revision is given. An admin adding a required field makes
 * the very next ticket create fail, in this process or any other.
 */

/** What a ticket write looks like to the field rules. */
export interface TicketFieldCheckInput {
  /** Who writes: agents (API) obey `required_for_agents`, portal customers `required_for_customers`. */
  audience: 'agent' | 'customer';
  /** True on create: required fields must be present. On update only fields being cleared matter. */
  isCreate: boolean;
  /** The ticket's default-field values after this write (request merged over the stored ticket). */
  values: {
    subject?: string | null;
    description?: string | null;
    status?: number | null;
    priority?: number | null;
    type?: string | null;
    source?: number | null;
    group_id?: number | null;
    responder_id?: number | null;
    company_id?: number | null;
    product_id?: number | null;
  };
  /** `custom_fields` exactly as sent in this request (undefined when not sent). */
  customFields: Record<string, unknown> | undefined;
  /** Stored custom field values (empty on create). */
  existingCustomFields: Record<string, unknown>;
  /** The `ticket_fields` revision the request saw (`ctx.revisions.ticketFields`): allows the cache. */
  fieldsRevision?: number;
}

export interface TicketFieldCheckResult {
  /** Field-level errors, named as the API names them (`subject`, `custom_fields.cf_reason`). */
  errors: FieldError[];
  /** Custom field values to store: existing merged with the validated, normalized request values. */
  customFields: Record<string, unknown>;
}

type Verdict = { ok: true; value: unknown } | { ok: false; error: Omit<FieldError, 'field'> };

/** Freshdesk's names for JSON types in `datatype_mismatch` messages. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Decimal';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'string') return 'String';
  return 'key/value pair';
}

const mismatchError = (value: unknown, expected: string): Omit<FieldError, 'field'> => ({
  code: 'datatype_mismatch',
  message: `Value set is of type ${jsonTypeOf(value)}.It should be a/an ${expected}`,
});
const mismatch = (value: unknown, expected: string): Verdict => ({
  ok: false,
  error: mismatchError(value, expected),
});
const invalid = (message: string): Verdict => ({ ok: false, error: { code: 'invalid_value', message } });
const oneOf = (choices: readonly unknown[]) => `It should be one of these values: '${choices.join(',')}'`;

const listChoices = (field: FieldRuleRow): string[] =>
  Array.isArray(field.choices) ? (field.choices as string[]) : [];

function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const TEXT_MAX = 255;

/**
 * Checks one custom value against its field's type and returns the value to store. `null`
 * clears; an empty string clears string-typed fields too (forms send "" for "nothing chosen").
 */
function checkCustomValue(field: FieldRuleRow, value: unknown): Verdict {
  if (value === null) return { ok: true, value: null };
  const blank = typeof value === 'string' && value.trim() === '';
  switch (field.type) {
    case 'custom_text':
      if (typeof value !== 'string') return mismatch(value, 'String');
      if (blank) return { ok: true, value: null };
      if (value.length > TEXT_MAX)
        return invalid(`Has ${value.length} characters, it can have maximum of ${TEXT_MAX} characters`);
      return { ok: true, value };
    case 'custom_paragraph':
      if (typeof value !== 'string') return mismatch(value, 'String');
      return { ok: true, value: blank ? null : value };
    case 'custom_checkbox':
      return typeof value === 'boolean' ? { ok: true, value } : mismatch(value, 'Boolean');
    case 'custom_number':
      if (typeof value !== 'number' || !Number.isInteger(value)) return mismatch(value, 'Integer');
      if (!Number.isSafeInteger(value))
        return invalid('It should be an Integer between -9007199254740991 and 9007199254740991');
      return { ok: true, value };
    case 'custom_decimal':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : mismatch(value, 'Number');
    case 'custom_date':
      if (typeof value !== 'string') return mismatch(value, 'Date');
      if (blank) return { ok: true, value: null };
      return isValidDate(value) ? { ok: true, value } : invalid("It should be in the 'yyyy-mm-dd' format");
    case 'custom_dropdown': {
      if (typeof value !== 'string') return mismatch(value, 'String');
      if (blank) return { ok: true, value: null };
      const choices = listChoices(field);
      return choices.includes(value) ? { ok: true, value } : invalid(oneOf(choices));
    }
    default:
      // A type this code does not know (a newer migration): store as sent rather than reject.
      return { ok: true, value };
  }
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The `missing_field` message: what the field expects, in Freshdesk's wording. */
function missingMessage(field: FieldRuleRow): string {
  switch (field.type) {
    case 'default_subject':
    case 'default_description':
    case 'custom_text':
    case 'custom_paragraph':
      return 'It should be a/an String';
    case 'custom_number':
      return 'It should be a/an Integer';
    case 'custom_decimal':
      return 'It should be a/an Number';
    case 'custom_checkbox':
      return 'It should be a/an Boolean';
    case 'custom_date':
      return "It should be a/an Date in the 'yyyy-mm-dd' format";
    case 'custom_dropdown':
    case 'default_ticket_type':
      return oneOf(listChoices(field));
    case 'default_status':
      return oneOf(Object.keys((field.choices ?? {}) as object));
    case 'default_priority':
    case 'default_source':
      return oneOf(Object.values((field.choices ?? {}) as Record<string, number>).sort((a, b) => a - b));
    default:
      return 'It should be a/an Positive Integer';
  }
}

/**
 * Validates a ticket write against the account's ticket fields: custom field keys, types and
 * choices; `type` against the ticket type choices; `required_for_agents` (audience `agent`) or
 * `required_for_customers` (audience `customer`); and `required_for_closure` whenever the
 * resulting status is 4 (resolved) or 5 (closed). Customers may only set custom fields flagged
 * `customers_can_edit`. On update a required default field counts as cleared when `values`
 * holds it as null/blank (undefined means "not known", never an error outside closure), a
 * required custom field when this request sends it as null/blank. Checkbox `false` is a value.
 */
export async function checkTicketFields(
  db: DeskDb,
  input: TicketFieldCheckInput,
): Promise<TicketFieldCheckResult> {
  const fields = await loadFieldRules(db, input.fieldsRevision);
  const errors: FieldError[] = [];
  const customs = new Map(fields.filter((f) => !f.is_default).map((f) => [f.name, f]));

  // Stored values of fields that no longer exist are dropped, so they cannot resurface.
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input.existingCustomFields)) {
    if (customs.has(name)) merged[name] = value;
  }

  const sent = input.customFields;
  const invalidCustom = new Set<string>();
  if (sent !== undefined && (sent === null || typeof sent !== 'object' || Array.isArray(sent))) {
    errors.push({ field: 'custom_fields', ...mismatchError(sent, 'key/value pair') });
  } else if (sent !== undefined) {
    for (const [name, value] of Object.entries(sent)) {
      const field = customs.get(name);
      if (!field || (input.audience === 'customer' && !field.customers_can_edit)) {
        errors.push({
          field: `custom_fields.${name}`,
          code: 'invalid_field',
          message: 'Unexpected/invalid field in request',
        });
        invalidCustom.add(name);
        continue;
      }
      const verdict = checkCustomValue(field, value);
      if (!verdict.ok) {
        errors.push({ field: `custom_fields.${name}`, ...verdict.error });
        invalidCustom.add(name);
        continue;
      }
      merged[name] = verdict.value;
    }
  }
  const sentObject = sent !== null && typeof sent === 'object' && !Array.isArray(sent) ? sent : {};

  const ticketType = fields.find((f) => f.type === 'default_ticket_type');
  const type = input.values.type;
  if (
    ticketType &&
    typeof type === 'string' &&
    type.trim() !== '' &&
    !listChoices(ticketType).includes(type)
  ) {
    errors.push({ field: 'type', code: 'invalid_value', message: oneOf(listChoices(ticketType)) });
  }

  const required = input.audience === 'agent' ? 'required_for_agents' : 'required_for_customers';
  const closing = input.values.status === 4 || input.values.status === 5;
  const reported = new Set(errors.map((e) => e.field));
  for (const field of fields) {
    let attribute: string;
    let value: unknown;
    let cleared: boolean;
    if (field.is_default) {
      const name = DEFAULT_FIELD_ATTRIBUTES[field.type as keyof typeof DEFAULT_FIELD_ATTRIBUTES];
      if (name === undefined) continue; // the requester: the tickets module owns its one-of rule
      attribute = name;
      value = input.values[name];
      cleared = value !== undefined && isEmpty(value);
    } else {
      if (invalidCustom.has(field.name)) continue;
      attribute = `custom_fields.${field.name}`;
      value = merged[field.name];
      cleared = Object.hasOwn(sentObject, field.name) && isEmpty(value);
    }
    if (reported.has(attribute) || !isEmpty(value)) continue;
    const missing =
      (field[required] && (input.isCreate || cleared)) || (closing && field.required_for_closure);
    if (missing) {
      errors.push({ field: attribute, code: 'missing_field', message: missingMessage(field) });
      reported.add(attribute);
    }
  }

  return { errors, customFields: merged };
}

/**
 * Every custom ticket field name mapped to null, so presenters can show unset custom fields as
 * `null` the way Freshdesk does. From memory while `revision` is current (see the note above).
 */
export async function customFieldDefaults(db: DeskDb, revision?: number): Promise<Record<string, null>> {
  const rules = await loadFieldRules(db, revision);
  return Object.fromEntries(rules.filter((r) => !r.is_default).map((r) => [r.name, null]));
}
