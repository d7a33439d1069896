import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
const ADMIN = '/api/v2/admin/ticket_fields';

describe.each(TEST_DATABASE_KINDS)('GET /ticket_fields (%s)', (kind) => {
  let desk: TestDesk;
  let agentKey: string;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 10_000 });
    agentKey = (await createTestAgent(desk, { role: 'agent', name: 'Zed Agent' })).apiKey;
  });
  afterAll(async () => desk?.close());

  it('lists the default fields in position order, readable by any agent', async () => {
    const res = await desk.call('GET', '/api/v2/ticket_fields', { key: agentKey });
    expect(res.statusCode).toBe(200);
    expect(res.data.map((f: { name: string }) => f.name)).toEqual([
      'requester',
      'subject',
      'ticket_type',
      'source',
      'status',
      'priority',
      'group',
      'agent',
      'company',
      'description',
    ]);
    expect(res.data.map((f: { position: number }) => f.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(res.data[0]).toEqual({
      id: expect.any(Number),
      name: 'requester',
      label: 'Search a requester',
      label_for_customers: 'Requester',
      description: null,
      position: 1,
      type: 'default_requester',
      default: true,
      required_for_agents: true,
      required_for_customers: true,
      required_for_closure: false,
      customers_can_edit: true,
      displayed_to_customers: true,
      portal_cc: false,
      portal_cc_to: 'company',
      choices: [],
      created_at: ISO,
      updated_at: ISO,
    });
  });

  it('shows choices in the documented shape of each type', async () => {
    const res = await desk.call('GET', '/api/v2/ticket_fields', { key: agentKey });
    const byName = Object.fromEntries(res.data.map((f: { name: string }) => [f.name, f]));
    expect(byName.status.choices).toEqual({
      '2': ['Open', 'Being Processed'],
      '3': ['Pending', 'Awaiting your Reply'],
      '4': ['Resolved', 'This ticket has been Resolved'],
      '5': ['Closed', 'This ticket has been Closed'],
    });
    expect(byName.priority.choices).toEqual({ Low: 1, Medium: 2, High: 3, Urgent: 4 });
    // In value order, as Freshdesk lists them (JSONB alone would reorder the keys).
    expect(Object.keys(byName.priority.choices)).toEqual(['Low', 'Medium', 'High', 'Urgent']);
    expect(Object.keys(byName.source.choices)).toEqual([
      'Email',
      'Portal',
      'Phone',
      'Chat',
      'Feedback Widget',
      'Outbound Email',
    ]);
    expect(byName.source.choices).toEqual({
      Email: 1,
      Portal: 2,
      Phone: 3,
      Chat: 7,
      'Feedback Widget': 9,
      'Outbound Email': 10,
    });
    expect(byName.ticket_type.choices).toEqual([
      'Question',
      'Incident',
      'Problem',
      'Feature Request',
      'Refund',
    ]);
    expect(byName.agent.choices).toMatchObject({ 'Zed Agent': expect.any(Number) });
    expect(byName.subject).toMatchObject({ portal_cc: null, portal_cc_to: null, choices: [] });
    expect(byName.status).toMatchObject({ required_for_agents: true, default: true, type: 'default_status' });
  });

  it('lists groups as the group field choices', async () => {
    const now = new Date();
    const group = await desk.services.db
      .insertInto('groups')
      .values({ name: 'Billing', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await desk.call('GET', '/api/v2/ticket_fields?type=default_group');
    expect(res.data).toHaveLength(1);
    expect(res.data[0].choices).toEqual({ Billing: group.id });
  });

  it('filters by type', async () => {
    const res = await desk.call('GET', '/api/v2/ticket_fields?type=default_status');
    expect(res.statusCode).toBe(200);
    expect(res.data).toHaveLength(1);
    expect(res.data[0].name).toBe('status');
    const none = await desk.call('GET', '/api/v2/ticket_fields?type=custom_text');
    expect(none.data).toEqual([]);
  });

  it('400 invalid_value for an unknown type filter, invalid_field for an unknown parameter', async () => {
    const res = await desk.call('GET', '/api/v2/ticket_fields?type=bogus');
    expect(res.statusCode).toBe(400);
    expect(res.data.errors).toEqual([
      { field: 'type', code: 'invalid_value', message: expect.stringContaining("'default_requester,") },
    ]);
    const unknown = await desk.call('GET', '/api/v2/ticket_fields?colour=red');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.errors).toEqual([
      { field: 'colour', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
    ]);
  });

  it('401 without credentials', async () => {
    const res = await desk.call('GET', '/api/v2/ticket_fields', { key: null });
    expect(res.statusCode).toBe(401);
    expect(res.data.code).toBe('invalid_credentials');
  });
});

describe.each(TEST_DATABASE_KINDS)('admin ticket fields CRUD (%s)', (kind) => {
  let desk: TestDesk;
  let agentKey: string;
  let supervisorKey: string;
  let adminKey: string;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 10_000 });
    agentKey = (await createTestAgent(desk, { role: 'agent' })).apiKey;
    supervisorKey = (await createTestAgent(desk, { role: 'supervisor' })).apiKey;
    adminKey = (await createTestAgent(desk, { role: 'admin' })).apiKey;
  });
  afterAll(async () => desk?.close());

  const create = (body: unknown) => desk.call('POST', ADMIN, { body });
  const idOf = async (name: string) => {
    const list = await desk.call('GET', '/api/v2/ticket_fields');
    return list.data.find((f: { name: string }) => f.name === name).id as number;
  };

  it('creates a custom text field: 201, Location, generated name, defaults, last position', async () => {
    const res = await create({ label: 'Order Number', type: 'custom_text', description: 'From the shop' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`${ADMIN}/${res.data.id}`);
    expect(res.data).toEqual({
      id: expect.any(Number),
      name: 'cf_order_number',
      label: 'Order Number',
      label_for_customers: 'Order Number',
      description: 'From the shop',
      position: 11,
      type: 'custom_text',
      default: false,
      required_for_agents: false,
      required_for_customers: false,
      required_for_closure: false,
      customers_can_edit: false,
      displayed_to_customers: false,
      portal_cc: null,
      portal_cc_to: null,
      choices: [],
      created_at: ISO,
      updated_at: ISO,
    });
    const view = await desk.call('GET', `${ADMIN}/${res.data.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.data).toEqual(res.data);
    const list = await desk.call('GET', '/api/v2/ticket_fields');
    expect(list.data.at(-1)).toMatchObject({ name: 'cf_order_number', position: 11 });
  });

  it('creates a dropdown: choices ordered by position, admin shape in /admin, strings in /ticket_fields', async () => {
    const res = await create({
      label: 'Refund Reason',
      label_for_customers: 'Why?',
      type: 'custom_dropdown',
      required_for_closure: true,
      displayed_to_customers: true,
      customers_can_edit: true,
      required_for_customers: true,
      choices: [
        { value: 'Damaged', position: 2 },
        { value: 'Late', position: 1 },
        { value: 'Other', position: 3 },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      name: 'cf_refund_reason',
      label_for_customers: 'Why?',
      required_for_closure: true,
      required_for_customers: true,
      choices: [
        { value: 'Late', position: 1 },
        { value: 'Damaged', position: 2 },
        { value: 'Other', position: 3 },
      ],
    });
    const list = await desk.call('GET', '/api/v2/ticket_fields?type=custom_dropdown');
    expect(list.data).toHaveLength(1);
    expect(list.data[0].choices).toEqual(['Late', 'Damaged', 'Other']);
    const adminList = await desk.call('GET', `${ADMIN}?type=custom_dropdown`);
    expect(adminList.statusCode).toBe(200);
    expect(adminList.data[0].choices).toEqual(res.data.choices);
  });

  it('creates every custom type', async () => {
    for (const type of [
      'custom_paragraph',
      'custom_checkbox',
      'custom_number',
      'custom_decimal',
      'custom_date',
    ]) {
      const res = await create({ label: `Some ${type}`, type });
      expect(res.statusCode).toBe(201);
      expect(res.data).toMatchObject({ type, name: `cf_some_${type}`, choices: [] });
    }
  });

  it('names: suffix when the slug is taken, valid names for non-ASCII labels', async () => {
    const a = await create({ label: 'Order number!', type: 'custom_text' });
    expect(a.statusCode).toBe(201);
    expect(a.data.name).toBe('cf_order_number_2');
    const b = await create({ label: '注文理由', type: 'custom_text' });
    const c = await create({ label: '返品理由', type: 'custom_text' });
    expect(b.data.name).toBe('cf_field');
    expect(c.data.name).toBe('cf_field_2');
    expect(c.data.label).toBe('返品理由');
  });

  it('inserts at a given position and shifts the fields after it', async () => {
    const res = await create({ label: 'Early', type: 'custom_checkbox', position: 2 });
    expect(res.statusCode).toBe(201);
    expect(res.data.position).toBe(2);
    const list = await desk.call('GET', '/api/v2/ticket_fields');
    expect(list.data.slice(0, 3).map((f: { name: string }) => f.name)).toEqual([
      'requester',
      'cf_early',
      'subject',
    ]);
    expect(list.data.map((f: { position: number }) => f.position)).toEqual(
      list.data.map((_: unknown, i: number) => i + 1),
    );
  });

  it('400 missing_field for label and type, choices of a dropdown', async () => {
    const res = await create({});
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      description: 'Validation failed',
      errors: expect.arrayContaining([
        { field: 'label', code: 'missing_field', message: 'It should be a/an String' },
        { field: 'type', code: 'missing_field', message: expect.any(String) },
      ]),
    });
    const dropdown = await create({ label: 'No choices', type: 'custom_dropdown' });
    expect(dropdown.statusCode).toBe(400);
    expect(dropdown.data.errors).toEqual([
      { field: 'choices', code: 'missing_field', message: 'It should be a/an Array' },
    ]);
  });

  it('400 invalid_value: blank label, unknown or default type, empty or repeated choices, flag combination', async () => {
    const blank = await create({ label: '  ', type: 'custom_text' });
    expect(blank.statusCode).toBe(400);
    expect(blank.data.errors).toEqual([
      { field: 'label', code: 'invalid_value', message: 'It should not be blank' },
    ]);

    const type = await create({ label: 'X', type: 'default_status' });
    expect(type.statusCode).toBe(400);
    expect(type.data.errors).toEqual([
      {
        field: 'type',
        code: 'invalid_value',
        message:
          "It should be one of these values: 'custom_text,custom_paragraph,custom_checkbox,custom_number,custom_decimal,custom_date,custom_dropdown'",
      },
    ]);

    const empty = await create({ label: 'X', type: 'custom_dropdown', choices: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.data.errors).toEqual([
      { field: 'choices', code: 'invalid_value', message: 'It should contain at least 1 choice' },
    ]);

    const repeated = await create({
      label: 'X',
      type: 'custom_dropdown',
      choices: [{ value: 'Yes' }, { value: 'yes' }],
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.data.errors).toEqual([
      {
        field: 'choices',
        code: 'invalid_value',
        message: "It should contain unique values: 'yes' is repeated",
      },
    ]);

    const flags = await create({ label: 'X', type: 'custom_text', required_for_customers: true });
    expect(flags.statusCode).toBe(400);
    expect(flags.data.errors).toEqual([
      {
        field: 'required_for_customers',
        code: 'invalid_value',
        message: 'It can be true only when customers_can_edit and displayed_to_customers are true',
      },
    ]);
    const edit = await create({ label: 'X', type: 'custom_text', customers_can_edit: true });
    expect(edit.data.errors).toEqual([
      {
        field: 'customers_can_edit',
        code: 'invalid_value',
        message: 'It can be true only when displayed_to_customers is true',
      },
    ]);
  });

  it('400 datatype_mismatch for wrong JSON types', async () => {
    const res = await create({ label: 5, type: 'custom_text', required_for_agents: 'yes', position: '3' });
    expect(res.statusCode).toBe(400);
    expect(res.data.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'label',
          code: 'datatype_mismatch',
          message: 'Value set is of type Number.It should be a/an String',
        },
        {
          field: 'required_for_agents',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Boolean',
        },
        {
          field: 'position',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Number',
        },
      ]),
    );
    expect(res.data.errors).toHaveLength(3);
  });

  it('400 invalid_field for unknown keys, for name, and for choices on a non-dropdown', async () => {
    const res = await create({ label: 'X', type: 'custom_text', name: 'cf_mine', colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.data.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        { field: 'colour', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]),
    );
    const choices = await create({ label: 'X', type: 'custom_text', choices: [{ value: 'a' }] });
    expect(choices.statusCode).toBe(400);
    expect(choices.data.errors).toEqual([
      {
        field: 'choices',
        code: 'invalid_field',
        message: 'Unexpected/invalid field in request: only dropdown fields have choices',
      },
    ]);
    const choiceKey = await create({
      label: 'X',
      type: 'custom_dropdown',
      choices: [{ value: 'a', label: 'A' }],
    });
    expect(choiceKey.data.errors).toEqual([
      { field: 'choices.label', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
    ]);
  });

  it('409 duplicate_value for a label already used (case-insensitive, defaults included)', async () => {
    for (const label of ['order number', 'Subject']) {
      const res = await create({ label, type: 'custom_text' });
      expect(res.statusCode).toBe(409);
      expect(res.data).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'label', code: 'duplicate_value', message: 'It should be a unique value' }],
      });
    }
    const id = await idOf('cf_some_custom_date');
    const rename = await desk.call('PUT', `${ADMIN}/${id}`, { body: { label: 'ORDER NUMBER' } });
    expect(rename.statusCode).toBe(409);
    expect(rename.data.errors[0]).toMatchObject({ field: 'label', code: 'duplicate_value' });
    const same = await desk.call('PUT', `${ADMIN}/${id}`, { body: { label: 'Some custom_date' } });
    expect(same.statusCode).toBe(200);
  });

  it('updates labels, flags, description and position; the name never changes', async () => {
    const id = await idOf('cf_some_custom_number');
    const res = await desk.call('PUT', `${ADMIN}/${id}`, {
      body: {
        label: 'Seats',
        label_for_customers: 'Number of seats',
        description: null,
        required_for_agents: true,
        displayed_to_customers: true,
        position: 1,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id,
      name: 'cf_some_custom_number',
      label: 'Seats',
      label_for_customers: 'Number of seats',
      description: null,
      required_for_agents: true,
      displayed_to_customers: true,
      position: 1,
      type: 'custom_number',
    });
    const list = await desk.call('GET', '/api/v2/ticket_fields');
    expect(list.data[0].id).toBe(id);
    expect(list.data.map((f: { position: number }) => f.position)).toEqual(
      list.data.map((_: unknown, i: number) => i + 1),
    );
    // Back out of the way of the other tests.
    await desk.call('PUT', `${ADMIN}/${id}`, { body: { required_for_agents: false, position: 999 } });
  });

  it('default fields: labels and flags update, type cannot change, choices only on Type', async () => {
    const id = await idOf('group');
    const res = await desk.call('PUT', `${ADMIN}/${id}`, {
      body: { label: 'Team', required_for_closure: true, type: 'default_group' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      name: 'group',
      label: 'Team',
      required_for_closure: true,
      default: true,
    });
    await desk.call('PUT', `${ADMIN}/${id}`, { body: { label: 'Group', required_for_closure: false } });

    const type = await desk.call('PUT', `${ADMIN}/${id}`, { body: { type: 'custom_text' } });
    expect(type.statusCode).toBe(400);
    expect(type.data.errors).toEqual([
      { field: 'type', code: 'invalid_value', message: 'The type of a default field cannot be changed' },
    ]);

    const statusId = await idOf('status');
    const statusChoices = await desk.call('PUT', `${ADMIN}/${statusId}`, {
      body: { choices: [{ value: 'x' }] },
    });
    expect(statusChoices.statusCode).toBe(400);
    expect(statusChoices.data.errors[0]).toMatchObject({ field: 'choices', code: 'invalid_field' });

    const typeId = await idOf('ticket_type');
    const types = await desk.call('PUT', `${ADMIN}/${typeId}`, {
      body: {
        choices: ['Question', 'Incident', 'Problem', 'Feature Request', 'Refund', 'Lead'].map((value) => ({
          value,
        })),
      },
    });
    expect(types.statusCode).toBe(200);
    expect(types.data.choices.at(-1)).toEqual({ value: 'Lead', position: 6 });
    const pub = await desk.call('GET', '/api/v2/ticket_fields?type=default_ticket_type');
    expect(pub.data[0].choices).toContain('Lead');
  });

  it('400 when deleting a default field; it stays', async () => {
    const id = await idOf('subject');
    const res = await desk.call('DELETE', `${ADMIN}/${id}`);
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      description: 'Validation failed',
      errors: [{ field: 'id', code: 'invalid_value', message: 'Default ticket fields cannot be deleted' }],
    });
    expect((await desk.call('GET', `${ADMIN}/${id}`)).statusCode).toBe(200);
  });

  it('changes a custom field type while no ticket has a value; dropdown needs choices', async () => {
    const id = await idOf('cf_some_custom_paragraph');
    const noChoices = await desk.call('PUT', `${ADMIN}/${id}`, { body: { type: 'custom_dropdown' } });
    expect(noChoices.statusCode).toBe(400);
    expect(noChoices.data.errors).toEqual([
      { field: 'choices', code: 'missing_field', message: 'It should be a/an Array' },
    ]);
    const toDefault = await desk.call('PUT', `${ADMIN}/${id}`, { body: { type: 'default_agent' } });
    expect(toDefault.statusCode).toBe(400);
    expect(toDefault.data.errors[0]).toMatchObject({ field: 'type', code: 'invalid_value' });

    const res = await desk.call('PUT', `${ADMIN}/${id}`, {
      body: { type: 'custom_dropdown', choices: [{ value: 'A' }, { value: 'B' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      type: 'custom_dropdown',
      choices: [
        { value: 'A', position: 1 },
        { value: 'B', position: 2 },
      ],
    });
    const back = await desk.call('PUT', `${ADMIN}/${id}`, { body: { type: 'custom_paragraph' } });
    expect(back.statusCode).toBe(200);
    expect(back.data).toMatchObject({ type: 'custom_paragraph', choices: [] });
  });

  it('409 inconsistent_state: type change or choice removal that tickets still use', async () => {
    const dropdown = await create({
      label: 'Plan',
      type: 'custom_dropdown',
      choices: [{ value: 'Free' }, { value: 'Pro' }, { value: 'Max' }],
    });
    const requester = await desk.services.db
      .insertInto('contacts')
      .values({ name: 'Req', email: 'req@example.com' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date();
    await desk.services.db
      .insertInto('tickets')
      .values({
        subject: 's',
        requester_id: requester.id,
        type: 'Refund',
        custom_fields: JSON.stringify({ cf_plan: 'Pro' }),
        due_by: now,
        fr_due_by: now,
      })
      .execute();
    const url = `${ADMIN}/${dropdown.data.id}`;

    const type = await desk.call('PUT', url, { body: { type: 'custom_text' } });
    expect(type.statusCode).toBe(409);
    expect(type.data).toEqual({
      description: 'Validation failed',
      errors: [
        {
          field: 'type',
          code: 'inconsistent_state',
          message: 'The type cannot be changed while tickets have values for this field',
        },
      ],
    });

    const removeUsed = await desk.call('PUT', url, {
      body: { choices: [{ value: 'Free' }, { value: 'Max' }] },
    });
    expect(removeUsed.statusCode).toBe(409);
    expect(removeUsed.data.errors).toEqual([
      {
        field: 'choices',
        code: 'inconsistent_state',
        message: "The choice 'Pro' is used by tickets and cannot be removed",
      },
    ]);

    const removeUnused = await desk.call('PUT', url, {
      body: { choices: [{ value: 'Pro', position: 2 }, { value: 'Free', position: 1 }, { value: 'Team' }] },
    });
    expect(removeUnused.statusCode).toBe(200);
    expect(removeUnused.data.choices.map((c: { value: string }) => c.value)).toEqual(['Free', 'Pro', 'Team']);

    const typeId = await idOf('ticket_type');
    const dropRefund = await desk.call('PUT', `${ADMIN}/${typeId}`, {
      body: { choices: [{ value: 'Question' }, { value: 'Incident' }] },
    });
    expect(dropRefund.statusCode).toBe(409);
    expect(dropRefund.data.errors[0]).toMatchObject({
      field: 'choices',
      code: 'inconsistent_state',
      message: "The choice 'Refund' is used by tickets and cannot be removed",
    });
  });

  it('deletes a custom field: 204, gone from lists, its ticket values removed, positions closed', async () => {
    const id = await idOf('cf_plan');
    const res = await desk.call('DELETE', `${ADMIN}/${id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await desk.call('GET', `${ADMIN}/${id}`)).statusCode).toBe(404);
    const list = await desk.call('GET', '/api/v2/ticket_fields');
    expect(list.data.some((f: { name: string }) => f.name === 'cf_plan')).toBe(false);
    expect(list.data.map((f: { position: number }) => f.position)).toEqual(
      list.data.map((_: unknown, i: number) => i + 1),
    );
    const ticket = await desk.services.db
      .selectFrom('tickets')
      .select('custom_fields')
      .executeTakeFirstOrThrow();
    expect(ticket.custom_fields).toEqual({});
    // The name is free again, and the new field starts with no ticket values.
    const again = await create({ label: 'Plan', type: 'custom_text' });
    expect(again.data.name).toBe('cf_plan');
  });

  it('404 for unknown ids on view, update and delete; 400 for a malformed id', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await desk.call(
        method,
        `${ADMIN}/999999`,
        method === 'PUT' ? { body: { label: 'x' } } : {},
      );
      expect(res.statusCode).toBe(404);
      expect(res.data).toMatchObject({ code: 'not_found' });
    }
    const bad = await desk.call('GET', `${ADMIN}/abc`);
    expect(bad.statusCode).toBe(400);
    expect(bad.data.errors[0]).toMatchObject({ field: 'id', code: 'datatype_mismatch' });
  });

  it('403 access_denied for agents and supervisors on every admin endpoint; admins allowed', async () => {
    const id = await idOf('cf_order_number');
    const calls = [
      ['GET', ADMIN, undefined],
      ['POST', ADMIN, { label: 'Nope', type: 'custom_text' }],
      ['GET', `${ADMIN}/${id}`, undefined],
      ['PUT', `${ADMIN}/${id}`, { label: 'Nope' }],
      ['DELETE', `${ADMIN}/${id}`, undefined],
    ] as const;
    for (const key of [agentKey, supervisorKey]) {
      for (const [method, url, body] of calls) {
        const res = await desk.call(method, url, { key, ...(body ? { body } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.data).toEqual({
          code: 'access_denied',
          message: 'You are not authorized to perform this action.',
        });
      }
    }
    expect((await desk.call('GET', `${ADMIN}/${id}`, { key: adminKey })).statusCode).toBe(200);
    const created = await desk.call('POST', ADMIN, {
      key: adminKey,
      body: { label: 'By admin', type: 'custom_text' },
    });
    expect(created.statusCode).toBe(201);
    expect((await desk.call('GET', `${ADMIN}/${id}`)).data.label).toBe('Order Number');
  });
});
