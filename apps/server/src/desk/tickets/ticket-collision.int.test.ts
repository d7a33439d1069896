import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { insertCustomField, multipart } from './ticket-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('collision guard (%s)', (kind) => {
  let desk: TestDesk;
  let other: { id: number; apiKey: string };

  const newTicket = async () => {
    const res = await desk.call('POST', '/api/v2/tickets', {
      body: {
        email: 'guard@example.com',
        subject: 'Guarded',
        description: 'x',
        custom_fields: { cf_topic: 'a' },
      },
    });
    expect(res.statusCode).toBe(201);
    return res.data.id as number;
  };
  const etagOf = async (id: number) => {
    const res = await desk.call('GET', `/api/v2/tickets/${id}`);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    return String(res.headers.etag);
  };
  const conversationCount = async (id: number) =>
    (await desk.call('GET', `/api/v2/tickets/${id}/conversations`)).data.length as number;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    await insertCustomField(desk, 'cf_topic', 'custom_text');
    other = await createTestAgent(desk);
  });
  afterAll(async () => desk?.close());

  it('accepts guarded writes while the version is current, and the ETag moves with each write', async () => {
    const id = await newTicket();
    const first = await etagOf(id);
    expect(await etagOf(id)).toBe(first);
    const reply = await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
      body: { body: '<p>hi</p>' },
      headers: { 'if-match': first },
    });
    expect(reply.statusCode).toBe(201);
    const second = await etagOf(id);
    expect(second).not.toBe(first);
    const put = await desk.call('PUT', `/api/v2/tickets/${id}`, {
      body: { priority: 3 },
      headers: { 'if-match': second },
    });
    expect(put.statusCode).toBe(200);
    expect(put.headers.etag).toBe(await etagOf(id));
    const note = await desk.call('POST', `/api/v2/tickets/${id}/notes`, {
      body: { body: 'n' },
      headers: { 'if-match': String(put.headers.etag) },
    });
    expect(note.statusCode).toBe(201);
  });

  it("holds a reply with 412 naming another agent's reply and property changes, writing nothing", async () => {
    const id = await newTicket();
    const seen = await etagOf(id);
    expect(
      (
        await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
          key: other.apiKey,
          body: { body: 'first!' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await desk.call('PUT', `/api/v2/tickets/${id}`, {
          key: other.apiKey,
          body: { status: 3, responder_id: other.id, custom_fields: { cf_topic: 'b' } },
        })
      ).statusCode,
    ).toBe(200);
    const held = await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
      body: { body: '<p>late</p>' },
      headers: { 'if-match': seen },
    });
    expect(held.statusCode).toBe(412);
    expect(held.data.description).toBe('Validation failed');
    const fields = held.data.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['conversations', 'custom_fields.cf_topic', 'responder_id', 'status']);
    for (const e of held.data.errors) expect(e.code).toBe('inconsistent_state');
    expect(held.data.errors.find((e: { field: string }) => e.field === 'conversations')).toMatchObject({
      message: '1 new reply or note was added since you loaded the ticket',
      additional_info: { added: 1 },
    });
    expect(await conversationCount(id)).toBe(1);
    // "Send anyway": the 412 carries the current version, which the client may send again.
    expect(held.headers.etag).toBe(await etagOf(id));
    const anyway = await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
      body: { body: '<p>late</p>' },
      headers: { 'if-match': String(held.headers.etag) },
    });
    expect(anyway.statusCode).toBe(201);
    expect(await conversationCount(id)).toBe(2);
  });

  it('holds notes (also multipart, storing no file) and property saves; the ticket is left unchanged', async () => {
    const id = await newTicket();
    const seen = await etagOf(id);
    await desk.call('PUT', `/api/v2/tickets/${id}`, { key: other.apiKey, body: { priority: 4 } });
    const note = await desk.call('POST', `/api/v2/tickets/${id}/notes`, {
      body: { body: 'n' },
      headers: { 'if-match': seen },
    });
    expect(note.statusCode).toBe(412);
    // A new priority also moves the SLA due date, so both are named.
    expect(note.data.errors.map((e: { field: string }) => e.field).sort()).toEqual(['due_by', 'priority']);
    const form = multipart(
      [['body', 'with file']],
      [{ field: 'attachments[]', filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('a') }],
    );
    const upload = await desk.call('POST', `/api/v2/tickets/${id}/notes`, {
      payload: form.payload,
      headers: { ...form.headers, 'if-match': seen },
    });
    expect(upload.statusCode).toBe(412);
    const attachments = await desk.services.db
      .selectFrom('attachments')
      .select('id')
      .where('ticket_id', '=', id)
      .execute();
    expect(attachments).toEqual([]);
    const put = await desk.call('PUT', `/api/v2/tickets/${id}`, {
      body: { status: 4 },
      headers: { 'if-match': seen },
    });
    expect(put.statusCode).toBe(412);
    const after = await desk.call('GET', `/api/v2/tickets/${id}`);
    expect(after.data).toMatchObject({ status: 2, priority: 4 });
    expect(await conversationCount(id)).toBe(0);
  });

  it('treats an unreadable If-Match as a stale version and * as any version', async () => {
    const id = await newTicket();
    const bad = await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
      body: { body: 'x' },
      headers: { 'if-match': '"garbage!"' },
    });
    expect(bad.statusCode).toBe(412);
    expect(bad.data.errors).toEqual([
      expect.objectContaining({ field: 'ticket', code: 'inconsistent_state' }),
    ]);
    const star = await desk.call('POST', `/api/v2/tickets/${id}/reply`, {
      body: { body: 'x' },
      headers: { 'if-match': '*' },
    });
    expect(star.statusCode).toBe(201);
  });

  it('behaves exactly as before without a precondition (Freshdesk clients)', async () => {
    const id = await newTicket();
    await etagOf(id);
    await desk.call('PUT', `/api/v2/tickets/${id}`, { key: other.apiKey, body: { priority: 2 } });
    const reply = await desk.call('POST', `/api/v2/tickets/${id}/reply`, { body: { body: 'no guard' } });
    expect(reply.statusCode).toBe(201);
    expect(reply.data).toMatchObject({ ticket_id: id, body: 'no guard' });
    const note = await desk.call('POST', `/api/v2/tickets/${id}/notes`, { body: { body: 'no guard' } });
    expect(note.statusCode).toBe(201);
    const put = await desk.call('PUT', `/api/v2/tickets/${id}`, { body: { priority: 1 } });
    expect(put.statusCode).toBe(200);
    expect(put.data.priority).toBe(1);
  });

  it('lets exactly one of two simultaneous guarded replies through', async () => {
    const id = await newTicket();
    const seen = await etagOf(id);
    const send = (key: string) =>
      desk.call('POST', `/api/v2/tickets/${id}/reply`, {
        key,
        body: { body: 'race' },
        headers: { 'if-match': seen },
      });
    const results = await Promise.all([send(desk.adminKey), send(other.apiKey)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 412]);
    expect(await conversationCount(id)).toBe(1);
  });
});
