import { notFound } from '../../platform/http/errors.js';
import type { ChatContext } from '../context.js';
import { findConversationById } from '../conversations/index.js';
import { explanationOf, helpdeskClientOf, helpdeskFailure, HelpdeskError } from '../helpdesk/index.js';
import { listUserProperties } from '../user-properties/index.js';
import { chatAttributes, type PropertyDefinition } from './attributes.js';
import type { ConversionInput } from './commands/run-conversion.js';
import { loadConversionData, ticketUrlOf } from './conversion-context.js';
import { findConversion, listFieldMappings } from './conversion.repository.js';
import { presentConversionState } from './conversion.presenter.js';
import { effectiveMappings, mappingHealth, planFields } from './mapping.js';
import { fetchTicketFields, type HelpdeskTicketField } from './ticket-fields.js';

/* Reads of the conversion module: the mapping as admins see it, its health, the conversion dialog. */

/** The declared user properties, as the mapping sees them. */
export async function propertiesOf(ctx: ChatContext): Promise<PropertyDefinition[]> {
  const rows = await listUserProperties(ctx.db);
  return rows.map((p) => ({ name: p.name, label: p.label, type: p.type, choices: p.choices }));
}

/** The helpdesk's ticket fields (a helpdesk failure becomes its explanation). */
export async function liveFields(ctx: ChatContext): Promise<HelpdeskTicketField[]> {
  const client = await helpdeskClientOf(ctx.services);
  try {
    return await fetchTicketFields(client);
  } catch (error) {
    if (error instanceof HelpdeskError) throw helpdeskFailure(explanationOf(error));
    throw error;
  }
}

/**
 * GET /integrations/helpdesk/ticket-fields (I2): each helpdesk field with its mapping in force
 * (saved, or a default), the attributes Chat offers, and the mapping's health (B5).
 */
export async function describeTicketFieldMapping(ctx: ChatContext) {
  const [fields, saved, properties] = await Promise.all([
    liveFields(ctx),
    listFieldMappings(ctx.db),
    propertiesOf(ctx),
  ]);
  const mappings = effectiveMappings(saved, fields);
  return {
    ticket_fields: fields.map((field) => {
      const mapping = mappings.find((m) => m.ticket_field === field.name);
      return {
        name: field.name,
        label: field.label,
        type: field.type,
        required_for_agents: field.required_for_agents,
        choices: field.choices,
        mapping: mapping
          ? {
              attribute: mapping.attribute,
              fixed_value: mapping.fixed_value ?? null,
              show_field: mapping.show_field,
              default: !mapping.saved,
            }
          : null,
      };
    }),
    attributes: chatAttributes(properties),
    warnings: mappingHealth(saved, fields, properties),
  };
}

/** GET /integrations/helpdesk/mapping-health (B5). */
export async function checkMappingHealth(ctx: ChatContext) {
  const [fields, saved, properties] = await Promise.all([
    liveFields(ctx),
    listFieldMappings(ctx.db),
    propertiesOf(ctx),
  ]);
  const warnings = mappingHealth(saved, fields, properties);
  return { healthy: warnings.length === 0, warnings };
}

interface TicketListItem {
  id: number;
  subject?: unknown;
  status?: unknown;
  updated_at?: unknown;
  tags?: unknown;
}

/**
 * The conversion dialog (I6): the fields prefilled from the mapping (or from the last attempt's
 * edits, so nothing typed is lost), the user's recent tickets in the helpdesk for "add to
 * existing", mapping warnings (B5) and the conversion's state.
 */
export async function buildConversionPreview(ctx: ChatContext, conversationId: string, chatUrl: string) {
  const conversation = await findConversationById(ctx.db, conversationId);
  if (!conversation) throw notFound();
  const conversion = await findConversion(ctx.db, conversationId);
  const lastInput =
    conversion && conversion.state !== 'done' ? (conversion.input as Partial<ConversionInput>) : undefined;
  const client = await helpdeskClientOf(ctx.services);
  const data = await loadConversionData(ctx.db, conversation, chatUrl);
  const user = data.attributes.user;
  const by = user.email
    ? `email=${encodeURIComponent(user.email)}`
    : user.reference_id
      ? `unique_external_id=${encodeURIComponent(user.reference_id)}`
      : undefined;
  try {
    const [fields, tickets] = await Promise.all([
      fetchTicketFields(client),
      by
        ? client
            .get<TicketListItem[]>(`/tickets?${by}&order_by=updated_at&per_page=30`)
            .catch((error: unknown) => {
              // A user whose email the helpdesk refuses simply has no tickets to offer.
              if (error instanceof HelpdeskError && error.problem === 'validation_failed') return [];
              throw error;
            })
        : Promise.resolve([] as TicketListItem[]),
    ]);
    const planned = planFields(
      fields,
      effectiveMappings(data.saved, fields),
      data.attributes,
      lastInput?.fields ?? {},
    );
    return {
      fields: planned.map((p) => ({
        name: p.field.name,
        label: p.field.label,
        type: p.field.type,
        choices: p.field.choices,
        required: p.required,
        editable: p.editable,
        mapped_from: p.mapping?.attribute ?? null,
        value: p.value,
      })),
      recent_tickets: (Array.isArray(tickets) ? tickets : []).map((t) => ({
        id: t.id,
        subject: typeof t.subject === 'string' ? t.subject : null,
        status: typeof t.status === 'number' ? t.status : null,
        updated_at: typeof t.updated_at === 'string' ? t.updated_at : null,
        url: ticketUrlOf(client.baseUrl, t.id),
      })),
      warnings: mappingHealth(data.saved, fields, data.properties),
      state: presentConversionState(conversation, conversion),
    };
  } catch (error) {
    if (error instanceof HelpdeskError) throw helpdeskFailure(explanationOf(error));
    throw error;
  }
}
