import type { FieldError } from '../../platform/http/errors.js';
import type { DeskDb } from '../db.js';

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
}

export interface TicketFieldCheckResult {
  /** Field-level errors, named as the API names them (`subject`, `custom_fields.cf_reason`). */
  errors: FieldError[];
  /** Custom field values to store: existing merged with the validated, normalized request values. */
  customFields: Record<string, unknown>;
}

/**
 * Validates a ticket write against the account's ticket fields: custom field types and choices,
 * `required_for_agents`/`required_for_customers`, and `required_for_closure` when the resulting
 * status is 4 (resolved) or 5 (closed).
 *
 * PLACEHOLDER until the ticket-fields module lands: accepts everything.
 */
export async function checkTicketFields(
  _db: DeskDb,
  input: TicketFieldCheckInput,
): Promise<TicketFieldCheckResult> {
  return { errors: [], customFields: { ...input.existingCustomFields, ...(input.customFields ?? {}) } };
}

/**
 * Every custom ticket field name mapped to null, so presenters can show unset custom fields as
 * `null` the way Freshdesk does. PLACEHOLDER until the ticket-fields module lands.
 */
export async function customFieldDefaults(_db: DeskDb): Promise<Record<string, null>> {
  return {};
}
