import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';
import { checkTicketFields, customFieldDefaults, type TicketFieldCheckInput } from './check-ticket-fields.js';

const ADMIN = '/api/v2/admin/ticket_fields';
const FULL = { subject: 'Broken', description: '<p>It broke</p>', status: 2, priority: 1 };

describe.each(TEST_DATABASE_KINDS)('checkTicketFields (%s)', (kind) => {
  let desk: TestDesk;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 10_000 });
    const fields = [
      { label: 'Note', type: 'custom_text' },
      { label: 'Details', type: 'custom_paragraph' },
      { label: 'Urgent', type: 'custom_checkbox' },
      { label: 'Seats', type: 'custom_number' },
      { label: 'Amount', type: 'custom_decimal' },
      { label: 'Since', type: 'custom_date' },
      { label: 'Plan', type: 'custom_dropdown', choices: [{ value: 'Free' }, { value: 'Pro' }] },
    ];
    for (const body of fields) {
      const res = await desk.call('POST', ADMIN, { body });
      expect(res.statusCode).toBe(201);
      ids[res.data.name] = res.data.id;
    }
  });
  afterAll(async () => desk?.close());

  const check = (input: Partial<TicketFieldCheckInput>) =>
    checkTicketFields(desk.services.db, {
      audience: 'agent',
      isCreate: true,
      values: FULL,
      customFields: undefined,
      existingCustomFields: {},
      ...input,
    });
  const setField = async (name: string, body: Record<string, unknown>) => {
    const id = ids[name] ?? (await fieldId(name));
    const res = await desk.call('PUT', `${ADMIN}/${id}`, { body });
    expect(res.statusCode).toBe(200);
  };
  const fieldId = async (name: string) => {
    const list = await desk.call('GET', '/api/v2/ticket_fields');
    return list.data.find((f: { name: string }) => f.name === name).id as number;
  };

  it('customFieldDefaults maps every custom field to null (and no default field)', async () => {
    expect(await customFieldDefaults(desk.services.db)).toEqual({
      cf_note: null,
      cf_details: null,
      cf_urgent: null,
      cf_seats: null,
      cf_amount: null,
      cf_since: null,
      cf_plan: null,
    });
  });

  it('accepts a valid value of every type and returns them normalized', async () => {
    const customFields = {
      cf_note: 'hello',
      cf_details: 'long\ntext',
      cf_urgent: false,
      cf_seats: 12,
      cf_amount: 12.5,
      cf_since: '2024-02-29',
      cf_plan: 'Pro',
    };
    const result = await check({ customFields });
    expect(result).toEqual({ errors: [], customFields });
  });

  it('merges over existing values; null and "" clear; unknown stored keys are dropped', async () => {
    const result = await check({
      isCreate: false,
      customFields: { cf_note: null, cf_since: '', cf_seats: 3 },
      existingCustomFields: { cf_note: 'old', cf_plan: 'Free', cf_since: '2020-01-01', cf_gone: 'x' },
    });
    expect(result).toEqual({
      errors: [],
      customFields: { cf_note: null, cf_plan: 'Free', cf_since: null, cf_seats: 3 },
    });
    const untouched = await check({ isCreate: false, existingCustomFields: { cf_plan: 'Free' } });
    expect(untouched).toEqual({ errors: [], customFields: { cf_plan: 'Free' } });
  });

  it('invalid_field for an unknown custom field key', async () => {
    const result = await check({ customFields: { cf_nope: 1, cf_note: 'ok' } });
    expect(result.errors).toEqual([
      {
        field: 'custom_fields.cf_nope',
        code: 'invalid_field',
        message: 'Unexpected/invalid field in request',
      },
    ]);
  });

  it('datatype_mismatch for wrong JSON types, per type', async () => {
    const result = await check({
      customFields: {
        cf_note: 5,
        cf_details: true,
        cf_urgent: 'yes',
        cf_seats: '12',
        cf_amount: '1.5',
        cf_since: 20240101,
        cf_plan: ['Pro'],
      },
    });
    expect(result.errors).toEqual([
      {
        field: 'custom_fields.cf_note',
        code: 'datatype_mismatch',
        message: 'Value set is of type Integer.It should be a/an String',
      },
      {
        field: 'custom_fields.cf_details',
        code: 'datatype_mismatch',
        message: 'Value set is of type Boolean.It should be a/an String',
      },
      {
        field: 'custom_fields.cf_urgent',
        code: 'datatype_mismatch',
        message: 'Value set is of type String.It should be a/an Boolean',
      },
      {
        field: 'custom_fields.cf_seats',
        code: 'datatype_mismatch',
        message: 'Value set is of type String.It should be a/an Integer',
      },
      {
        field: 'custom_fields.cf_amount',
        code: 'datatype_mismatch',
        message: 'Value set is of type String.It should be a/an Number',
      },
      {
        field: 'custom_fields.cf_since',
        code: 'datatype_mismatch',
        message: 'Value set is of type Integer.It should be a/an Date',
      },
      {
        field: 'custom_fields.cf_plan',
        code: 'datatype_mismatch',
        message: 'Value set is of type Array.It should be a/an String',
      },
    ]);
    const decimal = await check({ customFields: { cf_seats: 1.5 } });
    expect(decimal.errors).toEqual([
      {
        field: 'custom_fields.cf_seats',
        code: 'datatype_mismatch',
        message: 'Value set is of type Decimal.It should be a/an Integer',
      },
    ]);
    const notObject = await check({ customFields: ['x'] as unknown as Record<string, unknown> });
    expect(notObject.errors).toEqual([
      {
        field: 'custom_fields',
        code: 'datatype_mismatch',
        message: 'Value set is of type Array.It should be a/an key/value pair',
      },
    ]);
  });

  it('invalid_value for a dropdown value not in choices, a bad date, a too long text, a type not in choices', async () => {
    const result = await check({
      customFields: { cf_plan: 'Gold', cf_since: '2023-02-29', cf_note: 'x'.repeat(256) },
      values: { ...FULL, type: 'Complaint' },
    });
    expect(result.errors).toEqual([
      {
        field: 'custom_fields.cf_plan',
        code: 'invalid_value',
        message: "It should be one of these values: 'Free,Pro'",
      },
      {
        field: 'custom_fields.cf_since',
        code: 'invalid_value',
        message: "It should be in the 'yyyy-mm-dd' format",
      },
      {
        field: 'custom_fields.cf_note',
        code: 'invalid_value',
        message: 'Has 256 characters, it can have maximum of 255 characters',
      },
      {
        field: 'type',
        code: 'invalid_value',
        message: "It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'",
      },
    ]);
    for (const date of ['2024-1-01', '2024-01-01T00:00:00Z', '01/02/2024', '2024-13-01']) {
      const bad = await check({ customFields: { cf_since: date } });
      expect(
        bad.errors.map((e) => e.code),
        date,
      ).toEqual(['invalid_value']);
    }
    expect((await check({ values: { ...FULL, type: 'Refund' } })).errors).toEqual([]);
    expect((await check({ values: { ...FULL, type: null } })).errors).toEqual([]);
  });

  it('create: default required_for_agents fields absent or blank are missing_field by API name', async () => {
    const result = await check({ values: { subject: '  ', status: 2 } });
    expect(result.errors).toEqual([
      { field: 'subject', code: 'missing_field', message: 'It should be a/an String' },
      { field: 'priority', code: 'missing_field', message: "It should be one of these values: '1,2,3,4'" },
      { field: 'description', code: 'missing_field', message: 'It should be a/an String' },
    ]);
  });

  it('required_for_agents on default fields maps to type, group_id, responder_id, company_id', async () => {
    for (const name of ['ticket_type', 'group', 'agent', 'company'])
      await setField(name, { required_for_agents: true });
    try {
      const result = await check({});
      expect(result.errors).toEqual([
        {
          field: 'type',
          code: 'missing_field',
          message: "It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'",
        },
        { field: 'group_id', code: 'missing_field', message: 'It should be a/an Positive Integer' },
        { field: 'responder_id', code: 'missing_field', message: 'It should be a/an Positive Integer' },
        { field: 'company_id', code: 'missing_field', message: 'It should be a/an Positive Integer' },
      ]);
      const filled = await check({
        values: { ...FULL, type: 'Question', group_id: 1, responder_id: 2, company_id: 3 },
      });
      expect(filled.errors).toEqual([]);
      // Customers are not held to agent-only requirements.
      expect((await check({ audience: 'customer' })).errors).toEqual([]);
    } finally {
      for (const name of ['ticket_type', 'group', 'agent', 'company'])
        await setField(name, { required_for_agents: false });
    }
  });

  it('required custom fields: missing on create, cleared on update; untouched on update is fine', async () => {
    await setField('cf_plan', { required_for_agents: true });
    await setField('cf_urgent', { required_for_agents: true });
    try {
      const missing = await check({ customFields: { cf_note: 'x' } });
      expect(missing.errors).toEqual([
        { field: 'custom_fields.cf_urgent', code: 'missing_field', message: 'It should be a/an Boolean' },
        {
          field: 'custom_fields.cf_plan',
          code: 'missing_field',
          message: "It should be one of these values: 'Free,Pro'",
        },
      ]);
      const blank = await check({ customFields: { cf_plan: '', cf_urgent: null } });
      expect(blank.errors.map((e) => [e.field, e.code])).toEqual([
        ['custom_fields.cf_urgent', 'missing_field'],
        ['custom_fields.cf_plan', 'missing_field'],
      ]);
      // A checkbox left unticked (false) is a value.
      expect((await check({ customFields: { cf_plan: 'Free', cf_urgent: false } })).errors).toEqual([]);

      const update = { isCreate: false, existingCustomFields: {} };
      expect((await check({ ...update, customFields: { cf_note: 'y' } })).errors).toEqual([]);
      expect((await check({ ...update, customFields: undefined })).errors).toEqual([]);
      const cleared = await check({
        isCreate: false,
        customFields: { cf_plan: null },
        existingCustomFields: { cf_plan: 'Pro', cf_urgent: true },
      });
      expect(cleared.errors).toEqual([
        {
          field: 'custom_fields.cf_plan',
          code: 'missing_field',
          message: "It should be one of these values: 'Free,Pro'",
        },
      ]);
    } finally {
      await setField('cf_plan', { required_for_agents: false });
      await setField('cf_urgent', { required_for_agents: false });
    }
  });

  it('update: clearing a required default field is an error, an unknown (undefined) one is not', async () => {
    const cleared = await check({ isCreate: false, values: { ...FULL, subject: null, description: '' } });
    expect(cleared.errors).toEqual([
      { field: 'subject', code: 'missing_field', message: 'It should be a/an String' },
      { field: 'description', code: 'missing_field', message: 'It should be a/an String' },
    ]);
    expect((await check({ isCreate: false, values: { status: 3 } })).errors).toEqual([]);
  });

  it('required_for_customers applies to the customer audience only', async () => {
    await setField('cf_seats', {
      displayed_to_customers: true,
      customers_can_edit: true,
      required_for_customers: true,
    });
    try {
      const customer = await check({ audience: 'customer', values: {} });
      expect(customer.errors).toEqual([
        { field: 'subject', code: 'missing_field', message: 'It should be a/an String' },
        { field: 'description', code: 'missing_field', message: 'It should be a/an String' },
        { field: 'custom_fields.cf_seats', code: 'missing_field', message: 'It should be a/an Integer' },
      ]);
      expect((await check({ audience: 'agent' })).errors).toEqual([]);
      const ok = await check({ audience: 'customer', customFields: { cf_seats: 4 } });
      expect(ok).toEqual({ errors: [], customFields: { cf_seats: 4 } });
    } finally {
      await setField('cf_seats', {
        required_for_customers: false,
        customers_can_edit: false,
        displayed_to_customers: false,
      });
    }
  });

  it('customers may only set fields they can edit', async () => {
    const result = await check({ audience: 'customer', customFields: { cf_note: 'sneaky' } });
    expect(result.errors).toEqual([
      {
        field: 'custom_fields.cf_note',
        code: 'invalid_field',
        message: 'Unexpected/invalid field in request',
      },
    ]);
  });

  it('required_for_closure: empty fields block status 4 and 5, not 2 or 3', async () => {
    await setField('cf_amount', { required_for_closure: true });
    await setField('group', { required_for_closure: true });
    try {
      for (const status of [4, 5]) {
        const result = await check({
          isCreate: false,
          values: { ...FULL, status },
          existingCustomFields: {},
        });
        expect(result.errors).toEqual([
          { field: 'group_id', code: 'missing_field', message: 'It should be a/an Positive Integer' },
          { field: 'custom_fields.cf_amount', code: 'missing_field', message: 'It should be a/an Number' },
        ]);
      }
      for (const status of [2, 3]) {
        expect((await check({ isCreate: false, values: { ...FULL, status } })).errors).toEqual([]);
      }
      const stored = await check({
        isCreate: false,
        values: { ...FULL, status: 4, group_id: 7 },
        existingCustomFields: { cf_amount: 0 },
      });
      expect(stored.errors).toEqual([]);
      const sent = await check({
        values: { ...FULL, status: 5, group_id: 7 },
        customFields: { cf_amount: 9.99 },
      });
      expect(sent).toEqual({ errors: [], customFields: { cf_amount: 9.99 } });
      const clearing = await check({
        isCreate: false,
        values: { ...FULL, status: 4, group_id: 7 },
        customFields: { cf_amount: null },
        existingCustomFields: { cf_amount: 1 },
      });
      expect(clearing.errors).toEqual([
        { field: 'custom_fields.cf_amount', code: 'missing_field', message: 'It should be a/an Number' },
      ]);
    } finally {
      await setField('cf_amount', { required_for_closure: false });
      await setField('group', { required_for_closure: false });
    }
  });

  it('sees a field added by an admin on the very next call (no stale cache)', async () => {
    expect((await check({})).errors).toEqual([]);
    const res = await desk.call('POST', ADMIN, {
      body: { label: 'Region', type: 'custom_text', required_for_agents: true },
    });
    expect(res.statusCode).toBe(201);
    expect((await check({})).errors).toEqual([
      { field: 'custom_fields.cf_region', code: 'missing_field', message: 'It should be a/an String' },
    ]);
    expect(await customFieldDefaults(desk.services.db)).toHaveProperty('cf_region', null);
    await desk.call('DELETE', `${ADMIN}/${res.data.id}`);
    expect((await check({})).errors).toEqual([]);
    expect(await customFieldDefaults(desk.services.db)).not.toHaveProperty('cf_region');
  });

  it('runs inside a caller transaction and sees its uncommitted field changes', async () => {
    await desk.services.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('ticket_fields')
        .set({ required_for_agents: true })
        .where('name', '=', 'cf_details')
        .execute();
      const result = await checkTicketFields(trx, {
        audience: 'agent',
        isCreate: true,
        values: FULL,
        customFields: undefined,
        existingCustomFields: {},
      });
      expect(result.errors).toEqual([
        { field: 'custom_fields.cf_details', code: 'missing_field', message: 'It should be a/an String' },
      ]);
      await trx
        .updateTable('ticket_fields')
        .set({ required_for_agents: false })
        .where('name', '=', 'cf_details')
        .execute();
    });
  });
});
