import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';
import {
  createPortalReply,
  createPortalTicket,
  customerTicketForm,
  findContactTicket,
  listContactTickets,
  portalTextToHtml,
} from './index.js';
import { insertCompany, insertContact } from './ticket-test-helpers.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

async function insertField(
  desk: TestDesk,
  values: {
    name: string;
    type: string;
    label_for_customers?: string;
    position: number;
    required_for_customers?: boolean;
    customers_can_edit?: boolean;
    displayed_to_customers?: boolean;
    choices?: unknown;
  },
) {
  const now = new Date();
  await desk.services.db
    .insertInto('ticket_fields')
    .values({
      name: values.name,
      label: `Agent ${values.name}`,
      label_for_customers: values.label_for_customers ?? values.name,
      position: values.position,
      type: values.type,
      is_default: false,
      required_for_customers: values.required_for_customers ?? false,
      customers_can_edit: values.customers_can_edit ?? true,
      displayed_to_customers: values.displayed_to_customers ?? true,
      choices: values.choices === undefined ? null : JSON.stringify(values.choices),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

const ticketCount = async (desk: TestDesk) =>
  Number(
    (
      await desk.services.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(TEST_DATABASE_KINDS)('Portal tickets (%s)', (kind) => {
  let desk: TestDesk;
  let portalId: number;
  let ann: number;
  let bob: number;
  let companyId: number;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 1000 });
    const now = new Date();
    portalId = (
      await desk.services.db
        .insertInto('portals')
        .values({ name: 'Help', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    companyId = await insertCompany(desk, 'Acme');
    ann = await insertContact(desk, { name: 'Ann', email: 'ann@example.com', company_id: companyId });
    bob = await insertContact(desk, { name: 'Bob', email: 'bob@example.com' });
    await insertField(desk, {
      name: 'cf_order',
      type: 'custom_text',
      label_for_customers: 'Order number',
      position: 3,
      required_for_customers: true,
    });
    await insertField(desk, { name: 'cf_seats', type: 'custom_number', position: 50 });
    await insertField(desk, { name: 'cf_urgent', type: 'custom_checkbox', position: 51 });
    await insertField(desk, {
      name: 'cf_os',
      type: 'custom_dropdown',
      position: 52,
      choices: ['Linux', 'macOS'],
    });
    // Agents only: never on the form, and its being required must not block customers.
    await insertField(desk, {
      name: 'cf_internal',
      type: 'custom_text',
      position: 53,
      displayed_to_customers: false,
      required_for_customers: true,
    });
    // Shown but read-only for customers.
    await insertField(desk, { name: 'cf_eta', type: 'custom_date', position: 54, customers_can_edit: false });
  });
  afterAll(async () => desk?.close());

  it('the form: fields displayed to customers in position order, with their customer labels', async () => {
    const form = await customerTicketForm(desk.services);
    expect(form.map((f) => f.key)).toEqual([
      'requester',
      'subject',
      'custom_fields.cf_order',
      'status',
      'responder_id',
      'description',
      'custom_fields.cf_seats',
      'custom_fields.cf_urgent',
      'custom_fields.cf_os',
      'custom_fields.cf_eta',
    ]);
    expect(form.find((f) => f.key === 'custom_fields.cf_order')).toEqual({
      id: expect.any(Number),
      name: 'cf_order',
      key: 'custom_fields.cf_order',
      label_for_customers: 'Order number',
      description: null,
      type: 'custom_text',
      default: false,
      required_for_customers: true,
      customers_can_edit: true,
      choices: [],
    });
    expect(form.find((f) => f.name === 'cf_os')!.choices).toEqual(['Linux', 'macOS']);
    expect(form.find((f) => f.key === 'status')).toMatchObject({
      customers_can_edit: false,
      choices: {
        '2': 'Being Processed',
        '3': 'Awaiting your Reply',
        '4': 'This ticket has been Resolved',
        '5': 'This ticket has been Closed',
      },
    });
    expect(form.find((f) => f.key === 'subject')).toMatchObject({
      required_for_customers: true,
      customers_can_edit: true,
    });
    // Agent names are not shown to customers.
    expect(form.find((f) => f.key === 'responder_id')!.choices).toEqual([]);
    expect(form.some((f) => f.name === 'cf_internal' || f.key === 'group_id' || f.key === 'priority')).toBe(
      false,
    );
  });

  it('required_for_customers: every missing field is named and nothing is written', async () => {
    const before = await ticketCount(desk);
    const result = await createPortalTicket(desk.services, {
      contactId: ann,
      portalId,
      values: { subject: '  ', description: '', 'custom_fields.cf_order': '' },
    });
    expect(result).toEqual({
      errors: [
        { field: 'subject', code: 'missing_field', message: 'It should be a/an String' },
        { field: 'custom_fields.cf_order', code: 'missing_field', message: 'It should be a/an String' },
        { field: 'description', code: 'missing_field', message: 'It should be a/an String' },
      ],
    });
    expect(await ticketCount(desk)).toBe(before);
  });

  it('type errors name the custom field; read-only and unknown inputs are not taken from the form', async () => {
    const before = await ticketCount(desk);
    const result = await createPortalTicket(desk.services, {
      contactId: ann,
      portalId,
      values: {
        subject: 'Hi',
        description: 'Text',
        'custom_fields.cf_order': 'A-1',
        'custom_fields.cf_seats': 'many',
        'custom_fields.cf_os': 'Windows',
      },
    });
    expect(result).toEqual({
      errors: [
        {
          field: 'custom_fields.cf_seats',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Integer',
        },
        {
          field: 'custom_fields.cf_os',
          code: 'invalid_value',
          message: "It should be one of these values: 'Linux,macOS'",
        },
      ],
    });
    expect(await ticketCount(desk)).toBe(before);
  });

  it('creates a portal ticket: source 2, status 2, priority 1, the contact as requester, typed custom fields', async () => {
    const result = await createPortalTicket(desk.services, {
      contactId: ann,
      portalId,
      values: {
        subject: ' Printer on fire ',
        description: 'It <b>burns</b>.\n\nHelp & quick',
        'custom_fields.cf_order': 'A-42',
        'custom_fields.cf_seats': '12',
        'custom_fields.cf_urgent': 'on',
        'custom_fields.cf_os': 'Linux',
        'custom_fields.cf_eta': '2030-01-01',
        'custom_fields.cf_internal': 'sneaky',
        status: '5',
        priority: '4',
        responder_id: '1',
        csrf: 'token-is-ignored',
      },
    });
    if (!('ticketId' in result)) throw new Error(JSON.stringify(result));
    const res = await desk.call('GET', `/api/v2/tickets/${result.ticketId}`);
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      subject: 'Printer on fire',
      description: '<p>It &lt;b&gt;burns&lt;/b&gt;.</p><p>Help &amp; quick</p>',
      description_text: 'It <b>burns</b>.\nHelp & quick',
      source: 2,
      status: 2,
      priority: 1,
      requester_id: ann,
      responder_id: null,
      company_id: companyId,
      custom_fields: {
        cf_order: 'A-42',
        cf_seats: 12,
        cf_urgent: true,
        cf_os: 'Linux',
        cf_eta: null,
        cf_internal: null,
      },
    });
  });

  it('an unchecked checkbox is false; a ticket without the optional fields leaves them unset', async () => {
    const result = await createPortalTicket(desk.services, {
      contactId: bob,
      portalId,
      values: { subject: 'Bob asks', description: 'Question', 'custom_fields.cf_order': 'B-1' },
    });
    if (!('ticketId' in result)) throw new Error(JSON.stringify(result));
    const res = await desk.call('GET', `/api/v2/tickets/${result.ticketId}`);
    expect(res.data.custom_fields).toMatchObject({
      cf_order: 'B-1',
      cf_urgent: false,
      cf_seats: null,
      cf_os: null,
    });
    expect(res.data.company_id).toBeNull();
  });

  it('lists only the contact’s own tickets; another contact’s ticket is not found', async () => {
    const annTickets = await listContactTickets(desk.services, ann);
    const bobTickets = await listContactTickets(desk.services, bob);
    expect(annTickets.length).toBeGreaterThan(0);
    expect(bobTickets).toHaveLength(1);
    expect(bobTickets[0]).toEqual({
      id: expect.any(Number),
      subject: 'Bob asks',
      status: 2,
      status_label: 'Being Processed',
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    const annIds = new Set(annTickets.map((t) => t.id));
    expect(annIds.has(bobTickets[0]!.id)).toBe(false);
    expect(await findContactTicket(desk.services, ann, bobTickets[0]!.id)).toBeUndefined();
    expect(await findContactTicket(desk.services, bob, bobTickets[0]!.id)).toBeDefined();
    expect(await findContactTicket(desk.services, bob, 999_999)).toBeUndefined();
    expect(await findContactTicket(desk.services, bob, Number.NaN)).toBeUndefined();
  });

  it('shows the public conversation only: private notes never reach the portal', async () => {
    const created = await createPortalTicket(desk.services, {
      contactId: ann,
      portalId,
      values: { subject: 'Conversation', description: 'First', 'custom_fields.cf_order': 'C-1' },
    });
    if (!('ticketId' in created)) throw new Error('create failed');
    const id = created.ticketId;
    const note = await desk.call('POST', `/api/v2/tickets/${id}/notes`, {
      body: { body: 'SECRET internal note' },
    });
    expect(note.statusCode).toBe(201);
    const reply = await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
      body: { body: '<p>We are on it</p>' },
    });
    expect(reply.statusCode).toBe(201);
    const publicNote = await desk.call('POST', `/api/v2/tickets/${id}/notes`, {
      body: { body: 'Public note', private: false },
    });
    expect(publicNote.statusCode).toBe(201);

    const ticket = await findContactTicket(desk.services, ann, id);
    expect(ticket).toMatchObject({
      id,
      subject: 'Conversation',
      description: '<p>First</p>',
      status: 2,
      status_label: 'Being Processed',
      custom_fields: [
        { name: 'cf_order', label: 'Order number', type: 'custom_text', value: 'C-1' },
        { name: 'cf_urgent', label: 'cf_urgent', type: 'custom_checkbox', value: false },
      ],
    });
    expect(ticket!.conversations).toEqual([
      {
        id: reply.data.id,
        body: '<p>We are on it</p>',
        body_text: 'We are on it',
        incoming: false,
        author_name: expect.any(String),
        created_at: expect.stringMatching(ISO),
      },
      expect.objectContaining({ id: publicNote.data.id, body_text: 'Public note' }),
    ]);
    expect(JSON.stringify(ticket)).not.toContain('SECRET');
    expect(Object.keys(ticket!.conversations[0]!)).not.toContain('private');
  });

  it('a reply is public and incoming by the contact; replying to a resolved ticket reopens it', async () => {
    const created = await createPortalTicket(desk.services, {
      contactId: ann,
      portalId,
      values: { subject: 'Reopen me', description: 'x', 'custom_fields.cf_order': 'R-1' },
    });
    if (!('ticketId' in created)) throw new Error('create failed');
    const id = created.ticketId;

    const open = await createPortalReply(desk.services, {
      contactId: ann,
      ticketId: id,
      body: 'Still open <script>x</script>',
    });
    expect(open).toEqual({ conversationId: expect.any(Number), reopened: false });

    const resolved = await desk.call('PUT', `/api/v2/tickets/${id}`, { body: { status: 4 } });
    expect(resolved.statusCode).toBe(200);
    const again = await createPortalReply(desk.services, {
      contactId: ann,
      ticketId: id,
      body: 'It broke again',
    });
    expect(again).toEqual({ conversationId: expect.any(Number), reopened: true });

    const res = await desk.call('GET', `/api/v2/tickets/${id}?include=stats,conversations`);
    expect(res.data.status).toBe(2);
    expect(res.data.stats.reopened_at).toMatch(ISO);
    expect(res.data.stats.requester_responded_at).toMatch(ISO);
    const conversations = res.data.conversations as {
      id: number;
      incoming: boolean;
      private: boolean;
      user_id: number;
      source: number;
      from_email: string;
      body: string;
    }[];
    const mine = conversations.filter((c) => c.user_id === ann);
    expect(mine).toHaveLength(2);
    for (const c of mine) {
      expect(c).toMatchObject({ incoming: true, private: false, source: 0, from_email: 'ann@example.com' });
    }
    expect(mine[0]!.body).toBe('<p>Still open &lt;script&gt;x&lt;/script&gt;</p>');

    const portalView = await findContactTicket(desk.services, ann, id);
    expect(portalView!.status_label).toBe('Being Processed');
    expect(portalView!.conversations.map((c) => [c.body_text, c.incoming, c.author_name])).toEqual([
      ['Still open <script>x</script>', true, 'Ann'],
      ['It broke again', true, 'Ann'],
    ]);
  });

  it('a closed ticket reopens too; blank replies and other contacts’ tickets are refused', async () => {
    const created = await createPortalTicket(desk.services, {
      contactId: bob,
      portalId,
      values: { subject: 'Closed one', description: 'x', 'custom_fields.cf_order': 'Z-1' },
    });
    if (!('ticketId' in created)) throw new Error('create failed');
    const id = created.ticketId;
    expect((await desk.call('PUT', `/api/v2/tickets/${id}`, { body: { status: 5 } })).statusCode).toBe(200);

    expect(
      await createPortalReply(desk.services, { contactId: ann, ticketId: id, body: 'Not mine' }),
    ).toBeUndefined();
    expect(await createPortalReply(desk.services, { contactId: bob, ticketId: id, body: '   ' })).toEqual({
      errors: [{ field: 'body', code: 'missing_field', message: 'It should not be blank' }],
    });
    const status = await desk.call('GET', `/api/v2/tickets/${id}`);
    expect(status.data.status).toBe(5);

    expect(
      await createPortalReply(desk.services, { contactId: bob, ticketId: id, body: 'Please reopen' }),
    ).toEqual({
      conversationId: expect.any(Number),
      reopened: true,
    });
    expect((await desk.call('GET', `/api/v2/tickets/${id}`)).data.status).toBe(2);
  });

  it('deleted tickets leave the contact’s list and view', async () => {
    const created = await createPortalTicket(desk.services, {
      contactId: bob,
      portalId,
      values: { subject: 'To delete', description: 'x', 'custom_fields.cf_order': 'D-1' },
    });
    if (!('ticketId' in created)) throw new Error('create failed');
    expect((await desk.call('DELETE', `/api/v2/tickets/${created.ticketId}`)).statusCode).toBe(204);
    expect((await listContactTickets(desk.services, bob)).map((t) => t.id)).not.toContain(created.ticketId);
    expect(await findContactTicket(desk.services, bob, created.ticketId)).toBeUndefined();
  });
});

describe('portalTextToHtml', () => {
  it('escapes markup and keeps paragraphs and line breaks', () => {
    expect(portalTextToHtml('a <i>b</i>\nc\r\n\r\n\n"d" & \'e\'')).toBe(
      '<p>a &lt;i&gt;b&lt;/i&gt;<br>c</p><p>&quot;d&quot; &amp; &#39;e&#39;</p>',
    );
  });
});
