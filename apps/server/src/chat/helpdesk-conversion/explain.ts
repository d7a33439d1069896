import {
  explainHelpdeskError,
  explanationOf,
  HelpdeskError,
  type HelpdeskClient,
  type HelpdeskExplanation,
} from '../helpdesk/index.js';
import type { PlannedField } from './mapping.js';
import { fieldOfErrorName, type HelpdeskTicketField } from './ticket-fields.js';

/*
 * Why the helpdesk refused a conversion, in words for the agent (I7, B1): the cause, the field
 * concerned, and always the helpdesk's own answer.
 */

export interface FailureContext {
  client: HelpdeskClient | undefined;
  fields: HelpdeskTicketField[] | undefined;
  planned: PlannedField[] | undefined;
  /** The create body or note sent, for the value of a refused email. */
  sent: Record<string, unknown> | undefined;
  /** The existing ticket named, in "add to an existing ticket". */
  ticketId?: number | undefined;
}

/** A HelpdeskError met while converting, explained. */
export async function explainConversionFailure(
  error: HelpdeskError,
  ctx: FailureContext,
): Promise<HelpdeskExplanation> {
  if (error.problem === 'access_denied' && ctx.client) {
    // A 403: the helpdesk module asks who owns the key now (lost admin, scope, occasional).
    const explained = await explainHelpdeskError(ctx.client, error);
    if (explained.cause !== 'access_denied') return explained;
    return {
      ...explained,
      message: `${error.message} Check the API key's agent's role and ticket scope in the helpdesk.`,
    };
  }
  if (error.problem === 'not_found' && ctx.ticketId !== undefined)
    return explanationOf(error, {
      field: 'ticket_id',
      value: ctx.ticketId,
      message: `The helpdesk has no ticket #${ctx.ticketId} (it was deleted, or the API key's agent cannot see it). Pick another ticket.`,
    });
  if (error.problem === 'invalid_key')
    return explanationOf(error, {
      message: `${error.message} An admin enters a new key under Integrations > Helpdesk.`,
    });
  if (error.problem !== 'validation_failed') return explanationOf(error);

  const email = error.fieldErrors.find(
    (e) => ['email', 'requester', 'requester_id'].includes(e.field) && e.code !== 'missing_field',
  );
  if (email) {
    const value = ctx.sent?.email ?? null;
    return explanationOf(error, {
      cause: 'invalid_email',
      field: 'email',
      value,
      message: `The helpdesk refused the customer's email ${value === null ? '' : `"${String(value)}" `}(${email.message}). Correct the spelling or format in the user's profile${ctx.planned?.some((p) => p.field.type === 'default_requester' && p.editable) ? ' or in the requester field' : ''}, then convert again.`,
    });
  }
  const missing = error.fieldErrors.find(
    (e) =>
      e.code === 'missing_field' ||
      (e.code === 'invalid_value' &&
        e.field.startsWith('custom_fields.') &&
        /blank|required/i.test(e.message)),
  );
  if (missing) {
    const field = ctx.fields ? fieldOfErrorName(ctx.fields, missing.field) : undefined;
    const planned = field ? ctx.planned?.find((p) => p.field.name === field.name) : undefined;
    const name = field?.name ?? missing.field.replace(/^custom_fields\./, '');
    const label = field?.label ?? name;
    const message = !planned?.mapping
      ? planned?.editable
        ? `The helpdesk requires the field "${label}" (${name}), which is not mapped to any Chat attribute. Fill it in the dialog (an admin can map it under Integrations > Helpdesk > Field mapping), then convert again.`
        : `The helpdesk requires the field "${label}" (${name}), which is not mapped to any Chat attribute. An admin maps it under Integrations > Helpdesk > Field mapping; then convert again.`
      : `The helpdesk requires the field "${label}" (${name}). It is mapped to ${planned.mapping.attribute}, which is empty for this conversation; ${planned.editable ? 'fill it in the dialog' : 'fill the attribute (or ask an admin to show the field in the dialog)'} and convert again.`;
    return explanationOf(error, { cause: 'required_field_missing', field: name, message });
  }
  const first = error.fieldErrors[0];
  const field = first && ctx.fields ? fieldOfErrorName(ctx.fields, first.field) : undefined;
  return explanationOf(error, {
    ...(first ? { field: field?.name ?? first.field } : {}),
    message: `The helpdesk refused the ticket: ${error.fieldErrors.map((e) => `${fieldOfErrorName(ctx.fields ?? [], e.field)?.label ?? e.field}: ${e.message}`).join('; ') || error.message}.`,
  });
}

export { HelpdeskError };
