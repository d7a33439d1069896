import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';

const ADMIN = '/api/v2/admin/ticket_fields';

/** Ticket fields seen end to end through the tickets API. */
describe.each(TEST_DATABASE_KINDS)('ticket fields through /tickets (%s)', (kind) => {
  let desk: TestDesk;
  let seq = 0;
  const createTicket = (extra: Record<string, unknown> = {}) =>
    desk.call('POST', '/api/v2/tickets', {
      body: {
        email: `req-${++seq}@example.com`,
        subject: 'Printer on fire',
        description: '<p>Help</p>',
        ...extra,
      },
    });
  const addField = async (body: Record<string, unknown>) => {
    const res = await desk.call('POST', ADMIN, { body });
    expect(res.statusCode).toBe(201);
    return res.data as { id: number; name: string };
  };

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
  });
  afterAll(async () => desk?.close());

  it('custom values of every type round-trip; unset ones show as null', async () => {
    await addField({ label: 'Order', type: 'custom_text' });
    await addField({ label: 'Steps', type: 'custom_paragraph' });
    await addField({ label: 'VIP', type: 'custom_checkbox' });
    await addField({ label: 'Seats', type: 'custom_number' });
    await addField({ label: 'Amount', type: 'custom_decimal' });
    await addField({ label: 'Since', type: 'custom_date' });
    await addField({
      label: 'Plan',
      type: 'custom_dropdown',
      choices: [{ value: 'Free' }, { value: 'Pro' }],
    });
    const values = {
      cf_order: 'A-1',
      cf_steps: 'one\ntwo',
      cf_vip: true,
      cf_seats: 5,
      cf_amount: 9.5,
      cf_since: '2024-02-29',
      cf_plan: 'Pro',
    };
    const created = await createTicket({ custom_fields: values });
    expect(created.statusCode).toBe(201);
    expect(created.data.custom_fields).toEqual(values);
    const view = await desk.call('GET', `/api/v2/tickets/${created.data.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.data.custom_fields).toEqual(values);

    const partial = await createTicket({ custom_fields: { cf_seats: 1 } });
    expect(partial.statusCode).toBe(201);
    const partialView = await desk.call('GET', `/api/v2/tickets/${partial.data.id}`);
    expect(partialView.data.custom_fields).toEqual({
      cf_order: null,
      cf_steps: null,
      cf_vip: null,
      cf_seats: 1,
      cf_amount: null,
      cf_since: null,
      cf_plan: null,
    });

    const updated = await desk.call('PUT', `/api/v2/tickets/${created.data.id}`, {
      body: { custom_fields: { cf_plan: 'Free', cf_order: null } },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.data.custom_fields).toEqual({ ...values, cf_plan: 'Free', cf_order: null });
  });

  it('a dropdown value not in choices, a wrong type or an unknown key is refused', async () => {
    const res = await createTicket({ custom_fields: { cf_plan: 'Gold', cf_seats: '5', cf_nope: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      description: 'Validation failed',
      errors: expect.arrayContaining([
        {
          field: 'custom_fields.cf_plan',
          code: 'invalid_value',
          message: "It should be one of these values: 'Free,Pro'",
        },
        {
          field: 'custom_fields.cf_seats',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Integer',
        },
        {
          field: 'custom_fields.cf_nope',
          code: 'invalid_field',
          message: 'Unexpected/invalid field in request',
        },
      ]),
    });
    expect(res.data.errors).toHaveLength(3);
    const type = await createTicket({ type: 'Complaint' });
    expect(type.statusCode).toBe(400);
    expect(type.data.errors).toEqual([
      {
        field: 'type',
        code: 'invalid_value',
        message: "It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'",
      },
    ]);
  });

  it('adding a required field makes the next create without it fail, naming it', async () => {
    expect((await createTicket()).statusCode).toBe(201);
    const field = await addField({ label: 'Contract', type: 'custom_text', required_for_agents: true });
    const res = await createTicket();
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      description: 'Validation failed',
      errors: [
        { field: 'custom_fields.cf_contract', code: 'missing_field', message: 'It should be a/an String' },
      ],
    });
    const withIt = await createTicket({ custom_fields: { cf_contract: 'C-9' } });
    expect(withIt.statusCode).toBe(201);
    expect(withIt.data.custom_fields.cf_contract).toBe('C-9');

    // Existing tickets without the field still update; clearing it on one that has it does not.
    const old = await desk.call('PUT', `/api/v2/tickets/${withIt.data.id}`, { body: { priority: 2 } });
    expect(old.statusCode).toBe(200);
    const clear = await desk.call('PUT', `/api/v2/tickets/${withIt.data.id}`, {
      body: { custom_fields: { cf_contract: '' } },
    });
    expect(clear.statusCode).toBe(400);
    expect(clear.data.errors).toEqual([
      { field: 'custom_fields.cf_contract', code: 'missing_field', message: 'It should be a/an String' },
    ]);

    // A default field made required is named by its API attribute.
    const list = await desk.call('GET', '/api/v2/ticket_fields?type=default_group');
    await desk.call('PUT', `${ADMIN}/${list.data[0].id}`, { body: { required_for_agents: true } });
    const noGroup = await createTicket({ custom_fields: { cf_contract: 'C-10' } });
    expect(noGroup.statusCode).toBe(400);
    expect(noGroup.data.errors).toEqual([
      { field: 'group_id', code: 'missing_field', message: 'It should be a/an Positive Integer' },
    ]);
    await desk.call('PUT', `${ADMIN}/${list.data[0].id}`, { body: { required_for_agents: false } });
    await desk.call('DELETE', `${ADMIN}/${field.id}`);
    expect((await createTicket()).statusCode).toBe(201);
  });

  it('resolving without a required_for_closure field fails; with it, it succeeds', async () => {
    await addField({
      label: 'Root cause',
      type: 'custom_dropdown',
      choices: [{ value: 'Bug' }, { value: 'User' }],
      required_for_closure: true,
    });
    const ticket = await createTicket();
    expect(ticket.statusCode).toBe(201);
    const url = `/api/v2/tickets/${ticket.data.id}`;

    for (const status of [4, 5]) {
      const res = await desk.call('PUT', url, { body: { status } });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'custom_fields.cf_root_cause',
          code: 'missing_field',
          message: "It should be one of these values: 'Bug,User'",
        },
      ]);
    }
    expect((await desk.call('GET', url)).data.status).toBe(2);
    expect((await desk.call('PUT', url, { body: { status: 3 } })).statusCode).toBe(200);

    const resolved = await desk.call('PUT', url, {
      body: { status: 4, custom_fields: { cf_root_cause: 'Bug' } },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.data).toMatchObject({ status: 4, custom_fields: { cf_root_cause: 'Bug' } });

    // Created straight into resolved needs it too.
    const direct = await createTicket({ status: 5 });
    expect(direct.statusCode).toBe(400);
    expect(direct.data.errors[0]).toMatchObject({
      field: 'custom_fields.cf_root_cause',
      code: 'missing_field',
    });
  });

  it('a deleted field disappears from tickets', async () => {
    const field = await addField({ label: 'Temp', type: 'custom_text' });
    const ticket = await createTicket({ custom_fields: { cf_temp: 'x' } });
    expect(ticket.data.custom_fields.cf_temp).toBe('x');
    expect((await desk.call('DELETE', `${ADMIN}/${field.id}`)).statusCode).toBe(204);
    const view = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}`);
    expect(view.data.custom_fields).not.toHaveProperty('cf_temp');
    const update = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, {
      body: { custom_fields: { cf_temp: 'y' } },
    });
    expect(update.statusCode).toBe(400);
    expect(update.data.errors).toEqual([
      {
        field: 'custom_fields.cf_temp',
        code: 'invalid_field',
        message: 'Unexpected/invalid field in request',
      },
    ]);
  });
});
