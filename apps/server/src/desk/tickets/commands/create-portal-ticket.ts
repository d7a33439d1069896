import type { FieldError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { findContactById } from '../../contacts/index.js';
import type { DeskServices } from '../../context.js';
import { checkTicketFields } from '../../ticket-fields/index.js';
import {
  listCustomerFields,
  portalTextToHtml,
  presentCustomerField,
  type FieldDef,
} from '../ticket.portal.js';
import { insertTicket } from '../ticket.repository.js';
import { TICKET_PRIORITIES } from '../ticket.schemas.js';
import { dueDates, statsForStatus } from '../ticket.sla.js';

/** What the portal's new-ticket form posted, by input name (`subject`, `custom_fields.cf_x`…). */
export type PortalFormValues = Record<string, string | string[] | undefined>;

const SOURCE_PORTAL = 2;
const STATUS_OPEN = 2;
const PRIORITY_LOW = 1;
const CHECKED = new Set(['on', 'true', '1', 'yes']);

/** A form value as one trimmed-of-nothing string (a repeated input keeps its last value). */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/**
 * Form strings to the JSON types the field rules check: numbers for number fields, a boolean for
 * checkboxes (an unchecked box sends nothing: false, or "missing" when the box is required).
 * Blank inputs are left out, so an optional field stays unset and a required one is missing.
 */
function coerce(field: FieldDef, raw: string | undefined): unknown {
  if (field.type === 'custom_checkbox') {
    const checked = raw !== undefined && CHECKED.has(raw.trim().toLowerCase());
    return checked ? true : field.required_for_customers ? undefined : false;
  }
  if (raw === undefined || raw.trim() === '') return undefined;
  if (field.type === 'custom_number' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim());
  if (field.type === 'custom_decimal' && raw.trim() !== '' && Number.isFinite(Number(raw.trim()))) {
    return Number(raw.trim());
  }
  if (field.type === 'custom_text' || field.type === 'custom_dropdown' || field.type === 'custom_date') {
    return raw.trim();
  }
  return raw;
}

/**
 * A contact opens a ticket on a portal (source 2, status open, low priority unless the form lets
 * them choose). Only fields displayed to and editable by customers are taken from the form, typed
 * from their strings and checked by the ticket field rules for the customer audience, so
 * `required_for_customers` is enforced and each error names its field. Nothing is written on error.
 */
export async function createPortalTicket(
  services: DeskServices,
  input: { contactId: number; portalId: number; values: PortalFormValues },
): Promise<{ ticketId: number } | { errors: FieldError[] }> {
  const { db } = services;
  const [contact, fieldRows] = await Promise.all([
    findContactById(db, input.contactId),
    listCustomerFields(db),
  ]);
  if (!contact || contact.deleted) {
    return {
      errors: [{ field: 'requester', code: 'invalid_value', message: 'The contact cannot create tickets' }],
    };
  }
  const fields = fieldRows.map(presentCustomerField);
  const editable = new Map(fields.filter((f) => f.customers_can_edit).map((f) => [f.key, f]));
  const errors: FieldError[] = [];

  const text = (key: string) => (editable.has(key) ? single(input.values[key]) : undefined);
  const subject = text('subject')?.trim();
  const descriptionText = text('description');
  if (subject !== undefined && subject.length > 255) {
    errors.push({
      field: 'subject',
      code: 'invalid_value',
      message: `Has ${subject.length} characters, it can have maximum of 255 characters`,
    });
  }
  const type = text('type')?.trim() || undefined;
  let priority: number = PRIORITY_LOW;
  const priorityRaw = text('priority')?.trim();
  if (priorityRaw) {
    const value = Number(priorityRaw);
    if ((TICKET_PRIORITIES as readonly number[]).includes(value)) priority = value;
    else {
      errors.push({
        field: 'priority',
        code: 'invalid_value',
        message: `It should be one of these values: '${TICKET_PRIORITIES.join(',')}'`,
      });
    }
  }

  const customFields: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.default || !field.customers_can_edit) continue;
    const value = coerce(field, single(input.values[field.key]));
    if (value !== undefined) customFields[field.name] = value;
  }

  const description =
    descriptionText !== undefined && descriptionText.trim() !== ''
      ? sanitizeRichText(portalTextToHtml(descriptionText))
      : undefined;
  const checked = await checkTicketFields(db, {
    audience: 'customer',
    isCreate: true,
    values: {
      subject: subject || undefined,
      description,
      status: STATUS_OPEN,
      priority,
      type,
      source: SOURCE_PORTAL,
    },
    customFields,
    existingCustomFields: {},
  });
  // A field customers cannot see or fill in cannot be required of them.
  const fillable = new Set([...editable.keys()]);
  const reported = new Set(errors.map((e) => e.field));
  for (const error of checked.errors) {
    if (error.code === 'missing_field' && !fillable.has(error.field)) continue;
    if (!reported.has(error.field)) errors.push(error);
  }
  if (errors.length) return { errors };

  const now = new Date();
  const due = dueDates(priority, now, {});
  const emptyStats = {
    status_updated_at: null,
    pending_since: null,
    resolved_at: null,
    closed_at: null,
    reopened_at: null,
  };
  const ticket = await insertTicket(db, {
    subject: subject || null,
    description: description ?? null,
    description_text: description !== undefined ? htmlToText(description) : null,
    status: STATUS_OPEN,
    priority,
    source: SOURCE_PORTAL,
    type: type ?? null,
    requester_id: contact.id,
    company_id: contact.company_id,
    cc_emails: [],
    tags: [],
    custom_fields: JSON.stringify(checked.customFields),
    due_by: due.dueBy,
    fr_due_by: due.frDueBy,
    ...statsForStatus(emptyStats, undefined, STATUS_OPEN, now),
    status_updated_at: now,
    created_at: now,
    updated_at: now,
  });
  return { ticketId: ticket.id };
}
