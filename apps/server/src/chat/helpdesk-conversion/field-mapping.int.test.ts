import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';
import { makeAgent, makeApiTokenOf } from '../conversations/conversation-test-helpers.js';
import { addDeskField, connectChatToDesk } from './conversion-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('Field mapping and its health (%s)', (kind) => {
  let pair: LinkedPair;
  const fieldIds: Record<string, number> = {};

  const put = (mappings: unknown[], token?: string) =>
    pair.chat.call('PUT', '/v2/integrations/helpdesk/field-mappings', {
      body: { mappings },
      ...(token ? { token } : {}),
    });
  const health = async () => {
    const res = await pair.chat.call('GET', '/v2/integrations/helpdesk/mapping-health');
    expect(res.statusCode, res.body).toBe(200);
    return res.data as {
      healthy: boolean;
      warnings: { ticket_field: string; problem: string; message: string }[];
    };
  };

  beforeAll(async () => {
    pair = await startLinkedPair(kind);
    await connectChatToDesk(pair);
    for (const [label, body] of Object.entries({
      Region: { type: 'custom_dropdown', choices: [{ value: 'EU' }, { value: 'US' }] },
      Tier: {
        type: 'custom_dropdown',
        choices: [{ value: 'Free' }, { value: 'Pro' }, { value: 'Enterprise' }],
      },
      'Order count': { type: 'custom_number' },
      VIP: { type: 'custom_checkbox' },
      'Renewal date': { type: 'custom_date' },
      Notes: { type: 'custom_paragraph' },
    }))
      fieldIds[label] = (await addDeskField(pair, { label, ...body })).id;
    for (const body of [
      { name: 'cf_plan', label: 'Plan', type: 'dropdown', choices: ['Free', 'Pro'] },
      { name: 'cf_country', label: 'Country', type: 'dropdown', choices: ['EU', 'Asia'] },
      { name: 'cf_company', label: 'Company', type: 'text' },
      { name: 'cf_orders', label: 'Orders', type: 'number' },
      { name: 'cf_vip', label: 'VIP', type: 'boolean' },
      { name: 'cf_renews', label: 'Renews', type: 'date' },
    ]) {
      const res = await pair.chat.call('POST', '/v2/users/fields', { body });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => pair?.close());

  it("lists the helpdesk's fields with the defaults in force and every Chat attribute", async () => {
    const res = await pair.chat.call('GET', '/v2/integrations/helpdesk/ticket-fields');
    expect(res.statusCode, res.body).toBe(200);
    const fields = Object.fromEntries((res.data.ticket_fields as { name: string }[]).map((f) => [f.name, f]));
    expect(fields.subject).toMatchObject({ mapping: { attribute: 'first_user_message', default: true } });
    expect(fields.description).toMatchObject({ mapping: { attribute: 'transcript', default: true } });
    expect(fields.requester).toMatchObject({ mapping: { attribute: 'user', default: true } });
    expect(fields.cf_region).toMatchObject({ type: 'custom_dropdown', choices: ['EU', 'US'], mapping: null });
    const attributes = (res.data.attributes as { attribute: string; type: string }[]).map(
      (a) => `${a.attribute}:${a.type}`,
    );
    expect(attributes).toEqual(
      expect.arrayContaining([
        'user_first_name:text',
        'user_email:text',
        'user_reference_id:text',
        'conversation_url:text',
        'assigned_agent:agent',
        'transcript:long_text',
        'csat_rating:number',
        'fixed:fixed',
        'user_property:cf_plan:dropdown',
        'user_property:cf_orders:number',
      ]),
    );
  });

  it('refuses incompatible pairs, each with its reason on mappings[i]', async () => {
    const res = await put([
      { ticket_field: 'cf_order_count', attribute: 'user_property:cf_company' },
      { ticket_field: 'cf_region', attribute: 'user_first_name' },
      { ticket_field: 'cf_region', attribute: 'user_property:cf_country' },
      { ticket_field: 'cf_vip', attribute: 'user_email' },
      { ticket_field: 'cf_renewal_date', attribute: 'user_property:cf_orders' },
      { ticket_field: 'cf_tier', attribute: 'fixed', fixed_value: 'Gold' },
      { ticket_field: 'cf_nope', attribute: 'user_email' },
      { ticket_field: 'cf_notes', attribute: 'user_property:cf_ghost' },
      { ticket_field: 'subject', attribute: 'transcript' },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    const details = Object.fromEntries(
      (res.data.details as { field: string; message: string }[]).map((d) => [d.field, d.message]),
    );
    expect(details['mappings[0].attribute']).toMatch(/text.*cannot fill Order count.*number/);
    expect(details['mappings[1].attribute']).toMatch(/free text may not be one of its choices/);
    expect(details['mappings[2].ticket_field']).toMatch(/mapped twice/);
    expect(details['mappings[3].attribute']).toMatch(/checkbox|yes\/no/);
    expect(details['mappings[4].attribute']).toMatch(/only a date property fits/);
    expect(details['mappings[5].fixed_value']).toMatch(/"Gold" is not one of Tier's choices/);
    expect(details['mappings[6].ticket_field']).toMatch(/no ticket field named "cf_nope"/);
    expect(details['mappings[7].attribute']).toMatch(/no user property named "cf_ghost"/);
    expect(details['mappings[8].attribute']).toMatch(/at most 255 characters/);

    // A dropdown property fits a dropdown only if every option is a choice there.
    const country = await put([{ ticket_field: 'cf_region', attribute: 'user_property:cf_country' }]);
    expect(country.statusCode).toBe(400);
    expect(country.data.details[0].message).toMatch(/options "Asia" are not choices of Region/);
    // Nothing was saved by refused requests.
    const fields = await pair.chat.call('GET', '/v2/integrations/helpdesk/ticket-fields');
    expect(
      (fields.data.ticket_fields as { name: string; mapping: unknown }[]).find((f) => f.name === 'cf_region')
        ?.mapping,
    ).toBeNull();
  });

  it('saves compatible pairs (replacing the set) and only admins may', async () => {
    const mappings = [
      { ticket_field: 'cf_tier', attribute: 'user_property:cf_plan', show_field: true },
      { ticket_field: 'cf_order_count', attribute: 'user_property:cf_orders' },
      { ticket_field: 'cf_vip', attribute: 'user_property:cf_vip' },
      { ticket_field: 'cf_renewal_date', attribute: 'user_property:cf_renews' },
      { ticket_field: 'cf_region', attribute: 'fixed', fixed_value: 'EU' },
      { ticket_field: 'cf_notes', attribute: 'transcript' },
      { ticket_field: 'priority', attribute: 'fixed', fixed_value: 'Urgent' },
      { ticket_field: 'subject', attribute: 'user_full_name', show_field: true },
    ];
    const agentToken = await makeApiTokenOf(pair.chat, await makeAgent(pair.chat, { role: 'agent' }));
    expect((await put(mappings, agentToken)).statusCode).toBe(403);
    const res = await put(mappings);
    expect(res.statusCode, res.body).toBe(200);
    const fields = Object.fromEntries((res.data.ticket_fields as { name: string }[]).map((f) => [f.name, f]));
    expect(fields.cf_tier).toMatchObject({
      mapping: { attribute: 'user_property:cf_plan', show_field: true, default: false },
    });
    expect(fields.cf_region).toMatchObject({ mapping: { attribute: 'fixed', fixed_value: 'EU' } });
    expect(fields.subject).toMatchObject({ mapping: { attribute: 'user_full_name', default: false } });
    expect(fields.description).toMatchObject({ mapping: { attribute: 'transcript', default: true } });
    expect((await health()).healthy).toBe(true);
  });

  it('warns when the helpdesk gains a required field or drops a mapped one', async () => {
    const added = await addDeskField(pair, {
      label: 'Order number',
      type: 'custom_text',
      required_for_agents: true,
    });
    let report = await health();
    expect(report.healthy).toBe(false);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        ticket_field: 'cf_order_number',
        problem: 'required_unmapped',
        message: expect.stringMatching(/"Order number"/),
      }),
    ]);
    const listed = await pair.chat.call('GET', '/v2/integrations/helpdesk/ticket-fields');
    expect(listed.data.warnings).toEqual(report.warnings);

    const removed = await pair.desk.call('DELETE', `/api/v2/admin/ticket_fields/${fieldIds.VIP}`);
    expect(removed.statusCode, removed.body).toBe(204);
    report = await health();
    expect(report.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ ticket_field: 'cf_vip', problem: 'field_gone' })]),
    );
    // A choice the mapping relies on is removed: the fixed value no longer fits.
    const changed = await pair.desk.call('PUT', `/api/v2/admin/ticket_fields/${fieldIds.Region}`, {
      body: { choices: [{ value: 'US' }, { value: 'APAC' }] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    report = await health();
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ticket_field: 'cf_region',
          problem: 'incompatible',
          message: expect.stringMatching(/"EU" is not one of Region's choices/),
        }),
      ]),
    );
    await pair.desk.call('DELETE', `/api/v2/admin/ticket_fields/${added.id}`);
  });
});
