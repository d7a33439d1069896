import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import {
  insertCompany,
  insertContact,
  insertCustomField,
  insertGroup,
  ISO,
  multipart,
} from './ticket-test-helpers.js';

const HOUR = 3600_000;
const ONE_OF =
  'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields';

describe.each(TEST_DATABASE_KINDS)('tickets API (%s)', (kind) => {
  let desk: TestDesk;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 7)}`;
  const newTicket = (extra: Record<string, unknown> = {}) =>
    desk.call('POST', '/api/v2/tickets', {
      body: {
        email: `${unique('req')}@example.com`,
        subject: 'Printer on fire',
        description: '<p>Help</p>',
        ...extra,
      },
    });

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    await insertCustomField(desk, 'cf_reason', 'custom_text');
    await insertCustomField(desk, 'cf_count', 'custom_number');
    await insertCustomField(desk, 'cf_root_cause', 'custom_text', { required_for_closure: true });
  });
  afterAll(async () => desk?.close());

  describe('POST /tickets', () => {
    it('creates a ticket with a new requester, defaults, sanitized description and SLA due dates', async () => {
      const before = Date.now();
      const res = await desk.call('POST', '/api/v2/tickets', {
        body: {
          email: 'Jane.Doe@Example.com',
          subject: 'Printer on fire',
          description: '<p>It <b>burns</b><script>alert(1)</script></p>',
          tags: ['fire'],
          cc_emails: ['boss@example.com'],
          custom_fields: { cf_reason: 'hardware' },
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/tickets/${res.data.id}$`));
      expect(res.data).toMatchObject({
        subject: 'Printer on fire',
        description: '<p>It <b>burns</b></p>',
        description_text: 'It burns',
        status: 2,
        priority: 1,
        source: 2,
        type: null,
        responder_id: null,
        group_id: null,
        company_id: null,
        cc_emails: ['boss@example.com'],
        tags: ['fire'],
        attachments: [],
        spam: false,
        deleted: false,
        fr_escalated: false,
        is_escalated: false,
        // Unset custom fields show as null next to the stored ones.
        custom_fields: { cf_reason: 'hardware', cf_count: null, cf_root_cause: null },
      });
      expect(res.data.created_at).toMatch(ISO);
      // Low priority: first response in 24 h, resolution in 72 h.
      const created = Date.parse(res.data.created_at);
      expect(created).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(Date.parse(res.data.fr_due_by) - created).toBe(24 * HOUR);
      expect(Date.parse(res.data.due_by) - created).toBe(72 * HOUR);

      const requester = await desk.services.db
        .selectFrom('contacts')
        .select(['id', 'name', 'email'])
        .where('id', '=', res.data.requester_id)
        .executeTakeFirstOrThrow();
      expect(requester).toMatchObject({ name: 'Jane.Doe', email: 'Jane.Doe@Example.com' });

      // The same email (any case) reuses the contact.
      const again = await newTicket({ email: 'jane.doe@example.com' });
      expect(again.data.requester_id).toBe(res.data.requester_id);
    });

    it('uses requester_id and defaults company_id to the requester company', async () => {
      const companyId = await insertCompany(desk, unique('Acme'));
      const contactId = await insertContact(desk, {
        name: 'Bob',
        email: `${unique('bob')}@x.com`,
        company_id: companyId,
      });
      const res = await desk.call('POST', '/api/v2/tickets', {
        body: { requester_id: contactId, subject: 'S', description: 'D', priority: 4, status: 3, source: 7 },
      });
      expect(res.statusCode).toBe(201);
      expect(res.data).toMatchObject({
        requester_id: contactId,
        company_id: companyId,
        priority: 4,
        status: 3,
        source: 7,
      });
      expect(Date.parse(res.data.fr_due_by) - Date.parse(res.data.created_at)).toBe(HOUR);
      const view = await desk.call('GET', `/api/v2/tickets/${res.data.id}?include=stats`);
      expect(view.data.stats.pending_since).toMatch(ISO);
    });

    it('creates requesters from phone (+ name) and unique_external_id', async () => {
      const phone = await newTicket({ email: undefined, phone: '+1 555 0100', name: 'Phone Person' });
      expect(phone.statusCode).toBe(201);
      const ext = await newTicket({ email: undefined, unique_external_id: unique('ext') });
      expect(ext.statusCode).toBe(201);
      const contacts = await desk.services.db
        .selectFrom('contacts')
        .select(['id', 'name', 'phone', 'unique_external_id'])
        .where('id', 'in', [phone.data.requester_id, ext.data.requester_id])
        .orderBy('id')
        .execute();
      expect(contacts[0]).toMatchObject({ name: 'Phone Person', phone: '+1 555 0100' });
      expect(contacts[1]!.unique_external_id).toMatch(/^ext-/);
    });

    it('keeps given due dates', async () => {
      const res = await newTicket({ due_by: '2030-01-02T00:00:00Z', fr_due_by: '2030-01-01T00:00:00Z' });
      expect(res.statusCode).toBe(201);
      expect(res.data).toMatchObject({ due_by: '2030-01-02T00:00:00Z', fr_due_by: '2030-01-01T00:00:00Z' });
    });

    it('missing_field on every requester identity when none is given', async () => {
      const res = await desk.call('POST', '/api/v2/tickets', { body: { subject: 'S', description: 'D' } });
      expect(res.statusCode).toBe(400);
      expect(res.data.description).toBe('Validation failed');
      expect(res.data.errors).toEqual(
        ['requester_id', 'phone', 'email', 'twitter_id', 'facebook_id', 'unique_external_id'].map(
          (field) => ({
            field,
            code: 'missing_field',
            message: ONE_OF,
          }),
        ),
      );
    });

    it('missing_field name when only a phone is given; required ticket fields are enforced', async () => {
      const res = await desk.call('POST', '/api/v2/tickets', { body: { phone: '12345' } });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', code: 'missing_field', message: 'It should be a/an String' },
          expect.objectContaining({ field: 'subject', code: 'missing_field' }),
          expect.objectContaining({ field: 'description', code: 'missing_field' }),
        ]),
      );
    });

    it('invalid_value for enums, unknown references and bad emails, all reported at once', async () => {
      const contactId = await insertContact(desk, { name: 'Not an agent' });
      const res = await desk.call('POST', '/api/v2/tickets', {
        body: {
          email: 'not-an-email',
          subject: 'S',
          description: 'D',
          status: 9,
          priority: 7,
          source: 4,
          cc_emails: ['ok@example.com', 'nope'],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'email',
            code: 'invalid_value',
            message: "It should be in the 'valid email address' format",
          },
          { field: 'status', code: 'invalid_value', message: "It should be one of these values: '2,3,4,5'" },
          {
            field: 'priority',
            code: 'invalid_value',
            message: "It should be one of these values: '1,2,3,4'",
          },
          {
            field: 'source',
            code: 'invalid_value',
            message: "It should be one of these values: '1,2,3,7,9,10'",
          },
          {
            field: 'cc_emails',
            code: 'invalid_value',
            message: "It should contain elements that are in the 'valid email address' format",
          },
        ]),
      );
      const refs = await newTicket({ responder_id: contactId, group_id: 999999, company_id: 999999 });
      expect(refs.statusCode).toBe(400);
      expect(refs.data.errors).toEqual([
        {
          field: 'responder_id',
          code: 'invalid_value',
          message: 'There is no agent matching the given responder_id',
        },
        {
          field: 'group_id',
          code: 'invalid_value',
          message: 'There is no group matching the given group_id',
        },
        {
          field: 'company_id',
          code: 'invalid_value',
          message: 'There is no company matching the given company_id',
        },
      ]);
      const requester = await newTicket({ email: undefined, requester_id: 999999 });
      expect(requester.data.errors).toEqual([
        {
          field: 'requester_id',
          code: 'invalid_value',
          message: 'There is no contact matching the given requester_id',
        },
      ]);
    });

    it('invalid_value when due_by is before fr_due_by', async () => {
      const res = await newTicket({ due_by: '2030-01-01T00:00:00Z', fr_due_by: '2030-01-02T00:00:00Z' });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'due_by',
          code: 'invalid_value',
          message: 'It should be greater than or equal to fr_due_by',
        },
      ]);
    });

    it('datatype_mismatch for wrong JSON types, invalid_field for unknown keys', async () => {
      const res = await newTicket({ status: '2', tags: 'one', foo: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'status',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Number',
          },
          {
            field: 'tags',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Array',
          },
          { field: 'foo', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
    });

    it('passes custom fields through the field rules (errors merged with its own)', async () => {
      const res = await newTicket({ priority: 9, custom_fields: { cf_count: 'x', cf_nope: 1 } });
      expect(res.statusCode).toBe(400);
      const fieldsOnly = await newTicket({
        custom_fields: { cf_count: 'x', cf_nope: 1 },
        responder_id: 999999,
      });
      expect(fieldsOnly.data.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'responder_id', code: 'invalid_value' }),
          expect.objectContaining({ field: 'custom_fields.cf_count', code: 'datatype_mismatch' }),
          expect.objectContaining({ field: 'custom_fields.cf_nope', code: 'invalid_field' }),
        ]),
      );
    });

    it('rejects attachments in a JSON body', async () => {
      const res = await newTicket({ attachments: ['file'] });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'attachments',
          code: 'invalid_value',
          message: 'Attachments must be sent as multipart/form-data',
        },
      ]);
    });

    it('401 without credentials', async () => {
      const res = await desk.call('POST', '/api/v2/tickets', { key: null, body: {} });
      expect(res.statusCode).toBe(401);
      expect(res.data.code).toBe('invalid_credentials');
    });
  });

  describe('multipart and attachments', () => {
    it('creates a ticket from multipart with coerced fields, arrays and attachments; downloads them', async () => {
      const { payload, headers } = multipart(
        [
          ['email', `${unique('mp')}@example.com`],
          ['subject', 'With files'],
          ['description', '<p>see attached</p>'],
          ['priority', '3'],
          ['status', '2'],
          ['tags[]', 'a'],
          ['tags[]', 'b'],
          ['cc_emails[]', 'c1@example.com'],
          ['custom_fields[cf_count]', '5'],
          ['custom_fields[cf_reason]', '42'],
        ],
        [
          {
            field: 'attachments[]',
            filename: 'notes.txt',
            contentType: 'text/plain',
            data: Buffer.from('hello file'),
          },
          {
            field: 'attachments[]',
            filename: 'pixel.png',
            contentType: 'image/png',
            data: Buffer.from([137, 80, 78, 71]),
          },
        ],
      );
      const res = await desk.call('POST', '/api/v2/tickets', { payload, headers });
      expect(res.statusCode).toBe(201);
      expect(res.data).toMatchObject({
        priority: 3,
        tags: ['a', 'b'],
        cc_emails: ['c1@example.com'],
        custom_fields: { cf_count: 5, cf_reason: '42' },
      });
      expect(res.data.attachments).toHaveLength(2);
      const [first, second] = res.data.attachments;
      expect(first).toEqual({
        id: expect.any(Number),
        name: 'notes.txt',
        content_type: 'text/plain',
        size: 10,
        attachment_url: expect.stringMatching(new RegExp(`/api/v2/attachments/${first.id}$`)),
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      expect(second).toMatchObject({ name: 'pixel.png', size: 4 });

      const download = await desk.call('GET', `/api/v2/attachments/${first.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toMatch(/^text\/plain/);
      expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''notes.txt");
      expect(download.body).toBe('hello file');
      // A browser or client asking for the file's own type still gets it (no 406).
      const typed = await desk.call('GET', `/api/v2/attachments/${second.id}`, {
        headers: { accept: 'image/png' },
      });
      expect(typed.statusCode).toBe(200);
      expect(typed.headers['content-type']).toMatch(/^image\/png/);

      const view = await desk.call('GET', `/api/v2/tickets/${res.data.id}`);
      expect(view.data.attachments.map((a: { id: number }) => a.id)).toEqual([first.id, second.id]);
    });

    it('reply and note accept multipart attachments and coerce booleans', async () => {
      const ticket = await newTicket();
      const reply = multipart(
        [['body', 'see file']],
        [
          {
            field: 'attachments[]',
            filename: 'r.txt',
            contentType: 'text/plain',
            data: Buffer.from('reply'),
          },
        ],
      );
      const r = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/reply`, reply);
      expect(r.statusCode).toBe(201);
      expect(r.data.attachments).toEqual([expect.objectContaining({ name: 'r.txt', size: 5 })]);
      const note = multipart(
        [
          ['body', 'public note'],
          ['private', 'false'],
        ],
        [{ field: 'attachments[]', filename: 'n.txt', contentType: 'text/plain', data: Buffer.from('note') }],
      );
      const n = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, note);
      expect(n.statusCode).toBe(201);
      expect(n.data).toMatchObject({ private: false, source: 2 });
      const list = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}/conversations`);
      expect(list.data.map((c: { attachments: { name: string }[] }) => c.attachments[0]!.name)).toEqual([
        'r.txt',
        'n.txt',
      ]);
      // Conversation attachments are not the ticket's own.
      const view = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}`);
      expect(view.data.attachments).toEqual([]);
      const download = await desk.call('GET', `/api/v2/attachments/${n.data.attachments[0].id}`);
      expect(download.body).toBe('note');
    });

    it('multipart validation errors: unknown file field, missing requester', async () => {
      const { payload, headers } = multipart(
        [['subject', 'x']],
        [{ field: 'avatar', filename: 'a.png', contentType: 'image/png', data: Buffer.from('x') }],
      );
      const res = await desk.call('POST', '/api/v2/tickets', { payload, headers });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'avatar', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]);
      const noRequester = multipart([
        ['subject', 'x'],
        ['description', 'y'],
      ]);
      const res2 = await desk.call('POST', '/api/v2/tickets', noRequester);
      expect(res2.statusCode).toBe(400);
      expect(res2.data.errors[0]).toEqual({ field: 'requester_id', code: 'missing_field', message: ONE_OF });
    });

    it('415 for multipart where files are not accepted', async () => {
      const ticket = await newTicket();
      const body = multipart([['priority', '2']]);
      const update = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, body);
      expect(update.statusCode).toBe(415);
      expect(update.data).toMatchObject({ code: 'invalid_content_type' });
      const roles = await desk.call('PUT', `/api/v2/conversations/1`, multipart([['body', 'x']]));
      expect(roles.statusCode).toBe(415);
    });

    it('404 for an unknown attachment', async () => {
      const res = await desk.call('GET', '/api/v2/attachments/999999');
      expect(res.statusCode).toBe(404);
      expect(res.data).toMatchObject({ code: 'not_found' });
    });
  });

  describe('GET /tickets/:id', () => {
    it('embeds conversations (10 oldest, ascending), requester, company and stats', async () => {
      const companyId = await insertCompany(desk, unique('Embed Co'));
      const requesterId = await insertContact(desk, {
        name: 'Embed Person',
        email: `${unique('embed')}@example.com`,
        company_id: companyId,
      });
      const ticket = await newTicket({ email: undefined, requester_id: requesterId });
      for (let i = 1; i <= 12; i++) {
        const note = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, {
          body: { body: `note ${i}` },
        });
        expect(note.statusCode).toBe(201);
      }
      const res = await desk.call(
        'GET',
        `/api/v2/tickets/${ticket.data.id}?include=conversations,requester,company,stats`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.data.conversations).toHaveLength(10);
      expect(res.data.conversations.map((c: { body: string }) => c.body)).toEqual(
        Array.from({ length: 10 }, (_, i) => `note ${i + 1}`),
      );
      expect(res.data.requester).toEqual({
        id: requesterId,
        name: 'Embed Person',
        email: expect.stringMatching(/@example.com$/),
        mobile: null,
        phone: null,
      });
      expect(res.data.company).toEqual({ id: companyId, name: expect.stringMatching(/^Embed Co/) });
      expect(Object.keys(res.data.stats).sort()).toEqual(
        [
          'agent_responded_at',
          'requester_responded_at',
          'first_responded_at',
          'status_updated_at',
          'reopened_at',
          'resolved_at',
          'closed_at',
          'pending_since',
        ].sort(),
      );
      const plain = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}`);
      expect(plain.data).not.toHaveProperty('conversations');
      expect(plain.data).not.toHaveProperty('stats');
      expect(plain.data.description).toBe('<p>Help</p>');
    });

    it('404 for an unknown id, 400 for an unknown include', async () => {
      const res = await desk.call('GET', '/api/v2/tickets/999999');
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ code: 'not_found', message: 'The requested resource was not found.' });
      const bad = await desk.call('GET', '/api/v2/tickets/1?include=watchers');
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors[0]).toMatchObject({ field: 'include', code: 'invalid_value' });
    });
  });

  describe('PUT /tickets/:id', () => {
    it('updates fields and keeps the stats timestamps through status changes', async () => {
      const groupId = await insertGroup(desk, unique('Billing'));
      const agent = await createTestAgent(desk);
      const ticket = await newTicket();
      const pending = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, {
        body: {
          status: 3,
          priority: 4,
          group_id: groupId,
          responder_id: agent.id,
          subject: 'New subject',
          description: '<p>new</p><img src=x onerror=alert(1)>',
          type: 'Question',
          tags: ['t'],
        },
      });
      expect(pending.statusCode).toBe(200);
      expect(pending.data).toMatchObject({
        status: 3,
        priority: 4,
        group_id: groupId,
        responder_id: agent.id,
        subject: 'New subject',
        description: '<p>new</p><img src="x" />',
        description_text: 'new',
        type: 'Question',
        tags: ['t'],
      });
      // Priority moved the SLA targets (urgent: 1 h / 4 h from creation).
      expect(Date.parse(pending.data.due_by) - Date.parse(pending.data.created_at)).toBe(4 * HOUR);

      const stats = async () =>
        (await desk.call('GET', `/api/v2/tickets/${ticket.data.id}?include=stats`)).data.stats;
      expect((await stats()).pending_since).toMatch(ISO);

      const resolveWithout = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, {
        body: { status: 4 },
      });
      expect(resolveWithout.statusCode).toBe(400);
      expect(resolveWithout.data.errors).toEqual([
        expect.objectContaining({ field: 'custom_fields.cf_root_cause', code: 'missing_field' }),
      ]);
      const resolved = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, {
        body: { status: 4, custom_fields: { cf_root_cause: 'toner' } },
      });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.data.custom_fields).toMatchObject({ cf_root_cause: 'toner' });
      let s = await stats();
      expect(s.pending_since).toBeNull();
      expect(s.resolved_at).toMatch(ISO);
      expect(s.reopened_at).toBeNull();

      const reopened = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, { body: { status: 2 } });
      expect(reopened.statusCode).toBe(200);
      s = await stats();
      expect(s.reopened_at).toMatch(ISO);
      const closed = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, { body: { status: 5 } });
      expect(closed.statusCode).toBe(200);
      expect((await stats()).closed_at).toMatch(ISO);
    });

    it('changes the requester by email (creating the contact) and validates like create', async () => {
      const ticket = await newTicket();
      const email = `${unique('moved')}@example.com`;
      const moved = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, { body: { email } });
      expect(moved.statusCode).toBe(200);
      expect(moved.data.requester_id).not.toBe(ticket.data.requester_id);

      const bad = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, {
        body: { status: 1, responder_id: 999999, fr_due_by: '2099-01-01T00:00:00Z', spam: true },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'status', code: 'invalid_value', message: "It should be one of these values: '2,3,4,5'" },
          { field: 'spam', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
      const order = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, {
        body: { fr_due_by: '2099-01-01T00:00:00Z' },
      });
      expect(order.statusCode).toBe(400);
      expect(order.data.errors[0]).toMatchObject({ field: 'due_by', code: 'invalid_value' });
      const cleared = await desk.call('PUT', `/api/v2/tickets/${ticket.data.id}`, { body: { subject: '' } });
      expect(cleared.statusCode).toBe(400);
      expect(cleared.data.errors[0]).toMatchObject({ field: 'subject', code: 'missing_field' });
    });

    it('404 for an unknown ticket', async () => {
      const res = await desk.call('PUT', '/api/v2/tickets/999999', { body: { priority: 2 } });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('DELETE and restore', () => {
    it('soft-deletes (still viewable), lists it under filter=deleted, restores', async () => {
      const ticket = await newTicket();
      const id = ticket.data.id;
      const del = await desk.call('DELETE', `/api/v2/tickets/${id}`);
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      const view = await desk.call('GET', `/api/v2/tickets/${id}`);
      expect(view.statusCode).toBe(200);
      expect(view.data.deleted).toBe(true);
      const defaultList = await desk.call('GET', `/api/v2/tickets?requester_id=${ticket.data.requester_id}`);
      expect(defaultList.data).toEqual([]);
      const trash = await desk.call(
        'GET',
        `/api/v2/tickets?filter=deleted&requester_id=${ticket.data.requester_id}`,
      );
      expect(trash.data.map((t: { id: number }) => t.id)).toEqual([id]);

      // Writes to a trashed ticket find nothing until it is restored.
      expect((await desk.call('DELETE', `/api/v2/tickets/${id}`)).statusCode).toBe(404);
      expect((await desk.call('PUT', `/api/v2/tickets/${id}`, { body: { priority: 2 } })).statusCode).toBe(
        404,
      );
      expect(
        (await desk.call('POST', `/api/v2/tickets/${id}/reply`, { body: { body: 'x' } })).statusCode,
      ).toBe(404);

      // An empty JSON body is accepted on restore.
      const restore = await desk.call('PUT', `/api/v2/tickets/${id}/restore`, {
        headers: { 'content-type': 'application/json' },
      });
      expect(restore.statusCode).toBe(204);
      expect(restore.body).toBe('');
      expect((await desk.call('GET', `/api/v2/tickets/${id}`)).data.deleted).toBe(false);
      expect((await desk.call('PUT', `/api/v2/tickets/${id}/restore`)).statusCode).toBe(404);
      expect((await desk.call('DELETE', '/api/v2/tickets/999999')).statusCode).toBe(404);
    });
  });

  describe('conversations', () => {
    it('reply: 201, agent defaults, marks the ticket answered', async () => {
      const ticket = await newTicket();
      const res = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/reply`, {
        body: { body: '<p>On it</p><script>x</script>', cc_emails: ['cc@example.com'] },
      });
      expect(res.statusCode).toBe(201);
      expect(res.data).toEqual({
        id: expect.any(Number),
        body: '<p>On it</p>',
        body_text: 'On it',
        incoming: false,
        private: false,
        user_id: desk.adminId,
        support_email: null,
        source: 0,
        ticket_id: ticket.data.id,
        to_emails: [],
        from_email: null,
        cc_emails: ['cc@example.com'],
        bcc_emails: [],
        attachments: [],
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      const stats = (await desk.call('GET', `/api/v2/tickets/${ticket.data.id}?include=stats`)).data.stats;
      expect(stats.agent_responded_at).toMatch(ISO);
      expect(stats.first_responded_at).toMatch(ISO);
    });

    it('reply errors: missing body, blank body, user_id not an agent, unknown ticket', async () => {
      const ticket = await newTicket();
      const missing = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/reply`, { body: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors).toEqual([
        { field: 'body', code: 'missing_field', message: 'It should be a/an String' },
      ]);
      const blank = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/reply`, {
        body: { body: '  ' },
      });
      expect(blank.data.errors).toEqual([
        { field: 'body', code: 'invalid_value', message: 'It should not be blank' },
      ]);
      const contactId = await insertContact(desk, { name: 'Customer' });
      const notAgent = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/reply`, {
        body: { body: 'x', user_id: contactId },
      });
      expect(notAgent.data.errors).toEqual([
        { field: 'user_id', code: 'invalid_value', message: 'There is no agent matching the given user_id' },
      ]);
      expect(
        (await desk.call('POST', '/api/v2/tickets/999999/reply', { body: { body: 'x' } })).statusCode,
      ).toBe(404);
    });

    it('notes: private by default, incoming notes count as the requester responding', async () => {
      const ticket = await newTicket();
      const note = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, {
        body: { body: 'internal', notify_emails: ['agent@example.com'] },
      });
      expect(note.statusCode).toBe(201);
      expect(note.data).toMatchObject({ private: true, incoming: false, source: 2, user_id: desk.adminId });
      const incoming = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, {
        body: { body: 'from customer', incoming: true, private: false, user_id: ticket.data.requester_id },
      });
      expect(incoming.statusCode).toBe(201);
      expect(incoming.data).toMatchObject({
        private: false,
        incoming: true,
        user_id: ticket.data.requester_id,
      });
      const stats = (await desk.call('GET', `/api/v2/tickets/${ticket.data.id}?include=stats`)).data.stats;
      expect(stats.requester_responded_at).toMatch(ISO);
      const bad = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, {
        body: { body: 'x', private: 'yes', user_id: 999999 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual([
        {
          field: 'private',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Boolean',
        },
      ]);
      const unknownUser = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, {
        body: { body: 'x', user_id: 999999 },
      });
      expect(unknownUser.data.errors[0]).toMatchObject({ field: 'user_id', code: 'invalid_value' });
    });

    it('lists conversations oldest first with a Link header only while more pages exist', async () => {
      const ticket = await newTicket();
      for (let i = 1; i <= 3; i++) {
        await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, { body: { body: `n${i}` } });
      }
      const page1 = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}/conversations?per_page=2`);
      expect(page1.statusCode).toBe(200);
      expect(page1.data.map((c: { body: string }) => c.body)).toEqual(['n1', 'n2']);
      expect(page1.headers.link).toMatch(/\/conversations\?per_page=2&page=2>; rel="next"$/);
      const page2 = await desk.call(
        'GET',
        `/api/v2/tickets/${ticket.data.id}/conversations?per_page=2&page=2`,
      );
      expect(page2.data.map((c: { body: string }) => c.body)).toEqual(['n3']);
      expect(page2.headers.link).toBeUndefined();
      const tooMany = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}/conversations?per_page=101`);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.data.errors[0]).toMatchObject({ field: 'per_page', code: 'invalid_value' });
      expect((await desk.call('GET', '/api/v2/tickets/999999/conversations')).statusCode).toBe(404);
    });

    it('edits notes and agent replies, not customer messages; deletes conversations', async () => {
      const ticket = await newTicket();
      const note = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, {
        body: { body: 'old' },
      });
      const edited = await desk.call('PUT', `/api/v2/conversations/${note.data.id}`, {
        body: { body: '<b>new</b>' },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.data).toMatchObject({
        id: note.data.id,
        body: '<b>new</b>',
        body_text: 'new',
        source: 2,
      });
      const invalid = await desk.call('PUT', `/api/v2/conversations/${note.data.id}`, {
        body: { body: 'x', private: false },
      });
      expect(invalid.data.errors).toEqual([
        { field: 'private', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]);

      const now = new Date();
      const customer = await desk.services.db
        .insertInto('ticket_conversations')
        .values({
          ticket_id: ticket.data.id,
          body: 'customer mail',
          body_text: 'customer mail',
          incoming: true,
          private: false,
          user_id: ticket.data.requester_id,
          source: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const refused = await desk.call('PUT', `/api/v2/conversations/${customer.id}`, {
        body: { body: 'edited' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.data.code).toBe('access_denied');

      const del = await desk.call('DELETE', `/api/v2/conversations/${note.data.id}`);
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      const list = await desk.call('GET', `/api/v2/tickets/${ticket.data.id}/conversations`);
      expect(list.data.map((c: { id: number }) => c.id)).toEqual([customer.id]);
      expect((await desk.call('DELETE', `/api/v2/conversations/${note.data.id}`)).statusCode).toBe(404);
      expect(
        (await desk.call('PUT', '/api/v2/conversations/999999', { body: { body: 'x' } })).statusCode,
      ).toBe(404);
    });

    it('deleting a conversation removes its attachment files', async () => {
      const ticket = await newTicket();
      const body = multipart(
        [['body', 'with file']],
        [
          {
            field: 'attachments[]',
            filename: 'gone.txt',
            contentType: 'text/plain',
            data: Buffer.from('bye'),
          },
        ],
      );
      const note = await desk.call('POST', `/api/v2/tickets/${ticket.data.id}/notes`, body);
      const attachmentId = note.data.attachments[0].id;
      expect((await desk.call('GET', `/api/v2/attachments/${attachmentId}`)).statusCode).toBe(200);
      const before = await countFiles(path.join(desk.services.config.dataDir, 'attachments'));
      expect((await desk.call('DELETE', `/api/v2/conversations/${note.data.id}`)).statusCode).toBe(204);
      expect(await countFiles(path.join(desk.services.config.dataDir, 'attachments'))).toBe(before - 1);
      expect((await desk.call('GET', `/api/v2/attachments/${attachmentId}`)).statusCode).toBe(404);
    });
  });

  describe('GET /tickets', () => {
    it('paginates with a Link header only when a next page exists; description only on request', async () => {
      const email = `${unique('pager')}@example.com`;
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await newTicket({ email })).data.id);
      const requesterId = (await desk.call('GET', `/api/v2/tickets/${ids[0]}`)).data.requester_id;

      const page1 = await desk.call('GET', `/api/v2/tickets?requester_id=${requesterId}&per_page=2`);
      expect(page1.statusCode).toBe(200);
      expect(page1.data.map((t: { id: number }) => t.id)).toEqual([ids[2], ids[1]]);
      expect(page1.headers.link).toMatch(
        /^<http.*\/api\/v2\/tickets\?requester_id=\d+&per_page=2&page=2>; rel="next"$/,
      );
      expect(page1.data[0]).not.toHaveProperty('description');
      expect(page1.data[0]).not.toHaveProperty('description_text');
      expect(page1.data[0]).not.toHaveProperty('stats');

      const page2 = await desk.call('GET', `/api/v2/tickets?requester_id=${requesterId}&per_page=2&page=2`);
      expect(page2.data.map((t: { id: number }) => t.id)).toEqual([ids[0]]);
      expect(page2.headers.link).toBeUndefined();

      const withEmbeds = await desk.call(
        'GET',
        `/api/v2/tickets?email=${encodeURIComponent(email)}&include=description,stats,requester&order_type=asc`,
      );
      expect(withEmbeds.data.map((t: { id: number }) => t.id)).toEqual(ids);
      expect(withEmbeds.data[0]).toMatchObject({
        description: '<p>Help</p>',
        description_text: 'Help',
        stats: expect.objectContaining({ status_updated_at: expect.stringMatching(ISO) }),
        requester: { id: requesterId, name: expect.any(String), email, mobile: null, phone: null },
      });
      expect(withEmbeds.headers['x-ratelimit-used-currentrequest']).toBe('7');
    });

    it('filters by requester email, external id, company, updated_since, and orders', async () => {
      const companyId = await insertCompany(desk, unique('Filter Co'));
      const external = unique('ext');
      const a = await newTicket({ email: undefined, unique_external_id: external, priority: 2 });
      const b = await newTicket({ company_id: companyId, status: 3 });
      const byExternal = await desk.call('GET', `/api/v2/tickets?unique_external_id=${external}`);
      expect(byExternal.data.map((t: { id: number }) => t.id)).toEqual([a.data.id]);
      const byCompany = await desk.call('GET', `/api/v2/tickets?company_id=${companyId}`);
      expect(byCompany.data.map((t: { id: number }) => t.id)).toEqual([b.data.id]);
      expect((await desk.call('GET', '/api/v2/tickets?email=nobody%40nowhere.test')).data).toEqual([]);

      const since = new Date(Date.now() + 1000).toISOString();
      await new Promise((r) => setTimeout(r, 1100));
      await desk.call('PUT', `/api/v2/tickets/${a.data.id}`, { body: { priority: 3 } });
      const updated = await desk.call('GET', `/api/v2/tickets?updated_since=${since}`);
      expect(updated.data.map((t: { id: number }) => t.id)).toEqual([a.data.id]);

      for (const order of ['created_at', 'due_by', 'updated_at', 'status'] as const) {
        const res = await desk.call('GET', `/api/v2/tickets?order_by=${order}&order_type=asc&per_page=100`);
        expect(res.statusCode).toBe(200);
        const values = res.data.map((t: Record<string, string | number>) =>
          typeof t[order] === 'string' ? Date.parse(t[order] as string) : t[order],
        );
        expect(values).toEqual([...values].sort((x, y) => x - y));
      }
    });

    it('excludes spam and deleted, has the spam/new_and_my_open/watching filters and a 30-day window', async () => {
      const email = `${unique('filters')}@example.com`;
      const spam = await newTicket({ email });
      const old = await newTicket({ email });
      const mine = await newTicket({ email, responder_id: desk.adminId });
      const pending = await newTicket({ email, status: 3 });
      const db = desk.services.db;
      await db.updateTable('tickets').set({ spam: true }).where('id', '=', spam.data.id).execute();
      const longAgo = new Date(Date.now() - 40 * 24 * HOUR);
      await db
        .updateTable('tickets')
        .set({ created_at: longAgo, updated_at: longAgo })
        .where('id', '=', old.data.id)
        .execute();
      const q = `email=${encodeURIComponent(email)}`;
      const ids = async (url: string) => (await desk.call('GET', url)).data.map((t: { id: number }) => t.id);

      expect(await ids(`/api/v2/tickets?${q}`)).toEqual([pending.data.id, mine.data.id]);
      expect(await ids(`/api/v2/tickets?${q}&filter=spam`)).toEqual([spam.data.id]);
      expect(await ids(`/api/v2/tickets?${q}&filter=new_and_my_open`)).toEqual([mine.data.id, old.data.id]);
      expect(await ids(`/api/v2/tickets?${q}&filter=watching`)).toEqual([]);
      const sinceLongAgo = new Date(Date.now() - 60 * 24 * HOUR).toISOString();
      expect(await ids(`/api/v2/tickets?${q}&updated_since=${sinceLongAgo}`)).toEqual([
        pending.data.id,
        mine.data.id,
        old.data.id,
      ]);
    });

    it('400 for bad list parameters', async () => {
      const res = await desk.call(
        'GET',
        '/api/v2/tickets?filter=mine&order_by=subject&per_page=0&page=301&include=conversations&foo=1',
      );
      expect(res.statusCode).toBe(400);
      const fields = res.data.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['filter', 'foo', 'include', 'order_by', 'page', 'per_page']);
      expect(res.data.errors.find((e: { field: string }) => e.field === 'foo').code).toBe('invalid_field');
      const since = await desk.call('GET', '/api/v2/tickets?updated_since=yesterday');
      expect(since.data.errors[0]).toMatchObject({ field: 'updated_since', code: 'invalid_value' });
    });
  });

  describe('over-size uploads', () => {
    let small: TestDesk;
    beforeAll(async () => {
      small = await startTestDesk(kind, { rateLimitPerMinute: 100_000, maxUploadBytes: 1024 });
    });
    afterAll(async () => small?.close());

    it('400 on attachments past the limit and nothing is written', async () => {
      const count = async () =>
        (
          await small.services.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      const before = Number(await count());
      const { payload, headers } = multipart(
        [
          ['email', 'big@example.com'],
          ['subject', 'big'],
          ['description', 'big'],
        ],
        [
          {
            field: 'attachments[]',
            filename: 'a.bin',
            contentType: 'application/octet-stream',
            data: Buffer.alloc(600),
          },
          {
            field: 'attachments[]',
            filename: 'b.bin',
            contentType: 'application/octet-stream',
            data: Buffer.alloc(600),
          },
        ],
      );
      const res = await small.call('POST', '/api/v2/tickets', { payload, headers });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'attachments',
          code: 'max_size_exceeded',
          message: 'The cumulative size of all attachments should not exceed 0 MB',
        },
      ]);
      expect(Number(await count())).toBe(before);
      expect(await countFiles(path.join(small.services.config.dataDir, 'attachments'))).toBe(0);
      const contact = await small.services.db
        .selectFrom('contacts')
        .select('id')
        .where('email', '=', 'big@example.com')
        .executeTakeFirst();
      expect(contact).toBeUndefined();

      // Exactly at the limit is fine.
      const ok = multipart(
        [
          ['email', 'fits@example.com'],
          ['subject', 'fits'],
          ['description', 'fits'],
        ],
        [
          {
            field: 'attachments[]',
            filename: 'a.bin',
            contentType: 'application/octet-stream',
            data: Buffer.alloc(1024),
          },
        ],
      );
      expect((await small.call('POST', '/api/v2/tickets', ok)).statusCode).toBe(201);
      expect(await countFiles(path.join(small.services.config.dataDir, 'attachments'))).toBe(1);
    });
  });
});

async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}
