import type { ConversionField } from '../chat-api.js';

/*
 * How a helpdesk ticket field is edited in the convert dialog: the control for its type, the
 * text the control holds, and the value sent back to Chat.
 */

export type FieldControl = 'text' | 'paragraph' | 'number' | 'decimal' | 'checkbox' | 'date' | 'select';

/** The control for a helpdesk field type (Freshdesk's ticket field types). */
export function controlOf(type: string): FieldControl {
  switch (type) {
    case 'default_description':
    case 'custom_paragraph':
      return 'paragraph';
    case 'custom_number':
    case 'default_product':
    case 'default_company':
      return 'number';
    case 'custom_decimal':
      return 'decimal';
    case 'custom_checkbox':
      return 'checkbox';
    case 'custom_date':
      return 'date';
    case 'custom_dropdown':
    case 'default_ticket_type':
    case 'default_status':
    case 'default_priority':
    case 'default_group':
    case 'default_agent':
      return 'select';
    default:
      return 'text';
  }
}

/** A select's options: a dropdown's string list, or a name → value object (status, priority, group…). */
export function choicesOf(field: Pick<ConversionField, 'choices'>): { label: string; value: string }[] {
  const { choices } = field;
  if (Array.isArray(choices))
    return choices
      .filter((c): c is string | number => typeof c === 'string' || typeof c === 'number')
      .map((c) => ({ label: String(c), value: String(c) }));
  if (choices && typeof choices === 'object')
    return Object.entries(choices as Record<string, unknown>).map(([name, value]) => {
      // Status lists map an id to [agent label, customer label]; the rest map a name to an id.
      if (Array.isArray(value)) return { label: String(value[0] ?? name), value: name };
      return { label: name, value: String(value) };
    });
  return [];
}

/** What the control holds for a value from Chat (a checkbox holds a boolean, the rest text). */
export function inputOf(field: Pick<ConversionField, 'type'>, value: unknown): string | boolean {
  if (controlOf(field.type) === 'checkbox') return value === true || value === 'true';
  if (value === null || value === undefined) return '';
  if (controlOf(field.type) === 'date' && typeof value === 'string') return value.slice(0, 10);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The value sent for what the control holds: numbers as numbers, empty as null. */
export function valueOf(
  field: Pick<ConversionField, 'type' | 'choices'>,
  input: string | boolean,
): string | number | boolean | null {
  const control = controlOf(field.type);
  if (control === 'checkbox') return input === true;
  const text = String(input);
  if (text.trim() === '') return null;
  if (control === 'number' || control === 'decimal') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (control === 'select' && field.choices && !Array.isArray(field.choices)) {
    // Name → id choices travel as the id (a status list's keys are ids already).
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** The fields an agent edits: shown by the mapping, or required with nothing filling them. */
export const editableFields = (fields: ConversionField[]) => fields.filter((f) => f.editable);

/** What the agent typed in the dialog, per conversation, kept while the page lives. */
export interface ConvertDraft {
  mode: 'new' | 'existing';
  ticketId: number | null;
  /** The controls' contents by field name: only what the agent changed. */
  values: Record<string, string | boolean>;
}

const drafts = new Map<string, ConvertDraft>();

/** The draft of a conversation's dialog (closing the dialog or a failure keeps it). */
export const draftOf = (conversationId: string): ConvertDraft | undefined => drafts.get(conversationId);
export const keepDraft = (conversationId: string, draft: ConvertDraft) => drafts.set(conversationId, draft);
/** Forgets a draft once its conversion is done or queued (Chat keeps the queued input). */
export const dropDraft = (conversationId: string) => drafts.delete(conversationId);
