import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe.each(TEST_DATABASE_KINDS)('Portals admin API (%s)', (kind) => {
  let desk: TestDesk;
  let agentKey: string;
  let categoryA: number;
  let categoryB: number;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 10_000 });
    agentKey = (await createTestAgent(desk, { role: 'agent' })).apiKey;
    categoryA = (
      await desk.call('POST', '/api/v2/solutions/categories', { body: { name: 'Getting started' } })
    ).data.id;
    categoryB = (await desk.call('POST', '/api/v2/solutions/categories', { body: { name: 'Billing' } })).data
      .id;
  });
  afterAll(async () => desk?.close());

  it('starts with no portals', async () => {
    const res = await desk.call('GET', '/api/v2/portals');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([]);
  });

  let first: number;
  let second: number;

  it('creates the first portal as the default, with its categories (201 + Location)', async () => {
    const res = await desk.call('POST', '/api/v2/portals', {
      body: {
        name: 'Acme Help',
        host: 'Help.Acme.TEST',
        brand_color: '#AA3300',
        logo_url: 'https://cdn.acme.test/logo.png',
        chat_enabled: true,
        category_ids: [categoryA, categoryA],
        is_default: false,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`http://localhost:80/api/v2/portals/${res.data.id}`);
    expect(res.data).toEqual({
      id: expect.any(Number),
      name: 'Acme Help',
      host: 'help.acme.test',
      is_default: true,
      brand_color: '#aa3300',
      logo_url: 'https://cdn.acme.test/logo.png',
      chat_enabled: true,
      category_ids: [categoryA],
      portal_url: 'http://help.acme.test/support/home',
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    first = res.data.id;
  });

  it('creates a second portal with defaults for what is not sent', async () => {
    const res = await desk.call('POST', '/api/v2/portals', {
      body: { name: 'Beta', host: 'beta.test:8080' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      name: 'Beta',
      host: 'beta.test:8080',
      is_default: false,
      brand_color: '#2563eb',
      logo_url: null,
      chat_enabled: false,
      category_ids: [],
      portal_url: 'http://beta.test:8080/support/home',
    });
    second = res.data.id;
  });

  it('any agent lists and views portals, default first', async () => {
    const list = await desk.call('GET', '/api/v2/portals', { key: agentKey });
    expect(list.statusCode).toBe(200);
    expect(list.data.map((p: { id: number }) => p.id)).toEqual([first, second]);
    const view = await desk.call('GET', `/api/v2/portals/${second}`, { key: agentKey });
    expect(view.statusCode).toBe(200);
    expect(view.data).toMatchObject({ id: second, name: 'Beta' });
  });

  it('403 access_denied when an agent writes', async () => {
    for (const [method, url] of [
      ['POST', '/api/v2/portals'],
      ['PUT', `/api/v2/portals/${first}`],
      ['DELETE', `/api/v2/portals/${first}`],
    ] as const) {
      const res = await desk.call(method, url, { key: agentKey, body: { name: 'X' } });
      expect(res.statusCode).toBe(403);
      expect(res.data).toEqual({
        code: 'access_denied',
        message: 'You are not authorized to perform this action.',
      });
    }
  });

  it('404 for an unknown portal', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await desk.call(
        method,
        '/api/v2/portals/999999',
        method === 'PUT' ? { body: { name: 'X' } } : {},
      );
      expect(res.statusCode).toBe(404);
      expect(res.data).toMatchObject({ code: 'not_found' });
    }
  });

  it('400 with every field error at once', async () => {
    const res = await desk.call('POST', '/api/v2/portals', {
      body: {
        host: 'not a host!',
        brand_color: 'red',
        logo_url: 'javascript:alert(1)',
        chat_enabled: 'yes',
        colour: '#fff',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.description).toBe('Validation failed');
    const byField = Object.fromEntries(
      res.data.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    );
    expect(byField).toEqual({
      name: 'missing_field',
      host: 'invalid_value',
      brand_color: 'invalid_value',
      logo_url: 'invalid_value',
      chat_enabled: 'datatype_mismatch',
      colour: 'invalid_field',
    });
  });

  it('400 for a blank name, a bad port and a port-only host', async () => {
    for (const body of [{ name: '  ' }, { name: 'P', host: 'a.test:99999' }, { name: 'P', host: ':80' }]) {
      const res = await desk.call('POST', '/api/v2/portals', { body });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({
        field: body.name === '  ' ? 'name' : 'host',
        code: 'invalid_value',
      });
    }
  });

  it('400 invalid_value for categories that do not exist', async () => {
    const res = await desk.call('POST', '/api/v2/portals', {
      body: { name: 'P', category_ids: [categoryB, 987654] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.errors).toEqual([
      {
        field: 'category_ids',
        code: 'invalid_value',
        message: "There are no records matching the ids: '987654'",
      },
    ]);
  });

  it('409 duplicate_value for a host already used (ignoring case)', async () => {
    const res = await desk.call('POST', '/api/v2/portals', {
      body: { name: 'Copy', host: 'HELP.acme.test' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.data.errors).toEqual([
      { field: 'host', code: 'duplicate_value', message: 'It should be a unique value' },
    ]);
    const update = await desk.call('PUT', `/api/v2/portals/${second}`, { body: { host: 'help.acme.test' } });
    expect(update.statusCode).toBe(409);
  });

  it('updates fields and replaces the categories', async () => {
    const res = await desk.call('PUT', `/api/v2/portals/${second}`, {
      body: { name: 'Beta portal', category_ids: [categoryB], brand_color: '#00FF00', logo_url: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      name: 'Beta portal',
      category_ids: [categoryB],
      brand_color: '#00ff00',
    });
    const again = await desk.call('PUT', `/api/v2/portals/${second}`, { body: { category_ids: [] } });
    expect(again.data.category_ids).toEqual([]);
  });

  it('keeps exactly one default: making one the default takes the flag from the other', async () => {
    const refuse = await desk.call('PUT', `/api/v2/portals/${first}`, { body: { is_default: false } });
    expect(refuse.statusCode).toBe(400);
    expect(refuse.data.errors[0]).toMatchObject({ field: 'is_default', code: 'inconsistent_state' });

    const res = await desk.call('PUT', `/api/v2/portals/${second}`, { body: { is_default: true } });
    expect(res.statusCode).toBe(200);
    expect(res.data.is_default).toBe(true);
    const list = (await desk.call('GET', '/api/v2/portals')).data as { id: number; is_default: boolean }[];
    expect(list.filter((p) => p.is_default).map((p) => p.id)).toEqual([second]);
  });

  it('refuses to delete the default while other portals exist; deletes others (204)', async () => {
    const refuse = await desk.call('DELETE', `/api/v2/portals/${second}`);
    expect(refuse.statusCode).toBe(400);
    expect(refuse.data.errors[0]).toMatchObject({ field: 'is_default', code: 'inconsistent_state' });

    const res = await desk.call('DELETE', `/api/v2/portals/${first}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await desk.call('GET', `/api/v2/portals/${first}`)).statusCode).toBe(404);

    // The last portal may go: the Desk is back to having none.
    expect((await desk.call('DELETE', `/api/v2/portals/${second}`)).statusCode).toBe(204);
    expect((await desk.call('GET', '/api/v2/portals')).data).toEqual([]);
  });

  it('400 for a malformed id', async () => {
    const res = await desk.call('GET', '/api/v2/portals/abc');
    expect(res.statusCode).toBe(400);
    expect(res.data.errors[0]).toMatchObject({ field: 'id' });
  });
});
