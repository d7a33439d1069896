import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAgent, startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../test/desk-harness.js';

describe.each(TEST_DATABASE_KINDS)('Desk API conventions (%s)', (kind) => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 1000 });
  });
  afterAll(async () => desk?.close());

  it('answers /healthz without credentials', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });

  it('401 invalid_credentials without or with a wrong key, with rate-limit headers', async () => {
    for (const key of [null, 'wrong-key']) {
      const res = await desk.call('GET', '/api/v2/roles', { key });
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual({
        code: 'invalid_credentials',
        message: 'You have to be logged in to perform this action.',
      });
      expect(res.headers['x-ratelimit-total']).toBe('1000');
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('a deactivated agent key stops working at once', async () => {
    const agent = await createTestAgent(desk, { role: 'admin' });
    expect((await desk.call('GET', '/api/v2/roles', { key: agent.apiKey })).statusCode).toBe(200);
    await desk.services.db
      .updateTable('contacts')
      .set({ active: false })
      .where('id', '=', agent.id)
      .execute();
    expect((await desk.call('GET', '/api/v2/roles', { key: agent.apiKey })).statusCode).toBe(401);
  });

  it('lists the four built-in roles', async () => {
    const res = await desk.call('GET', '/api/v2/roles');
    expect(res.statusCode).toBe(200);
    expect(res.data.map((r: { name: string }) => r.name)).toEqual([
      'Account Administrator',
      'Administrator',
      'Supervisor',
      'Agent',
    ]);
    expect(res.data[0]).toMatchObject({
      default: true,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('403 access_denied for a plain agent on an admin endpoint', async () => {
    const agent = await createTestAgent(desk, { role: 'agent' });
    const res = await desk.call('GET', '/api/v2/roles', { key: agent.apiKey });
    expect(res.statusCode).toBe(403);
    expect(res.data).toEqual({
      code: 'access_denied',
      message: 'You are not authorized to perform this action.',
    });
  });

  it('404 with a JSON body for an unknown id and an unknown URL', async () => {
    const res = await desk.call('GET', '/api/v2/roles/999999');
    expect(res.statusCode).toBe(404);
    expect(res.data).toMatchObject({ code: 'not_found' });
    const unknown = await desk.call('GET', '/api/v2/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data).toMatchObject({ code: 'not_found' });
  });

  it('400 invalid_value for a malformed id', async () => {
    const res = await desk.call('GET', '/api/v2/roles/abc');
    expect(res.statusCode).toBe(400);
    expect(res.data.errors[0]).toMatchObject({ field: 'id' });
  });

  it('405 for a known path with the wrong verb', async () => {
    const res = await desk.call('DELETE', '/api/v2/roles');
    expect(res.statusCode).toBe(405);
    expect(res.data).toMatchObject({ code: 'method_not_allowed' });
    expect(res.headers.allow).toBe('GET');
  });

  it('406 for an Accept header that excludes JSON', async () => {
    const res = await desk.call('GET', '/api/v2/roles', { headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(406);
    expect(res.data).toMatchObject({ code: 'not_acceptable' });
  });

  it('415 for a body that is neither JSON nor (where files are accepted) multipart', async () => {
    const res = await desk.call('POST', '/api/v2/contacts', {
      payload: 'name=Jane',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.data).toMatchObject({ code: 'invalid_content_type' });
  });

  it('400 invalid_json for a malformed JSON body', async () => {
    const res = await desk.call('POST', '/api/v2/contacts', {
      payload: '{"name": "Jane",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ code: 'invalid_json', message: 'Request body has invalid json format' });
  });

  it('serves an OpenAPI document in step with every API route', async () => {
    const res = await desk.call('GET', '/api/v2/openapi.json', { key: null });
    expect(res.statusCode).toBe(200);
    expect(res.data.openapi).toMatch(/^3\./);
    const documented = Object.entries(res.data.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = desk.routes
      .filter((r) => r.includes(' /api/v2/') && !r.endsWith('/openapi.json'))
      .map((r) => r.replace(/:(\w+)/g, '{$1}'));
    expect(served.length).toBeGreaterThan(50);
    expect(new Set(documented)).toEqual(new Set(served));
  });
});

describe.each(TEST_DATABASE_KINDS)('Desk rate limit (%s)', (kind) => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 5 });
  });
  afterAll(async () => desk?.close());

  it('counts every request and answers 429 with Retry-After when spent', async () => {
    // Windows are whole minutes: start well inside one so the count cannot reset mid-test.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await desk.call('GET', '/api/v2/roles');
      expect(res.statusCode).toBe(200);
      remaining.push(String(res.headers['x-ratelimit-remaining']));
      expect(res.headers['x-ratelimit-used-currentrequest']).toBe('1');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await desk.call('GET', '/api/v2/roles');
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });
});
