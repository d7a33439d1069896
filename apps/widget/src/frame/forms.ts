import type { WidgetUserFields } from '@tandem/protocol';
import { localTextOf, pickText, type LocalText, type StringKey } from './i18n.js';

/** The widget user as `GET/PUT /v2/widget/me` answers. */
export interface WidgetUser {
  id: string;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  avatar?: { url: string | null };
  properties: { name: string; value: unknown }[];
  created_time?: string;
}

/** The body of `PUT /v2/widget/me` (and of a session's `user`). */
export interface MeBody {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  properties?: { name: string; value: unknown }[];
}

export type PropertyType = 'text' | 'number' | 'boolean' | 'date' | 'dropdown';

export interface PrechatField {
  /** `first_name`, `last_name`, `email`, `phone`, or a custom property `cf_…`. */
  name: string;
  /** The site's label, one for all languages or per language. */
  label?: LocalText;
  required: boolean;
  /** `cf_` fields: the declared property (how to render and type the answer). */
  property?: { type: PropertyType; label?: string; choices: string[] };
}

export interface PrechatConfig {
  enabled: boolean;
  fields: PrechatField[];
  /** The site's text above the form (per language); absent: the widget's own. */
  message?: LocalText;
}

const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];
const isContactField = (name: string): name is ContactField =>
  (CONTACT_FIELDS as readonly string[]).includes(name);
const PROPERTY = /^cf_[a-z0-9_]{1,60}$/i;
const PROPERTY_TYPES: readonly string[] = ['text', 'number', 'boolean', 'date', 'dropdown'];

const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function propertyOf(value: unknown): PrechatField['property'] {
  const raw = (value ?? {}) as { type?: unknown; label?: unknown; choices?: unknown };
  const choices = Array.isArray(raw.choices)
    ? raw.choices.filter((c): c is string => typeof c === 'string' && c !== '')
    : [];
  // Unknown types, and a dropdown without choices, take text (the server checks the value).
  let type = typeof raw.type === 'string' && PROPERTY_TYPES.includes(raw.type) ? raw.type : 'text';
  if (type === 'dropdown' && !choices.length) type = 'text';
  const label = trimmed(raw.label);
  return {
    type: type as PropertyType,
    ...(label ? { label } : {}),
    choices: type === 'dropdown' ? choices : [],
  };
}

/**
 * The pre-chat form a site configured (`settings.prechat` from the widget bootstrap), or
 * undefined when it is off, absent or unreadable. Unknown field names are left out.
 */
export function prechatConfigOf(settings: unknown): PrechatConfig | undefined {
  const prechat = (settings as { prechat?: unknown } | null | undefined)?.prechat as
    { enabled?: unknown; fields?: unknown; message?: unknown } | undefined;
  if (!prechat || prechat.enabled !== true || !Array.isArray(prechat.fields)) return undefined;
  const fields: PrechatField[] = [];
  for (const raw of prechat.fields as unknown[]) {
    const field = raw as { name?: unknown; label?: unknown; required?: unknown; property?: unknown };
    if (typeof field?.name !== 'string') continue;
    const contact = isContactField(field.name);
    if (!contact && !PROPERTY.test(field.name)) continue;
    if (fields.some((f) => f.name === field.name)) continue;
    const label = localTextOf(field.label);
    fields.push({
      name: field.name,
      ...(label ? { label } : {}),
      required: field.required === true,
      ...(contact ? {} : { property: propertyOf(field.property) }),
    });
  }
  const message = localTextOf(prechat.message);
  return fields.length ? { enabled: true, fields, ...(message ? { message } : {}) } : undefined;
}

/**
 * A field's label in `locale`: the site's (its text for the locale, else English), else the
 * property's label; undefined leaves it to the widget's own.
 */
export const fieldLabel = (field: PrechatField, locale: string) =>
  pickText(field.label, locale) ?? field.property?.label;

export type FieldInput =
  | { kind: 'input'; type: string; autocomplete: string }
  | { kind: 'checkbox' }
  | { kind: 'select'; choices: string[] };

const CONTACT_INPUT: Record<ContactField, FieldInput> = {
  first_name: { kind: 'input', type: 'text', autocomplete: 'given-name' },
  last_name: { kind: 'input', type: 'text', autocomplete: 'family-name' },
  email: { kind: 'input', type: 'email', autocomplete: 'email' },
  phone: { kind: 'input', type: 'tel', autocomplete: 'tel' },
};

/** The control a field is rendered with, from its name or its property's type. */
export function inputOf(field: PrechatField): FieldInput {
  if (isContactField(field.name)) return CONTACT_INPUT[field.name];
  switch (field.property?.type) {
    case 'dropdown':
      return { kind: 'select', choices: field.property.choices };
    case 'boolean':
      return { kind: 'checkbox' };
    case 'number':
      return { kind: 'input', type: 'number', autocomplete: 'off' };
    case 'date':
      return { kind: 'input', type: 'date', autocomplete: 'off' };
    default:
      return { kind: 'input', type: 'text', autocomplete: 'off' };
  }
}

// Deliberately loose (the server has the final word): something@something.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{4,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isEmail = (value: string) => value.length <= 255 && EMAIL.test(value);

/** The error (a string key) of one value, or undefined. */
export function fieldProblem(name: string, value: string, required: boolean): StringKey | undefined {
  const text = value.trim();
  if (!text) return required ? 'required' : undefined;
  if (name === 'email' && !isEmail(text)) return 'invalidEmail';
  if (name === 'phone' && !PHONE.test(text)) return 'invalidPhone';
  return undefined;
}

/** The problem of a custom property's value (form text, 'true' for a ticked box), or undefined. */
function propertyProblem(field: PrechatField, text: string): StringKey | undefined {
  const type = field.property?.type;
  if (type === 'boolean') return field.required && text !== 'true' ? 'required' : undefined;
  if (!text) return field.required ? 'required' : undefined;
  if (type === 'number' && !Number.isFinite(Number(text))) return 'invalidNumber';
  if (type === 'date' && !DATE.test(text)) return 'invalidDate';
  return undefined;
}

/** Client-side check of the form: the error key of each field that has one. */
export function validateFields(fields: readonly PrechatField[], values: Record<string, string>) {
  const errors: Record<string, StringKey> = {};
  for (const field of fields) {
    const value = values[field.name] ?? '';
    const problem = field.property
      ? propertyProblem(field, value.trim())
      : fieldProblem(field.name, value, field.required);
    if (problem) errors[field.name] = problem;
  }
  return errors;
}

/**
 * A custom property's form text as the JSON value its type takes: a number, true/false (a box
 * not ticked is false), else the text; undefined for a blank one.
 */
export function propertyValueOf(field: PrechatField, text: string): unknown {
  const type = field.property?.type;
  if (type === 'boolean') return text === 'true';
  if (!text) return undefined;
  return type === 'number' ? Number(text) : text;
}

/**
 * The filled-in values as a `PUT /v2/widget/me` body, properties typed as declared (blank ones
 * are left out).
 */
export function meBodyOf(fields: readonly PrechatField[], values: Record<string, string>): MeBody {
  const body: MeBody = {};
  const properties: { name: string; value: unknown }[] = [];
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (isContactField(field.name)) {
      if (value) body[field.name] = value;
      continue;
    }
    const typed = propertyValueOf(field, value);
    if (typed !== undefined) properties.push({ name: field.name, value: typed });
  }
  if (properties.length) body.properties = properties;
  return body;
}

/** A field's current value on the user ('' for none), to prefill the form. */
export function userValue(user: WidgetUser | undefined, name: string): string {
  if (!user) return '';
  if (isContactField(name)) return user[name] ?? '';
  const property = user.properties.find((p) => p.name === name);
  return property?.value === undefined || property.value === null ? '' : String(property.value);
}

/**
 * The form is needed while one of its fields has no value on the user (the caller also skips it
 * once sent, and once a conversation exists).
 */
export function prechatNeeded(config: PrechatConfig | undefined, user: WidgetUser | undefined) {
  if (!config) return false;
  return config.fields.some((f) => !userValue(user, f.name).trim());
}

/**
 * The server's field errors (`details[].field`, dotted) put on the form's fields; what fits no
 * field comes back under `''`.
 */
export function serverFieldErrors(
  details: readonly { field: string; message: string }[],
  fields: readonly PrechatField[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const names = new Set(fields.map((f) => f.name));
  for (const detail of details) {
    const parts = detail.field.split('.');
    const name = names.has(detail.field)
      ? detail.field
      : parts[0] === 'properties' && parts[1] && names.has(parts[1])
        ? parts[1]
        : '';
    errors[name] = errors[name] ? `${errors[name]} ${detail.message}` : detail.message;
  }
  return errors;
}

/** The page's user fields (init options, `user.setProperties`) as the API's body. */
export function meBodyOfPageFields(fields: WidgetUserFields): MeBody {
  const body: MeBody = {};
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const firstName = text(fields.firstName);
  const lastName = text(fields.lastName);
  const email = text(fields.email);
  const phone = text(fields.phone);
  if (firstName) body.first_name = firstName;
  if (lastName) body.last_name = lastName;
  if (email) body.email = email;
  if (phone) body.phone = phone;
  const meta = fields.meta && typeof fields.meta === 'object' ? fields.meta : {};
  const properties = Object.entries(meta).map(([name, value]) => ({ name, value }));
  if (properties.length) body.properties = properties;
  return body;
}

/** Whether applying `body` would change anything on `user`. */
export function changesUser(user: WidgetUser, body: MeBody): boolean {
  for (const name of CONTACT_FIELDS) {
    if (body[name] !== undefined && body[name] !== user[name]) return true;
  }
  return (body.properties ?? []).some(
    (p) => !user.properties.some((own) => own.name === p.name && own.value === p.value),
  );
}

/** The user as the page's `user.get()` and `user:created` show it (B8's camelCase names). */
export function pageUserOf(user: WidgetUser, restoreId: string | undefined) {
  return {
    id: user.id,
    ...(restoreId ? { restoreId } : {}),
    externalId: user.external_id,
    firstName: user.first_name,
    lastName: user.last_name,
    email: user.email,
    phone: user.phone,
    meta: Object.fromEntries(user.properties.map((p) => [p.name, p.value])),
  };
}
