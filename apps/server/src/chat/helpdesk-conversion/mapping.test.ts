import { describe, expect, it } from 'vitest';
import { fitToField, incompatibility } from './attributes.js';
import type { FieldMappingRow } from './conversion.repository.js';
import { mappingHealth, ticketCreateBody, planFields, effectiveMappings } from './mapping.js';
import type { HelpdeskTicketField } from './ticket-fields.js';

const field = (
  name: string,
  type: string,
  extra: Partial<HelpdeskTicketField> = {},
): HelpdeskTicketField => ({
  id: 1,
  name,
  label: name,
  type,
  required_for_agents: false,
  choices: [],
  ...extra,
});
const saved = (ticket_field: string, attribute: string, field_type: string): FieldMappingRow => ({
  ticket_field,
  attribute,
  fixed_value: null,
  show_field: false,
  field_type,
  field_label: ticket_field,
  position: 1,
});

describe('mapping health', () => {
  it('warns when a mapped field changed type in the helpdesk', () => {
    const warnings = mappingHealth(
      [saved('cf_count', 'csat_rating', 'custom_number')],
      [field('cf_count', 'custom_text')],
      [],
    );
    expect(warnings).toEqual([
      expect.objectContaining({ ticket_field: 'cf_count', problem: 'type_changed' }),
    ]);
  });

  it('does not ask to map fields the helpdesk or Chat fills anyway', () => {
    const fields = [
      field('requester', 'default_requester', { required_for_agents: true }),
      field('subject', 'default_subject', { required_for_agents: true }),
      field('status', 'default_status', { required_for_agents: true }),
      field('cf_x', 'custom_text', { required_for_agents: true }),
    ];
    expect(mappingHealth([], fields, []).map((w) => w.ticket_field)).toEqual(['cf_x']);
  });
});

describe('fitting values to fields', () => {
  it('cuts text to 255 characters and turns choice names into their ids', () => {
    expect(fitToField(field('subject', 'default_subject'), 'x'.repeat(300))).toHaveLength(255);
    const priority = field('priority', 'default_priority', { choices: { Low: 1, High: 3 } });
    expect(fitToField(priority, 'High')).toBe(3);
    const status = field('status', 'default_status', { choices: { '2': ['Open', 'Being processed'] } });
    expect(fitToField(status, 'open')).toBe(2);
    expect(incompatibility(priority, { attribute: 'fixed', label: '', type: 'fixed' }, 'Urgent')).toMatch(
      /not one of/,
    );
  });

  it('builds a create body with source 7, the tag and custom fields, never a requester field', () => {
    const fields = [field('requester', 'default_requester'), field('cf_ref', 'custom_text')];
    const ctx = {
      user: {
        id: 'u1',
        first_name: null,
        last_name: null,
        email: null,
        phone: '+4412345',
        reference_id: null,
        properties: {},
      },
      conversationId: '11111111-2222-3333-4444-555555555555',
      conversationUrl: 'https://chat/v2/conversations/1',
      siteId: 's',
      agentName: null,
      agentEmail: null,
      groupName: null,
      transcript: '<p>t</p>',
      csatRating: null,
      firstUserMessage: null,
    };
    const mappings = [...effectiveMappings([saved('cf_ref', 'conversation_id', 'custom_text')], fields)];
    const body = ticketCreateBody(planFields(fields, mappings, ctx), ctx);
    expect(body).toEqual({
      source: 7,
      phone: '+4412345',
      name: '+4412345',
      subject: 'Chat with +4412345',
      description: '<p>t</p>',
      custom_fields: { cf_ref: ctx.conversationId },
      tags: ['chat-11111111222233334444555555555555'],
    });
  });
});
