import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';

const PASSWORD = 'a long enough secret';

describe.each(TEST_DATABASE_KINDS)('Chat agent sessions (%s)', (kind) => {
  let chat: TestChat;
  let agentId: string;
  const login = (email: string, password: string) =>
    chat.call('POST', '/v2/sessions', { token: null, body: { email, password } });

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    const res = await chat.call('POST', '/v2/agents', {
      body: { email: 'Ivy@Example.com', first_name: 'Ivy', password: PASSWORD },
    });
    agentId = res.data.id;
  });
  afterAll(async () => chat?.close());

  it('logs in (201) with any email case; the token is stored hashed and works as a bearer on /v2', async () => {
    const res = await login('ivy@example.COM', PASSWORD);
    expect(res.statusCode).toBe(201);
    expect(res.data).toEqual({
      token: expect.stringMatching(/^[\w-]{43}$/),
      expires_time: expect.stringMatching(/Z$/),
      agent: expect.objectContaining({ id: agentId, email: 'Ivy@Example.com', role_name: 'agent' }),
    });
    const hours = (Date.parse(res.data.expires_time) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const stored = await chat.services.db.selectFrom('agent_sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash).join()).not.toContain(res.data.token);

    const me = await chat.call('GET', '/v2/agents/me', { token: res.data.token });
    expect(me.statusCode).toBe(200);
    expect(me.data).toMatchObject({ id: agentId, first_name: 'Ivy' });
    // An agent session is an agent: admin-only endpoints say 403, not 401.
    expect((await chat.call('GET', '/v2/api_tokens', { token: res.data.token })).statusCode).toBe(403);
  });

  it('/agents/me and logout are for sessions: an API token gets 404', async () => {
    const me = await chat.call('GET', '/v2/agents/me');
    expect(me.statusCode).toBe(404);
    expect(me.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect((await chat.call('DELETE', '/v2/sessions/current')).statusCode).toBe(404);
    expect((await chat.call('DELETE', '/v2/sessions/current', { token: null })).statusCode).toBe(401);
  });

  it('logout (204) ends that session at once and no other', async () => {
    const a = (await login('ivy@example.com', PASSWORD)).data.token;
    const b = (await login('ivy@example.com', PASSWORD)).data.token;
    const out = await chat.call('DELETE', '/v2/sessions/current', { token: a });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const after = await chat.call('GET', '/v2/agents/me', { token: a });
    expect(after.statusCode).toBe(401);
    expect(after.data).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
    expect((await chat.call('GET', '/v2/agents/me', { token: b })).statusCode).toBe(200);
  });

  it('an expired session fails', async () => {
    const token = (await login('ivy@example.com', PASSWORD)).data.token;
    await chat.services.db
      .updateTable('agent_sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await chat.call('GET', '/v2/agents/me', { token })).statusCode).toBe(401);
  });

  it('400 for a malformed body; 401 for a wrong password, an unknown email or an agent without password', async () => {
    const bad = await chat.call('POST', '/v2/sessions', { token: null, body: { email: '', extra: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.data.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`).sort(),
    ).toEqual(['email:invalid_value', 'extra:invalid_field', 'password:missing_field']);
    await chat.call('POST', '/v2/agents', { body: { email: 'nopass@example.com', first_name: 'No' } });
    for (const [email, password] of [
      ['ivy@example.com', 'wrong password!'],
      ['ghost@example.com', PASSWORD],
      ['nopass@example.com', PASSWORD],
    ] as const) {
      const res = await login(email, password);
      expect(res.statusCode).toBe(401);
      expect(res.data).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
      expect(res.data.token).toBeUndefined();
    }
  });

  it('throttles: the 6th try within 15 minutes is 429 with Retry-After, even with the right password', async () => {
    await chat.call('POST', '/v2/agents', {
      body: { email: 'jo@example.com', first_name: 'Jo', password: PASSWORD },
    });
    for (let i = 0; i < 5; i++)
      expect((await login('JO@example.com', `wrong-${i}-xxxxx`)).statusCode).toBe(401);
    const blocked = await login('jo@example.com', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.data).toMatchObject({ code: 429, status: 'TOO_MANY_REQUESTS' });
    const retry = Number(blocked.headers['retry-after']);
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Other emails are not affected.
    expect((await login('ivy@example.com', PASSWORD)).statusCode).toBe(201);
    // Once the failures leave the window, the right password works and clears the count.
    await chat.services.db
      .updateTable('agent_login_failures')
      .set({ failed_at: new Date(Date.now() - 16 * 60_000) })
      .where('email', '=', 'jo@example.com')
      .execute();
    expect((await login('jo@example.com', PASSWORD)).statusCode).toBe(201);
    const left = await chat.services.db
      .selectFrom('agent_login_failures')
      .select('id')
      .where('email', '=', 'jo@example.com')
      .execute();
    expect(left).toEqual([]);
  });

  it('deactivation kills sessions at once, even one created just before', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: { email: 'kim@example.com', first_name: 'Kim', password: PASSWORD },
    });
    const token = (await login('kim@example.com', PASSWORD)).data.token;
    expect((await chat.call('GET', '/v2/agents/me', { token })).statusCode).toBe(200);
    // Even a session row that survived (e.g. written concurrently) fails for a deactivated agent.
    await chat.services.db
      .updateTable('agents')
      .set({ is_deactivated: true })
      .where('id', '=', res.data.id)
      .execute();
    expect((await chat.call('GET', '/v2/agents/me', { token })).statusCode).toBe(401);
    await chat.services.db
      .updateTable('agents')
      .set({ is_deactivated: false })
      .where('id', '=', res.data.id)
      .execute();
    expect((await chat.call('GET', '/v2/agents/me', { token })).statusCode).toBe(200);
    expect((await chat.call('DELETE', `/v2/agents/${res.data.id}`)).statusCode).toBe(202);
    const rows = await chat.services.db
      .selectFrom('agent_sessions')
      .select('token_hash')
      .where('agent_id', '=', res.data.id)
      .execute();
    expect(rows).toEqual([]);
    expect((await login('kim@example.com', PASSWORD)).statusCode).toBe(401);
  });

  it('an admin session can manage agents and cannot deactivate itself', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: { email: 'lea@example.com', first_name: 'Lea', password: PASSWORD, role_name: 'admin' },
    });
    const token = (await login('lea@example.com', PASSWORD)).data.token;
    const created = await chat.call('POST', '/v2/agents', {
      token,
      body: { email: 'max@example.com', first_name: 'Max' },
    });
    expect(created.statusCode).toBe(201);
    expect((await chat.call('DELETE', `/v2/agents/${res.data.id}`, { token })).statusCode).toBe(403);
    // A token made from an agent session acts with that agent.
    const made = await chat.call('POST', '/v2/api_tokens', { token, body: { name: 'Lea script' } });
    expect(made.statusCode).toBe(201);
    expect(made.data.created_by).toBe(res.data.id);
  });
});
