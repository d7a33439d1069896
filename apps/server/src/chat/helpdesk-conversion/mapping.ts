import {
  attributeValue,
  findAttribute,
  fitToField,
  incompatibility,
  type AttributeContext,
  type PropertyDefinition,
} from './attributes.js';
import type { FieldMappingRow } from './conversion.repository.js';
import { kindOf, SELF_DEFAULTED_TYPES, ticketKeyOf, type HelpdeskTicketField } from './ticket-fields.js';

/** A mapping in force: saved by an admin, or one of the defaults for subject, description, requester. */
export interface EffectiveMapping {
  ticket_field: string;
  attribute: string;
  fixed_value: unknown;
  show_field: boolean;
  saved: boolean;
}

/** Defaults by field type, used for a field without a saved mapping. */
const DEFAULTS: Record<string, { attribute: string; show_field: boolean }> = {
  default_requester: { attribute: 'user', show_field: false },
  default_subject: { attribute: 'first_user_message', show_field: true },
  default_description: { attribute: 'transcript', show_field: false },
};

/** The saved mappings plus the defaults for default fields that have none. */
export function effectiveMappings(
  saved: FieldMappingRow[],
  fields: HelpdeskTicketField[],
): EffectiveMapping[] {
  const mappings: EffectiveMapping[] = saved.map((m) => ({
    ticket_field: m.ticket_field,
    attribute: m.attribute,
    fixed_value: m.fixed_value ?? null,
    show_field: m.show_field,
    saved: true,
  }));
  for (const field of fields) {
    const fallback = DEFAULTS[field.type];
    if (fallback && !saved.some((m) => m.ticket_field === field.name))
      mappings.push({ ticket_field: field.name, ...fallback, fixed_value: null, saved: false });
  }
  return mappings;
}

export interface MappingWarning {
  ticket_field: string;
  problem: 'required_unmapped' | 'field_gone' | 'type_changed' | 'incompatible';
  message: string;
}

/**
 * Mapping health (B5): the saved mapping against the helpdesk's live fields. A required field
 * nothing fills, a mapped field that is gone, a mapped field whose type changed (or whose choices
 * no longer fit) each make a later conversion fail, so admins are told first.
 */
export function mappingHealth(
  saved: FieldMappingRow[],
  fields: HelpdeskTicketField[],
  properties: PropertyDefinition[],
): MappingWarning[] {
  const warnings: MappingWarning[] = [];
  const mapped = new Set(effectiveMappings(saved, fields).map((m) => m.ticket_field));
  for (const field of fields) {
    if (!field.required_for_agents || mapped.has(field.name)) continue;
    if (SELF_DEFAULTED_TYPES.has(field.type) || kindOf(field) === 'requester') continue;
    warnings.push({
      ticket_field: field.name,
      problem: 'required_unmapped',
      message: `The helpdesk requires "${field.label}" (${field.name}) on every ticket, and no Chat attribute fills it: conversions will fail until it is mapped.`,
    });
  }
  for (const mapping of saved) {
    const field = fields.find((f) => f.name === mapping.ticket_field);
    if (!field) {
      warnings.push({
        ticket_field: mapping.ticket_field,
        problem: 'field_gone',
        message: `"${mapping.field_label}" (${mapping.ticket_field}) is mapped but no longer exists in the helpdesk: remove it from the mapping.`,
      });
      continue;
    }
    if (field.type !== mapping.field_type) {
      warnings.push({
        ticket_field: field.name,
        problem: 'type_changed',
        message: `"${field.label}" (${field.name}) was a ${mapping.field_type} field when mapped and is now ${field.type}: check that ${mapping.attribute} still fits.`,
      });
      continue;
    }
    const attribute = findAttribute(mapping.attribute, properties);
    const reason =
      'unknown' in attribute ? attribute.unknown : incompatibility(field, attribute, mapping.fixed_value);
    if (reason)
      warnings.push({
        ticket_field: field.name,
        problem: 'incompatible',
        message: `"${field.label}": ${reason}.`,
      });
  }
  return warnings;
}

/** One field of the conversion dialog: its mapping, the value for this conversation, editable or not. */
export interface PlannedField {
  field: HelpdeskTicketField;
  mapping: EffectiveMapping | undefined;
  value: unknown;
  editable: boolean;
  required: boolean;
}

/**
 * The dialog's fields for one conversation: every mapped field that still exists, then the
 * required fields nothing fills (offered to the agent to fill, when Chat can send their kind:
 * a field added in the helpdesk after the mapping was saved must not block every conversion).
 * `edits` (the agent's, for editable fields only) replace mapped values.
 */
export function planFields(
  fields: HelpdeskTicketField[],
  mappings: EffectiveMapping[],
  ctx: AttributeContext,
  edits: Record<string, unknown> = {},
): PlannedField[] {
  const planned: PlannedField[] = [];
  for (const mapping of mappings) {
    const field = fields.find((f) => f.name === mapping.ticket_field);
    if (!field || kindOf(field) === 'source') continue;
    const mappedValue = fitToField(field, attributeValue(mapping.attribute, mapping.fixed_value, ctx), ctx);
    const edited = mapping.show_field && Object.hasOwn(edits, field.name);
    planned.push({
      field,
      mapping,
      value: edited ? fitToField(field, edits[field.name], ctx) : mappedValue,
      editable: mapping.show_field,
      required: field.required_for_agents,
    });
  }
  for (const field of fields) {
    if (planned.some((p) => p.field.name === field.name)) continue;
    if (!field.required_for_agents || SELF_DEFAULTED_TYPES.has(field.type) || kindOf(field) === 'requester')
      continue;
    const editable = kindOf(field) !== 'unsupported';
    const edited = editable && Object.hasOwn(edits, field.name);
    planned.push({
      field,
      mapping: undefined,
      value: edited ? fitToField(field, edits[field.name], ctx) : null,
      editable,
      required: true,
    });
  }
  return planned;
}

/** The requester identity of a create body, from the requester field's value and the user. */
function requesterOf(planned: PlannedField | undefined, ctx: AttributeContext) {
  const user = ctx.user;
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || undefined;
  const attribute = planned?.mapping?.attribute ?? 'user';
  const value = planned?.value;
  const edited = typeof value === 'string' && value !== attributeValue(attribute, null, ctx);
  if (edited) return { ...(value.includes('@') ? { email: value } : { phone: value }), name: name ?? value };
  if (attribute === 'user_email' || (attribute === 'user' && user.email))
    return { email: user.email, ...(name ? { name } : {}) };
  if (attribute === 'user_phone' || (attribute === 'user' && user.phone))
    return { phone: user.phone, name: name ?? user.phone ?? 'Chat user' };
  if (attribute === 'user_reference_id' || (attribute === 'user' && user.reference_id))
    return { unique_external_id: user.reference_id, name: name ?? 'Chat user' };
  // A user Chat knows nothing about: a stable external id so every conversion finds the same contact.
  return { unique_external_id: `chat-user-${ctx.user.id}`, name: name ?? 'Chat user' };
}

/** The tag a ticket made from this conversation carries: how a retry finds it (B2). */
export const conversionTag = (conversationId: string) => `chat-${conversationId.replace(/-/g, '')}`;

/** POST /tickets's body: source 7, requester, mapped values, the conversation's tag. */
export function ticketCreateBody(planned: PlannedField[], ctx: AttributeContext) {
  const body: Record<string, unknown> = { source: 7 };
  const custom: Record<string, unknown> = {};
  for (const p of planned) {
    if (kindOf(p.field) === 'requester' || p.value === null || p.value === undefined) continue;
    const key = ticketKeyOf(p.field);
    if (key.attribute) body[key.attribute] = p.value;
    else if (key.custom) custom[key.custom] = p.value;
  }
  Object.assign(
    body,
    requesterOf(
      planned.find((p) => kindOf(p.field) === 'requester'),
      ctx,
    ),
  );
  if (!body.subject) body.subject = `Chat with ${String(body.name ?? 'a customer')}`;
  if (!body.description) body.description = ctx.transcript;
  if (Object.keys(custom).length) body.custom_fields = custom;
  body.tags = [conversionTag(ctx.conversationId)];
  return body;
}
