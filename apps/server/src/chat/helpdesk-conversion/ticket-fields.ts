import { HelpdeskError, type HelpdeskClient } from '../helpdesk/index.js';

/*
 * The helpdesk's ticket fields (GET /ticket_fields) as the mapping sees them: what kind of value
 * each accepts and where that value goes in a ticket create body.
 */

/** A ticket field as the helpdesk lists it (the members the mapping uses). */
export interface HelpdeskTicketField {
  id: number;
  name: string;
  label: string;
  type: string;
  required_for_agents: boolean;
  /** As the helpdesk shows it: a list for dropdowns, a name → value object for status, priority... */
  choices: unknown;
}

/**
 * What a field accepts: `text` ≤ 255 characters, `paragraph` any text, `list` one of its string
 * choices, `choice` one of its name → value choices (status, priority, group, agent), `id` a
 * numeric id (product, company), `unsupported` a type Chat cannot fill (nested fields...).
 */
export type FieldKind =
  | 'requester'
  | 'source'
  | 'text'
  | 'paragraph'
  | 'number'
  | 'decimal'
  | 'checkbox'
  | 'date'
  | 'list'
  | 'choice'
  | 'id'
  | 'unsupported';

const KIND_BY_TYPE: Record<string, FieldKind> = {
  default_requester: 'requester',
  default_source: 'source',
  default_subject: 'text',
  default_description: 'paragraph',
  default_ticket_type: 'list',
  default_status: 'choice',
  default_priority: 'choice',
  default_group: 'choice',
  default_agent: 'choice',
  default_product: 'id',
  default_company: 'id',
  custom_text: 'text',
  custom_paragraph: 'paragraph',
  custom_number: 'number',
  custom_decimal: 'decimal',
  custom_checkbox: 'checkbox',
  custom_date: 'date',
  custom_dropdown: 'list',
};

/** The ticket create attribute behind each default field type (custom fields go in custom_fields). */
const ATTRIBUTE_BY_TYPE: Record<string, string> = {
  default_subject: 'subject',
  default_description: 'description',
  default_ticket_type: 'type',
  default_status: 'status',
  default_priority: 'priority',
  default_group: 'group_id',
  default_agent: 'responder_id',
  default_product: 'product_id',
  default_company: 'company_id',
};

/** Default fields the helpdesk fills itself when nothing is sent (status 2, priority 1, source). */
export const SELF_DEFAULTED_TYPES = new Set(['default_status', 'default_priority', 'default_source']);

export const kindOf = (field: { type: string }): FieldKind => KIND_BY_TYPE[field.type] ?? 'unsupported';

/** Where a field's value goes: a top-level create attribute, or a custom field. */
export function ticketKeyOf(field: { name: string; type: string }): { attribute?: string; custom?: string } {
  const attribute = ATTRIBUTE_BY_TYPE[field.type];
  if (attribute) return { attribute };
  if (field.type.startsWith('custom_') || !field.type.startsWith('default_')) return { custom: field.name };
  return {};
}

/** The field an error on a ticket attribute (`custom_fields.cf_x`, `group_id`, `subject`) names. */
export function fieldOfErrorName(fields: HelpdeskTicketField[], errorField: string) {
  const name = errorField.replace(/^custom_fields\./, '');
  return (
    fields.find((f) => !f.type.startsWith('default_') && f.name === name) ??
    fields.find((f) => ATTRIBUTE_BY_TYPE[f.type] === name) ??
    fields.find((f) => f.name === name)
  );
}

/** A dropdown's string choices ([] for other fields). */
export function listChoicesOf(field: HelpdeskTicketField): string[] {
  return Array.isArray(field.choices) ? field.choices.filter((c): c is string => typeof c === 'string') : [];
}

/**
 * A name → value field's choices as pairs: status `{"2": ["Open", "Open"]}` becomes [Open, 2],
 * priority `{"Low": 1}` becomes [Low, 1], group and agent `{"name": id}` likewise.
 */
export function namedChoicesOf(field: HelpdeskTicketField): { name: string; value: number }[] {
  if (!field.choices || typeof field.choices !== 'object' || Array.isArray(field.choices)) return [];
  const pairs: { name: string; value: number }[] = [];
  for (const [key, value] of Object.entries(field.choices as Record<string, unknown>)) {
    if (typeof value === 'number') pairs.push({ name: key, value });
    else if (Array.isArray(value) && /^\d+$/.test(key))
      pairs.push({ name: String(value[0] ?? key), value: Number(key) });
  }
  return pairs;
}

/** The helpdesk's ticket fields; not_a_helpdesk when it does not answer a list of fields. */
export async function fetchTicketFields(client: HelpdeskClient): Promise<HelpdeskTicketField[]> {
  const data = await client.get<unknown>('/ticket_fields');
  if (!Array.isArray(data))
    throw new HelpdeskError(
      'not_a_helpdesk',
      'GET /ticket_fields did not answer a list: this is not a Freshdesk v2 API.',
    );
  return data
    .filter(
      (f): f is Record<string, unknown> =>
        typeof f === 'object' && f !== null && typeof (f as { name?: unknown }).name === 'string',
    )
    .map((f) => ({
      id: typeof f.id === 'number' ? f.id : 0,
      name: f.name as string,
      label: typeof f.label === 'string' ? f.label : (f.name as string),
      type: typeof f.type === 'string' ? f.type : 'unknown',
      required_for_agents: f.required_for_agents === true,
      choices: f.choices ?? null,
    }));
}
