import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../test/databases.js';
import { CHAT_TOKEN, startTestChat, type TestChat } from '../test/chat-harness.js';
import { makeSite } from './conversations/conversation-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('Chat API foundation (%s)', (kind) => {
  let chat: TestChat;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 1000 });
  });
  afterAll(async () => chat?.close());

  it('answers /healthz', async () => {
    const res = await chat.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', product: 'chat' });
  });

  it('first start made the account: app id and widget token for admins', async () => {
    const res = await chat.call('GET', '/v2/accounts/configuration');
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      app_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      widget_token: expect.stringMatching(/^[\w-]{32}$/),
      account_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.data.app_id).toBe(chat.bootstrap.appId);
  });

  it('401 in the documented shape without or with a wrong token, with rate-limit headers', async () => {
    for (const token of [null, 'not-a-token']) {
      const res = await chat.call('GET', '/v2/accounts/configuration', { token });
      expect(res.statusCode).toBe(401);
      expect(res.data).toMatchObject({ code: 401, status: 'UNAUTHORIZED', message: expect.any(String) });
      expect(res.headers['x-ratelimit-limit']).toBe('1000');
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    }
  });

  it('admins create, list and revoke API tokens; the secret is shown once and a revoked token stops at once', async () => {
    const created = await chat.call('POST', '/v2/api_tokens', { body: { name: 'Zapier' } });
    expect(created.statusCode).toBe(201);
    expect(created.data).toMatchObject({ id: expect.any(String), name: 'Zapier', token: expect.any(String) });
    const secret = created.data.token as string;
    expect((await chat.call('GET', '/v2/accounts/configuration', { token: secret })).statusCode).toBe(200);

    const list = await chat.call('GET', '/v2/api_tokens');
    expect(list.statusCode).toBe(200);
    expect(list.data.api_tokens.map((t: { name: string }) => t.name)).toEqual(['First start', 'Zapier']);
    expect(JSON.stringify(list.data)).not.toContain(secret);
    expect(JSON.stringify(list.data)).not.toContain(CHAT_TOKEN);

    const stored = await chat.services.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash).join()).not.toContain(secret);

    expect((await chat.call('DELETE', `/v2/api_tokens/${created.data.id}`)).statusCode).toBe(204);
    expect((await chat.call('GET', '/v2/accounts/configuration', { token: secret })).statusCode).toBe(401);
    const again = await chat.call('DELETE', `/v2/api_tokens/${created.data.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('a token acts with its creator: demoted to agent it gets 403, deactivated it gets 401', async () => {
    const created = await chat.call('POST', '/v2/api_tokens', { body: { name: 'Ops' } });
    const owner = await chat.services.db
      .selectFrom('agents')
      .select('id')
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    await chat.services.db.updateTable('agents').set({ role: 'agent' }).where('id', '=', owner.id).execute();
    try {
      const denied = await chat.call('GET', '/v2/api_tokens', { token: created.data.token });
      expect(denied.statusCode).toBe(403);
      expect(denied.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
      await chat.services.db
        .updateTable('agents')
        .set({ is_deactivated: true })
        .where('id', '=', owner.id)
        .execute();
      expect((await chat.call('GET', '/v2/api_tokens', { token: created.data.token })).statusCode).toBe(401);
    } finally {
      await chat.services.db
        .updateTable('agents')
        .set({ role: 'owner', is_deactivated: false })
        .where('id', '=', owner.id)
        .execute();
    }
  });

  it('validation errors carry field details; unknown fields are refused', async () => {
    const res = await chat.call('POST', '/v2/api_tokens', { body: { name: '', scope: 'all' } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED', message: 'Validation failed' });
    expect(res.data.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', code: 'invalid_value' }),
        expect.objectContaining({ field: 'scope', code: 'invalid_field' }),
      ]),
    );
  });

  it('404 and 405 in the documented shape', async () => {
    const unknown = await chat.call('GET', '/v2/nothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const wrongVerb = await chat.call('PUT', '/v2/api_tokens');
    expect(wrongVerb.statusCode).toBe(405);
    expect(wrongVerb.data).toMatchObject({ code: 405, status: 'METHOD_NOT_ALLOWED' });
  });
});

describe.each(TEST_DATABASE_KINDS)('Chat rate limit (%s)', (kind) => {
  let chat: TestChat;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 3 });
  });
  afterAll(async () => chat?.close());

  it('429 with Retry-After once the minute is spent', async () => {
    // Windows are whole minutes: start well inside one so the count cannot reset mid-test.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await chat.call('GET', '/v2/accounts/configuration');
      expect(res.statusCode).toBe(200);
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await chat.call('GET', '/v2/accounts/configuration');
    expect(limited.statusCode).toBe(429);
    expect(limited.data).toMatchObject({ code: 429, status: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe.each(TEST_DATABASE_KINDS)('Chat rate limit: visitors apart from staff (%s)', (kind) => {
  let chat: TestChat;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 3, widgetRateLimitPerMinute: 2 });
  });
  afterAll(async () => chat?.close());

  it('widget and public calls never spend the account budget; each visitor (session, else IP) has its own', async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const site = await makeSite(chat);
    const account = await chat.services.db
      .selectFrom('accounts')
      .select(['app_id', 'widget_token'])
      .executeTakeFirstOrThrow();
    const signIn = async (ip: string) => {
      const res = await chat.app.inject({
        method: 'POST',
        url: '/v2/widget/sessions',
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          app_id: account.app_id,
          widget_token: account.widget_token,
          site_id: site,
        }),
      });
      return Object.assign(res, { data: JSON.parse(res.body) });
    };
    const first = await signIn('10.9.0.1');
    const second = await signIn('10.9.0.2');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.headers['x-ratelimit-limit']).toBe('2');

    // Visitor 1 spends its 2 calls; visitor 2 is untouched by that.
    const me = (token: string) => chat.call('GET', '/v2/widget/me', { token });
    expect((await me(first.data.session_token)).statusCode).toBe(200);
    expect((await me(first.data.session_token)).statusCode).toBe(200);
    const limited = await me(first.data.session_token);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await me(second.data.session_token)).statusCode).toBe(200);

    // None of that touched the account's 3 staff calls.
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await chat.call('GET', '/v2/accounts/configuration');
      expect(res.statusCode).toBe(200);
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    expect((await chat.call('GET', '/v2/accounts/configuration')).statusCode).toBe(429);
    // A spent account budget does not stop visitors.
    expect((await me(second.data.session_token)).statusCode).toBe(200);
  });
});
