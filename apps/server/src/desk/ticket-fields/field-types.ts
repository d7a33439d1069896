/** Ticket field types and the names the tickets API uses for default fields. */

export const CUSTOM_FIELD_TYPES = [
  'custom_text',
  'custom_paragraph',
  'custom_checkbox',
  'custom_number',
  'custom_decimal',
  'custom_date',
  'custom_dropdown',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const DEFAULT_FIELD_TYPES = [
  'default_requester',
  'default_subject',
  'default_ticket_type',
  'default_source',
  'default_status',
  'default_priority',
  'default_group',
  'default_agent',
  'default_product',
  'default_description',
  'default_company',
] as const;

export const FIELD_TYPES = [...DEFAULT_FIELD_TYPES, ...CUSTOM_FIELD_TYPES] as const;

/** Field types whose choices are a plain list of strings an admin may edit. */
export const LIST_CHOICE_TYPES: readonly string[] = ['custom_dropdown', 'default_ticket_type'];

export const isCustomType = (type: string): type is CustomFieldType =>
  (CUSTOM_FIELD_TYPES as readonly string[]).includes(type);

/**
 * The ticket attribute (as the tickets API and its errors name it) behind each default field.
 * The requester has no entry: the tickets module enforces its own one-of identity rule.
 */
export const DEFAULT_FIELD_ATTRIBUTES = {
  default_subject: 'subject',
  default_description: 'description',
  default_status: 'status',
  default_priority: 'priority',
  default_source: 'source',
  default_ticket_type: 'type',
  default_group: 'group_id',
  default_agent: 'responder_id',
  default_company: 'company_id',
  default_product: 'product_id',
} as const;
export type DefaultFieldAttribute = (typeof DEFAULT_FIELD_ATTRIBUTES)[keyof typeof DEFAULT_FIELD_ATTRIBUTES];
