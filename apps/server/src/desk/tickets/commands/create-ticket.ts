import { FieldErrors, validationError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { checkTicketFields } from '../../ticket-fields/index.js';
import { storeUploads, withUploadCleanup } from '../ticket.attachments.js';
import {
  findReferences,
  insertTicket,
  insertTicketWithNewRequester,
  type AttachmentRow,
  type TicketRow,
} from '../ticket.repository.js';
import { resolveRequester } from '../ticket.requester.js';
import type { CreateTicketInput } from '../ticket.schemas.js';
import { dueDates, statsForStatus } from '../ticket.sla.js';
import type { Upload } from '../ticket.uploads.js';
import { checkReferences, isUniqueViolation } from './ticket-checks.js';

/**
 * Creates a ticket (and its requester when the identity is new) with its attachments, in one
 * transaction. Every validation problem is reported at once; nothing is written on failure.
 */
export async function createTicket(
  ctx: DeskContext,
  input: CreateTicketInput,
  uploads: Upload[],
): Promise<{ ticket: TicketRow; attachments: AttachmentRow[] }> {
  try {
    return await attemptCreate(ctx, input, uploads);
  } catch (error) {
    // Two requests creating the same new requester at once: the loser finds it on retry.
    if (isUniqueViolation(error)) return attemptCreate(ctx, input, uploads);
    throw error;
  }
}

async function attemptCreate(ctx: DeskContext, input: CreateTicketInput, uploads: Upload[]) {
  const errors = new FieldErrors();
  const status = input.status ?? 2;
  const priority = input.priority ?? 1;
  const source = input.source ?? 2;
  const now = new Date();

  // Independent lookups run side by side: creation speed is a product feature.
  const [requester, refs, fields] = await Promise.all([
    resolveRequester(ctx.db, input, errors, true),
    input.responder_id != null || input.group_id != null || input.company_id != null
      ? findReferences(ctx.db, {
          agentIds: input.responder_id != null ? [input.responder_id] : [],
          groupId: input.group_id,
          companyId: input.company_id,
        })
      : undefined,
    checkTicketFields(ctx.db, {
      audience: 'agent',
      isCreate: true,
      values: {
        subject: input.subject,
        description: input.description,
        status,
        priority,
        type: input.type,
        source,
        group_id: input.group_id,
        responder_id: input.responder_id,
        company_id: input.company_id,
        product_id: input.product_id,
      },
      customFields: input.custom_fields,
      existingCustomFields: {},
      fieldsRevision: ctx.revisions.ticketFields,
    }),
  ]);
  if (refs) checkReferences(errors, input, refs);
  if (input.due_by && input.fr_due_by && input.due_by < input.fr_due_by) {
    errors.add('due_by', 'invalid_value', 'It should be greater than or equal to fr_due_by');
  }
  const allErrors = [...errors.list, ...fields.errors];
  if (allErrors.length || !requester) throw validationError(allErrors);

  const due = dueDates(priority, now, { dueBy: input.due_by, frDueBy: input.fr_due_by });
  const description = input.description !== undefined ? sanitizeRichText(input.description) : null;
  const companyId =
    input.company_id !== undefined
      ? input.company_id
      : requester.kind === 'existing'
        ? requester.companyId
        : null;
  const emptyStats = {
    status_updated_at: null,
    pending_since: null,
    resolved_at: null,
    closed_at: null,
    reopened_at: null,
  };

  const values = {
    subject: input.subject ?? null,
    description,
    description_text: description !== null ? htmlToText(description) : null,
    status,
    priority,
    source,
    type: input.type ?? null,
    responder_id: input.responder_id ?? null,
    group_id: input.group_id ?? null,
    company_id: companyId,
    product_id: input.product_id ?? null,
    email_config_id: input.email_config_id ?? null,
    cc_emails: input.cc_emails ?? [],
    tags: input.tags ?? [],
    custom_fields: JSON.stringify(fields.customFields),
    due_by: due.dueBy,
    fr_due_by: due.frDueBy,
    ...statsForStatus(emptyStats, undefined, status, now),
    // A new ticket's status is set now even when it is the default.
    status_updated_at: now,
    created_at: now,
    updated_at: now,
  };
  const persist = async (tx: DeskContext, written: string[]) => {
    const ticket =
      requester.kind === 'existing'
        ? await insertTicket(tx.db, { ...values, requester_id: requester.id })
        : await insertTicketWithNewRequester(tx.db, requester.contact, values);
    const attachments = await storeUploads(
      tx,
      uploads,
      { ticket_id: ticket.id, conversation_id: null },
      written,
    );
    return { ticket, attachments };
  };

  // Without uploads the ticket (and a new requester) is one statement: no transaction needed.
  if (uploads.length === 0) return persist(ctx, []);
  return withUploadCleanup(ctx, (written) => inTransaction(ctx, (tx) => persist(tx, written)));
}
