import type { Updateable } from 'kysely';
import { FieldErrors, notFound, validationError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { insertContact } from '../../contacts/index.js';
import { inTransaction, type DeskContext } from '../../context.js';
import type { TicketsTable } from '../../db.js';
import { checkTicketFields } from '../../ticket-fields/index.js';
import { findReferences, updateTicketRow, type TicketRow } from '../ticket.repository.js';
import { hasRequesterIdentity, resolveRequester } from '../ticket.requester.js';
import type { UpdateTicketInput } from '../ticket.schemas.js';
import { dueDates, statsForStatus } from '../ticket.sla.js';
import { assertTicketVersion } from './check-ticket-version.js';
import { checkReferences, isUniqueViolation } from './ticket-checks.js';

/**
 * Updates a ticket with Freshdesk's rules: same validation as create, status changes maintain the
 * stats timestamps, and resolving/closing goes through the field rules' `required_for_closure`.
 * A trashed ticket cannot be updated (restore it first). `guard.ifMatch` (the collision guard)
 * makes the update conditional on the ticket version the agent saw.
 */
export async function updateTicket(
  ctx: DeskContext,
  ticket: TicketRow,
  input: UpdateTicketInput,
  guard: { ifMatch?: string | undefined } = {},
): Promise<TicketRow> {
  if (ticket.deleted) throw notFound();
  const { ifMatch } = guard;
  // With a precondition the version check and the write share one transaction (and row lock).
  const attempt = () =>
    ifMatch === undefined
      ? attemptUpdate(ctx, ticket, input)
      : inTransaction(ctx, async (tx) => {
          await assertTicketVersion(tx, ticket.id, ifMatch);
          return attemptUpdate(tx, ticket, input);
        });
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

async function attemptUpdate(ctx: DeskContext, ticket: TicketRow, input: UpdateTicketInput) {
  const errors = new FieldErrors();
  const status = input.status ?? ticket.status;
  const priority = input.priority ?? ticket.priority;
  const pick = <K extends keyof UpdateTicketInput & keyof TicketRow>(key: K) =>
    (input[key] !== undefined ? input[key] : ticket[key]) as TicketRow[K];
  const now = new Date();

  const [requester, refs, fields] = await Promise.all([
    hasRequesterIdentity(input) ? resolveRequester(ctx.db, input, errors, false) : undefined,
    input.responder_id != null || input.group_id != null || input.company_id != null
      ? findReferences(ctx.db, {
          agentIds: input.responder_id != null ? [input.responder_id] : [],
          groupId: input.group_id,
          companyId: input.company_id,
        })
      : undefined,
    checkTicketFields(ctx.db, {
      audience: 'agent',
      isCreate: false,
      values: {
        subject: pick('subject'),
        description: pick('description'),
        status,
        priority,
        type: pick('type'),
        source: pick('source'),
        group_id: pick('group_id'),
        responder_id: pick('responder_id'),
        company_id: pick('company_id'),
        product_id: pick('product_id'),
      },
      customFields: input.custom_fields,
      existingCustomFields: ticket.custom_fields,
      fieldsRevision: ctx.revisions.ticketFields,
    }),
  ]);
  if (refs) checkReferences(errors, input, refs);

  let due: { dueBy: Date; frDueBy: Date } | undefined;
  if (input.due_by || input.fr_due_by) {
    due = { dueBy: input.due_by ?? ticket.due_by, frDueBy: input.fr_due_by ?? ticket.fr_due_by };
    if (due.dueBy < due.frDueBy) {
      errors.add('due_by', 'invalid_value', 'It should be greater than or equal to fr_due_by');
    }
  } else if (priority !== ticket.priority) {
    // A new priority moves the SLA targets, still counted from when the ticket was created.
    due = dueDates(priority, ticket.created_at, {});
  }
  const allErrors = [...errors.list, ...fields.errors];
  if (allErrors.length) throw validationError(allErrors);

  const patch: Updateable<TicketsTable> = {
    ...statsForStatus(ticket, ticket.status, status, now),
    status,
    priority,
    custom_fields: JSON.stringify(fields.customFields),
    updated_at: now,
  };
  for (const key of [
    'subject',
    'type',
    'source',
    'responder_id',
    'group_id',
    'company_id',
    'product_id',
    'email_config_id',
    'tags',
  ] as const) {
    if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
  }
  if (input.description !== undefined) {
    patch.description = sanitizeRichText(input.description);
    patch.description_text = htmlToText(patch.description);
  }
  if (due) {
    patch.due_by = due.dueBy;
    patch.fr_due_by = due.frDueBy;
  }
  if (requester?.kind === 'existing') {
    patch.requester_id = requester.id;
    if (input.company_id === undefined) patch.company_id = requester.companyId;
  }
  if (requester?.kind !== 'new') return updateTicketRow(ctx.db, ticket.id, patch);
  return inTransaction(ctx, async (tx) => {
    const contact = await insertContact(tx.db, requester.contact);
    return updateTicketRow(tx.db, ticket.id, {
      ...patch,
      requester_id: contact.id,
      ...(input.company_id === undefined ? { company_id: null } : {}),
    });
  });
}
