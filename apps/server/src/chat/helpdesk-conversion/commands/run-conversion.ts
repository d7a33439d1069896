import { FieldErrors } from '../../../platform/http/errors.js';
import type { ChatServices } from '../../context.js';
import {
  HelpdeskError,
  helpdeskClientOf,
  inspectKeyOwner,
  type HelpdeskClient,
  type HelpdeskExplanation,
} from '../../helpdesk/index.js';
import { loadConversionData, ticketUrlOf } from '../conversion-context.js';
import { explainConversionFailure, type FailureContext } from '../explain.js';
import { conversionTag, effectiveMappings, planFields, ticketCreateBody } from '../mapping.js';
import { fetchTicketFields } from '../ticket-fields.js';

/** What an agent asked for (also what a queued conversion runs again). */
export interface ConversionInput {
  mode: 'new' | 'existing';
  ticket_id?: number | undefined;
  fields?: Record<string, unknown> | undefined;
  resolve?: boolean | undefined;
  /** Chat's base URL when it was asked (for the link back to the conversation). */
  chat_url: string;
}

export type ConversionResult =
  | { ok: true; ticket: { id: number; url: string } }
  | {
      ok: false;
      explanation: HelpdeskExplanation;
      /** Set for a 429: when the helpdesk takes calls again (the conversion is queued). */
      retryAt?: Date;
      /** The helpdesk was unreachable or failed (5xx): worth retrying later. */
      transient?: boolean;
    };

const TRANSIENT = new Set(['unreachable', 'timeout', 'helpdesk_error']);

interface TicketSummary {
  id: number;
  tags?: unknown;
}

/**
 * Looks in the helpdesk for a ticket already made for this conversation (its tag), so a retry
 * after a timeout or a lost answer never creates a second one (B2). Lists the requester's tickets
 * updated since the conversation began; without an email or external id, searches by tag.
 */
async function findTicketForConversation(
  client: HelpdeskClient,
  body: Record<string, unknown>,
  tag: string,
  since: Date,
): Promise<number | undefined> {
  const hasTag = (t: TicketSummary) => Array.isArray(t.tags) && t.tags.includes(tag);
  const updatedSince = new Date(since.getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const by =
    typeof body.email === 'string'
      ? `email=${encodeURIComponent(body.email)}`
      : typeof body.unique_external_id === 'string'
        ? `unique_external_id=${encodeURIComponent(body.unique_external_id)}`
        : undefined;
  if (by) {
    const tickets = await client.listAll<TicketSummary>(`/tickets?${by}&updated_since=${updatedSince}`);
    return tickets.find(hasTag)?.id;
  }
  const found = await client.get<{ results?: TicketSummary[] }>(
    `/search/tickets?query=${encodeURIComponent(`"tag:'${tag}'"`)}`,
  );
  return (found?.results ?? []).find(hasTag)?.id;
}

/**
 * Does the work with the helpdesk: checks the key's owner may convert, reads the ticket fields,
 * builds the ticket from the mapping and the agent's edits, then creates it (or finds the one a
 * lost answer already made) or adds the transcript as a note. Never writes to Chat's database.
 */
export async function runConversion(
  services: ChatServices,
  conversation: {
    id: string;
    user_id: string;
    site_id: string;
    assigned_agent_id: string | null;
    assigned_group_id: string | null;
    created_at: Date;
  },
  input: ConversionInput,
): Promise<ConversionResult> {
  const failure: FailureContext = {
    client: undefined,
    fields: undefined,
    planned: undefined,
    sent: undefined,
  };
  try {
    const client = await helpdeskClientOf(services);
    failure.client = client;
    const [owner, fields, data] = await Promise.all([
      inspectKeyOwner(client),
      fetchTicketFields(client),
      loadConversionData(services.db, conversation, input.chat_url),
    ]);
    failure.fields = fields;
    if (owner.refusal) return { ok: false, explanation: owner.refusal };

    const mappings = effectiveMappings(data.saved, fields);
    const planned = planFields(fields, mappings, data.attributes, input.fields ?? {});
    failure.planned = planned;
    const errors = new FieldErrors();
    for (const name of Object.keys(input.fields ?? {})) {
      const field = planned.find((p) => p.field.name === name);
      if (!field) errors.add(`fields.${name}`, 'invalid_field', `The dialog has no field "${name}"`);
      else if (!field.editable)
        errors.add(
          `fields.${name}`,
          'readonly_field',
          `"${field.field.label}" is not shown to agents, so it cannot be edited (an admin ticks "show field" in the mapping)`,
        );
    }
    if (input.mode === 'existing' && !input.ticket_id)
      errors.add('ticket_id', 'missing_field', 'Name the ticket to add the conversation to');
    errors.throwIfAny();

    if (input.mode === 'existing') {
      const ticketId = input.ticket_id!;
      failure.ticketId = ticketId;
      // A lost answer may have added the note already: the transcript's link back names the conversation.
      const notes = await client.listAll<{ body?: unknown }>(`/tickets/${ticketId}/conversations`);
      const marker = data.attributes.conversationUrl;
      if (!notes.some((n) => typeof n.body === 'string' && n.body.includes(marker))) {
        failure.sent = { body: data.attributes.transcript };
        await client.post(`/tickets/${ticketId}/notes`, { body: data.attributes.transcript, private: true });
      }
      return { ok: true, ticket: { id: ticketId, url: ticketUrlOf(client.baseUrl, ticketId) } };
    }

    const body = ticketCreateBody(planned, data.attributes);
    failure.sent = body;
    const tag = conversionTag(conversation.id);
    const existing = await findTicketForConversation(client, body, tag, conversation.created_at);
    if (existing !== undefined)
      return { ok: true, ticket: { id: existing, url: ticketUrlOf(client.baseUrl, existing) } };
    const ticket = await client.post<{ id?: unknown }>('/tickets', body);
    if (typeof ticket?.id !== 'number')
      throw new HelpdeskError('not_a_helpdesk', 'POST /tickets did not answer a ticket with a numeric id.');
    return { ok: true, ticket: { id: ticket.id, url: ticketUrlOf(client.baseUrl, ticket.id) } };
  } catch (error) {
    if (!(error instanceof HelpdeskError)) throw error;
    const explanation = await explainConversionFailure(error, failure);
    if (error.problem === 'rate_limited')
      return { ok: false, explanation, retryAt: error.retryAt ?? new Date(Date.now() + 60_000) };
    return { ok: false, explanation, transient: TRANSIENT.has(error.problem) };
  }
}
