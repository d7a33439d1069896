import type { UserPropertyType } from '../db.js';
import { kindOf, listChoicesOf, namedChoicesOf, type HelpdeskTicketField } from './ticket-fields.js';

/*
 * The Chat attributes a ticket field can be filled from (I2), which field kinds each may fill,
 * and the value each takes for one conversation.
 */

/** The kind of value an attribute yields. */
export type AttributeType =
  'user' | 'text' | 'long_text' | 'number' | 'boolean' | 'date' | 'dropdown' | 'agent' | 'group' | 'fixed';

export interface ChatAttribute {
  attribute: string;
  label: string;
  type: AttributeType;
  /** A dropdown property's options. */
  choices?: string[];
}

const BUILT_IN: ChatAttribute[] = [
  { attribute: 'user', label: "The conversation's user (requester only)", type: 'user' },
  { attribute: 'user_first_name', label: "User's first name", type: 'text' },
  { attribute: 'user_last_name', label: "User's last name", type: 'text' },
  { attribute: 'user_full_name', label: "User's full name", type: 'text' },
  { attribute: 'user_email', label: "User's email", type: 'text' },
  { attribute: 'user_phone', label: "User's phone", type: 'text' },
  { attribute: 'user_reference_id', label: "User's external id", type: 'text' },
  { attribute: 'conversation_id', label: 'Conversation id', type: 'text' },
  { attribute: 'conversation_url', label: 'Link to the conversation', type: 'text' },
  { attribute: 'site_id', label: 'Site', type: 'text' },
  { attribute: 'assigned_agent', label: 'Assigned agent (name)', type: 'agent' },
  { attribute: 'assigned_group', label: 'Assigned group (name)', type: 'group' },
  { attribute: 'transcript', label: 'Conversation transcript (HTML)', type: 'long_text' },
  { attribute: 'csat_rating', label: 'CSAT rating (1–5)', type: 'number' },
  { attribute: 'first_user_message', label: "The user's first message", type: 'text' },
  { attribute: 'fixed', label: 'A fixed value (fixed_value)', type: 'fixed' },
];

const PROPERTY_PREFIX = 'user_property:';

export interface PropertyDefinition {
  name: string;
  label: string;
  type: UserPropertyType;
  choices: string[];
}

/** Every attribute Chat offers, user properties included (each with its declared type). */
export function chatAttributes(properties: PropertyDefinition[]): ChatAttribute[] {
  return [
    ...BUILT_IN,
    ...properties.map((p) => ({
      attribute: `${PROPERTY_PREFIX}${p.name}`,
      label: `User property: ${p.label}`,
      type: p.type === 'text' ? ('text' as const) : p.type,
      ...(p.type === 'dropdown' ? { choices: p.choices } : {}),
    })),
  ];
}

/** The attribute's definition, or a reason it is unknown. */
export function findAttribute(
  attribute: string,
  properties: PropertyDefinition[],
): ChatAttribute | { unknown: string } {
  if (attribute.startsWith(PROPERTY_PREFIX)) {
    const name = attribute.slice(PROPERTY_PREFIX.length);
    const found = chatAttributes(properties).find((a) => a.attribute === attribute);
    return (
      found ?? {
        unknown: `There is no user property named "${name}" (declare it under User properties first)`,
      }
    );
  }
  return (
    BUILT_IN.find((a) => a.attribute === attribute) ?? {
      unknown: `"${attribute}" is not a Chat attribute; see the attributes listed by GET /v2/integrations/helpdesk/ticket-fields`,
    }
  );
}

const describe: Record<AttributeType, string> = {
  user: "the conversation's user",
  text: 'text',
  long_text: 'the transcript (long HTML)',
  number: 'a number',
  boolean: 'a yes/no value',
  date: 'a date',
  dropdown: 'a dropdown value',
  agent: 'an agent name',
  group: 'a group name',
  fixed: 'a fixed value',
};

const isDate = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** Why a fixed value cannot fill the field, or undefined when it can. */
export function fixedValueProblem(field: HelpdeskTicketField, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return 'A fixed value needs fixed_value';
  const kind = kindOf(field);
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.length <= 255
        ? undefined
        : 'It should be text of at most 255 characters';
    case 'paragraph':
      return typeof value === 'string' ? undefined : 'It should be text';
    case 'number':
      return Number.isInteger(value)
        ? undefined
        : `"${String(value)}" is not a whole number, and ${field.label} is a number field`;
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `"${String(value)}" is not a number, and ${field.label} is a decimal field`;
    case 'checkbox':
      return typeof value === 'boolean'
        ? undefined
        : `${field.label} is a checkbox: the fixed value should be true or false`;
    case 'date':
      return isDate(value)
        ? undefined
        : `${field.label} is a date field: the fixed value should be YYYY-MM-DD`;
    case 'list': {
      const choices = listChoicesOf(field);
      return typeof value === 'string' && choices.includes(value)
        ? undefined
        : `"${String(value)}" is not one of ${field.label}'s choices: ${choices.join(', ')}`;
    }
    case 'choice': {
      const choices = namedChoicesOf(field);
      return choices.some((c) => c.value === value || c.name === value)
        ? undefined
        : `"${String(value)}" is not one of ${field.label}'s choices: ${choices.map((c) => `${c.name} (${c.value})`).join(', ')}`;
    }
    case 'id':
      return Number.isInteger(value) && (value as number) > 0
        ? undefined
        : `${field.label} takes a numeric id`;
    case 'requester':
      return "The requester is the conversation's user: map it to user, user_email, user_phone or user_reference_id";
    case 'source':
      return 'Chat always creates tickets with source 7 (Chat)';
    default:
      return `Chat cannot fill ${field.label} (type ${field.type})`;
  }
}

/**
 * Why this attribute cannot fill this field (the reason an admin is shown when saving), or
 * undefined when the pair is compatible.
 */
export function incompatibility(
  field: HelpdeskTicketField,
  attribute: ChatAttribute,
  fixedValue: unknown,
): string | undefined {
  const kind = kindOf(field);
  const type = attribute.type;
  if (kind === 'source')
    return 'Chat always creates tickets with source 7 (Chat); this field cannot be mapped';
  if (kind === 'requester')
    return ['user', 'user_email', 'user_phone', 'user_reference_id'].includes(attribute.attribute)
      ? undefined
      : "The requester is the conversation's user: map it to user, user_email, user_phone or user_reference_id";
  if (type === 'user') return "The conversation's user can only be the requester";
  if (type === 'fixed') return fixedValueProblem(field, fixedValue);
  const cannot = `${describe[type]} (${attribute.attribute}) cannot fill ${field.label}, a ${field.type.replace(/^(custom|default)_/, '')} field`;
  switch (kind) {
    case 'text':
      return type === 'long_text'
        ? `${cannot}: it holds at most 255 characters; map the transcript to a paragraph field or the description`
        : undefined;
    case 'paragraph':
      return undefined;
    case 'number':
    case 'decimal':
      return type === 'number' ? undefined : `${cannot}: only a number property or the CSAT rating fits`;
    case 'checkbox':
      return type === 'boolean' ? undefined : `${cannot}: only a yes/no (boolean) property fits`;
    case 'date':
      return type === 'date' ? undefined : `${cannot}: only a date property fits`;
    case 'list': {
      if (type !== 'dropdown')
        return `${cannot}: free text may not be one of its choices (${listChoicesOf(field).join(', ')}); map a dropdown property whose options are all choices of the field, or a fixed value`;
      const choices = listChoicesOf(field);
      const missing = (attribute.choices ?? []).filter((c) => !choices.includes(c));
      return missing.length
        ? `${cannot}: the property's options ${missing.map((m) => `"${m}"`).join(', ')} are not choices of ${field.label} (${choices.join(', ')})`
        : undefined;
    }
    case 'choice':
      if (field.type === 'default_group')
        return type === 'group' ? undefined : `${cannot}: map the assigned group or a fixed group`;
      if (field.type === 'default_agent')
        return type === 'agent' ? undefined : `${cannot}: map the assigned agent or a fixed agent`;
      return `${cannot}: only a fixed value (one of its choices) fits`;
    case 'id':
      return `${cannot}: only a fixed id fits`;
    default:
      return `Chat cannot fill ${field.label} (type ${field.type})`;
  }
}

/** What an attribute is worth for one conversation (before fitting it to a field). */
export interface AttributeContext {
  user: {
    id: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    phone: string | null;
    reference_id: string | null;
    properties: Record<string, unknown>;
  };
  conversationId: string;
  conversationUrl: string;
  siteId: string;
  agentName: string | null;
  agentEmail: string | null;
  groupName: string | null;
  transcript: string;
  csatRating: number | null;
  firstUserMessage: string | null;
}

export const fullNameOf = (user: { first_name: string | null; last_name: string | null }) =>
  [user.first_name, user.last_name].filter(Boolean).join(' ') || null;

export function attributeValue(attribute: string, fixedValue: unknown, ctx: AttributeContext): unknown {
  if (attribute.startsWith(PROPERTY_PREFIX))
    return ctx.user.properties[attribute.slice(PROPERTY_PREFIX.length)] ?? null;
  switch (attribute) {
    case 'user':
      return ctx.user.email ?? ctx.user.phone ?? ctx.user.reference_id ?? fullNameOf(ctx.user);
    case 'user_first_name':
      return ctx.user.first_name;
    case 'user_last_name':
      return ctx.user.last_name;
    case 'user_full_name':
      return fullNameOf(ctx.user);
    case 'user_email':
      return ctx.user.email;
    case 'user_phone':
      return ctx.user.phone;
    case 'user_reference_id':
      return ctx.user.reference_id;
    case 'conversation_id':
      return ctx.conversationId;
    case 'conversation_url':
      return ctx.conversationUrl;
    case 'site_id':
      return ctx.siteId;
    case 'assigned_agent':
      return ctx.agentName;
    case 'assigned_group':
      return ctx.groupName;
    case 'transcript':
      return ctx.transcript;
    case 'csat_rating':
      return ctx.csatRating;
    case 'first_user_message':
      return ctx.firstUserMessage;
    case 'fixed':
      return fixedValue ?? null;
    default:
      return null;
  }
}

/**
 * A value in the field's terms (what the ticket create body carries): text cut to 255
 * characters, names of status/priority/group/agent turned into their ids; null when empty or
 * when it does not fit (an agent who is not a helpdesk agent).
 */
export function fitToField(field: HelpdeskTicketField, value: unknown, ctx?: AttributeContext): unknown {
  if (value === undefined || value === null || value === '') return null;
  switch (kindOf(field)) {
    case 'text':
      return String(value).replace(/\s+/g, ' ').trim().slice(0, 255) || null;
    case 'paragraph':
      return String(value);
    case 'number':
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : value;
    }
    case 'checkbox':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'choice': {
      if (typeof value === 'number') return value;
      const choices = namedChoicesOf(field);
      const wanted = String(value).toLowerCase();
      const byName = choices.find((c) => c.name.toLowerCase() === wanted);
      if (byName) return byName.value;
      // An agent is also recognised by the email Chat knows.
      const email = ctx?.agentEmail?.toLowerCase();
      return (email && choices.find((c) => c.name.toLowerCase() === email)?.value) ?? null;
    }
    default:
      return value;
  }
}
