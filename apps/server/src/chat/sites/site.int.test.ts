import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { createAgentToken } from '../users/test-support.js';

describe.each(TEST_DATABASE_KINDS)('Chat sites (%s)', (kind) => {
  let chat: TestChat;
  let agentToken: string;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    agentToken = await createAgentToken(chat);
  });
  afterAll(async () => chat?.close());

  it('the default site exists from the start', async () => {
    const res = await chat.call('GET', '/v2/sites/default');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id: 'default',
      name: 'Default site',
      allowed_origins: [],
      widget_settings: {
        prechat: { enabled: false, fields: [] },
        greeting: null,
        color: null,
        position: 'right',
      },
      created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updated_time: expect.any(String),
    });
  });

  it('admins create a site; origins are validated and normalized; Location points at it', async () => {
    const res = await chat.call('POST', '/v2/sites', {
      body: {
        id: 'portal-EU_1',
        name: 'EU portal',
        allowed_origins: ['https://Support.Example.com', 'http://localhost:5173', 'https://example.com:443'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toMatch(/\/v2\/sites\/portal-EU_1$/);
    expect(res.data).toMatchObject({
      id: 'portal-EU_1',
      name: 'EU portal',
      allowed_origins: ['https://support.example.com', 'http://localhost:5173', 'https://example.com'],
    });
    const view = await chat.call('GET', '/v2/sites/portal-EU_1');
    expect(view.data).toEqual(res.data);
  });

  it('400 with details for a bad id, a blank name, bad origins and unknown fields', async () => {
    const res = await chat.call('POST', '/v2/sites', {
      body: {
        id: 'bad id!',
        name: ' ',
        allowed_origins: [
          'https://ok.example.com',
          'https://example.com/path',
          'ftp://example.com',
          'example.com',
        ],
        color: 'red',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
    const details = res.data.details as { field: string; code: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'id', code: 'invalid_value' }),
        expect.objectContaining({ field: 'name', code: 'invalid_value' }),
        expect.objectContaining({ field: 'color', code: 'invalid_field' }),
      ]),
    );
    expect(details.filter((d) => d.field === 'allowed_origins')).toHaveLength(3);
    expect(details.every((d) => d.field !== 'allowed_origins' || d.code === 'invalid_value')).toBe(true);

    const longId = await chat.call('POST', '/v2/sites', { body: { id: 'x'.repeat(65), name: 'Long' } });
    expect(longId.statusCode).toBe(400);
    const missing = await chat.call('POST', '/v2/sites', { body: {} });
    expect(missing.data.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'id', code: 'missing_field' }),
        expect.objectContaining({ field: 'name', code: 'missing_field' }),
      ]),
    );
  });

  it('409 when the site id is taken', async () => {
    await chat.call('POST', '/v2/sites', { body: { id: 'taken', name: 'One' } });
    const res = await chat.call('POST', '/v2/sites', { body: { id: 'taken', name: 'Two' } });
    expect(res.statusCode).toBe(409);
    expect(res.data).toMatchObject({
      code: 409,
      status: 'CONFLICT',
      details: [{ field: 'id', code: 'duplicate_value', message: expect.any(String) }],
    });
  });

  it('lists sites with the pagination envelope', async () => {
    for (const id of ['list-a', 'list-b', 'list-c']) {
      await chat.call('POST', '/v2/sites', { body: { id, name: id } });
    }
    const all = await chat.call('GET', '/v2/sites?items_per_page=50');
    expect(all.statusCode).toBe(200);
    const total = all.data.pagination.total_items as number;
    expect(all.data.sites.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['default', 'list-a', 'list-b', 'list-c']),
    );
    const page = await chat.call('GET', '/v2/sites?items_per_page=2&page=2');
    expect(page.data.sites).toHaveLength(2);
    expect(page.data.pagination).toEqual({
      current_page: 2,
      items_per_page: 2,
      total_items: total,
      total_pages: Math.ceil(total / 2),
    });
    expect(page.data.links.previous_page.href).toContain('page=1');
    expect(page.data.links.first_page).toMatchObject({
      type: 'GET',
      href: expect.stringContaining('page=1'),
    });
    expect(page.data.links.last_page.href).toContain(`page=${Math.ceil(total / 2)}`);
    const tooMany = await chat.call('GET', '/v2/sites?items_per_page=51');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.data.details).toEqual([
      expect.objectContaining({ field: 'items_per_page', code: 'invalid_value' }),
    ]);
  });

  it('admins update name and origins; the id cannot change', async () => {
    await chat.call('POST', '/v2/sites', {
      body: { id: 'upd', name: 'Before', allowed_origins: ['https://a.example'] },
    });
    const res = await chat.call('PUT', '/v2/sites/upd', {
      body: { name: 'After', allowed_origins: ['https://b.example', 'https://b.example'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ id: 'upd', name: 'After', allowed_origins: ['https://b.example'] });
    const renamed = await chat.call('PUT', '/v2/sites/upd', { body: { id: 'other' } });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.data.details).toEqual([expect.objectContaining({ field: 'id', code: 'invalid_field' })]);
    const bad = await chat.call('PUT', '/v2/sites/upd', {
      body: { allowed_origins: ['https://x.example/'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details).toEqual([
      expect.objectContaining({ field: 'allowed_origins', code: 'invalid_value' }),
    ]);
  });

  it('404 for unknown sites on view, update and delete', async () => {
    expect((await chat.call('GET', '/v2/sites/nope')).statusCode).toBe(404);
    const put = await chat.call('PUT', '/v2/sites/nope', { body: { name: 'X' } });
    expect(put.statusCode).toBe(404);
    expect(put.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect((await chat.call('DELETE', '/v2/sites/nope')).statusCode).toBe(404);
  });

  it('deletes an unused site; refuses (409) a site with users and the default site', async () => {
    await chat.call('POST', '/v2/sites', { body: { id: 'empty', name: 'Empty' } });
    const del = await chat.call('DELETE', '/v2/sites/empty');
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await chat.call('GET', '/v2/sites/empty')).statusCode).toBe(404);

    await chat.call('POST', '/v2/sites', { body: { id: 'busy', name: 'Busy' } });
    const user = await chat.call('POST', '/v2/users', { body: { site_id: 'busy', first_name: 'Ann' } });
    expect(user.statusCode).toBe(201);
    const refused = await chat.call('DELETE', '/v2/sites/busy');
    expect(refused.statusCode).toBe(409);
    expect(refused.data).toMatchObject({
      code: 409,
      status: 'CONFLICT',
      details: [{ field: 'id', code: 'inconsistent_state', message: expect.stringContaining('users') }],
    });
    const defaultSite = await chat.call('DELETE', '/v2/sites/default');
    expect(defaultSite.statusCode).toBe(409);
    expect(defaultSite.data.details[0].message).toContain('default site');
  });

  it('any token reads; a non-admin token gets 403 on writes; no token gets 401', async () => {
    expect((await chat.call('GET', '/v2/sites', { token: agentToken })).statusCode).toBe(200);
    expect((await chat.call('GET', '/v2/sites/default', { token: agentToken })).statusCode).toBe(200);
    const writes = [
      chat.call('POST', '/v2/sites', {
        token: agentToken,
        body: { id: `s${randomUUID().slice(0, 8)}`, name: 'X' },
      }),
      chat.call('PUT', '/v2/sites/default', { token: agentToken, body: { name: 'X' } }),
      chat.call('DELETE', '/v2/sites/default', { token: agentToken }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.statusCode).toBe(403);
      expect(res.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    }
    const anonymous = await chat.call('GET', '/v2/sites', { token: null });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.data).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
  });
});
