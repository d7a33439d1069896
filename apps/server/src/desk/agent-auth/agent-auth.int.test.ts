import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { hashPassword } from '../portal-auth/passwords.js';

const PASSWORD = 'correct horse battery staple';

describe.each(TEST_DATABASE_KINDS)('Desk agent sessions (%s)', (kind) => {
  let desk: TestDesk;
  let ipCounter = 0;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    await setPassword(desk.adminId, PASSWORD);
  });
  afterAll(async () => desk?.close());

  async function setPassword(id: number, password: string) {
    await desk.services.db
      .updateTable('contacts')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', id)
      .execute();
  }

  /** A sign-in from its own client IP (unless given), so only the email bucket can throttle. */
  async function signIn(email: string, password: string, ip = `10.1.0.${++ipCounter}`) {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/_session',
      payload: JSON.stringify({ email, password }),
      headers: { 'content-type': 'application/json' },
      remoteAddress: ip,
    });
    const cookie = String(res.headers['set-cookie'] ?? '');
    return Object.assign(res, {
      data: JSON.parse(res.body || 'null'),
      cookie: cookie.split(';')[0]!,
      setCookie: cookie,
    });
  }

  /** An API call with the session cookie and, unless `csrf` is null, the CSRF header. */
  async function withSession(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    cookie: string,
    csrf: string | null,
    body?: unknown,
  ) {
    const res = await desk.app.inject({
      method,
      url,
      headers: {
        cookie,
        ...(csrf !== null ? { 'x-csrf-token': csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    return Object.assign(res, { data: res.body ? JSON.parse(res.body) : undefined });
  }

  it('signs the admin in: an HttpOnly SameSite=Strict cookie, the agent and a CSRF token', async () => {
    const res = await signIn(ADMIN_EMAIL.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.setCookie).toMatch(/^tandem_desk_session=[\w-]{40,};/);
    expect(res.setCookie).toContain('HttpOnly');
    expect(res.setCookie).toContain('SameSite=Strict');
    expect(res.setCookie).not.toContain('Secure');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.data).toMatchObject({
      id: desk.adminId,
      email: ADMIN_EMAIL,
      roles: ['account_admin'],
      ticket_scope: 1,
      csrf_token: expect.stringMatching(/^[\w-]{40,}$/),
    });

    const me = await withSession('GET', '/api/_session', res.cookie, null);
    expect(me.statusCode).toBe(200);
    expect(me.data).toMatchObject({ id: desk.adminId, csrf_token: res.data.csrf_token });
    // Stored hashed: the cookie's token is not in the table.
    const rows = await desk.services.db
      .withTables<{ agent_sessions: { token_hash: string } }>()
      .selectFrom('agent_sessions')
      .select('token_hash')
      .execute();
    expect(rows.some((r) => res.cookie.endsWith(r.token_hash))).toBe(false);
  });

  it('refuses a wrong password and an unknown email alike (401), and GET without a session', async () => {
    const wrong = await signIn(ADMIN_EMAIL, 'not the password');
    const unknown = await signIn('nobody@example.com', PASSWORD);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual({
        code: 'invalid_credentials',
        message: 'The email or password is incorrect.',
      });
      expect(res.setCookie).toBe('');
    }
    expect((await withSession('GET', '/api/_session', '', null)).statusCode).toBe(401);
    expect(
      (await withSession('GET', '/api/_session', 'tandem_desk_session=' + 'x'.repeat(43), null)).statusCode,
    ).toBe(401);
  });

  it('throttles repeated failures for one email: 429 with Retry-After, even for the right password', async () => {
    const agent = await createTestAgent(desk, { email: 'throttled@example.com' });
    await setPassword(agent.id, PASSWORD);
    for (let i = 0; i < 5; i++)
      expect((await signIn('throttled@example.com', 'wrong-password')).statusCode).toBe(401);
    const limited = await signIn('throttled@example.com', PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.setCookie).toBe('');
    // Another agent is not held up.
    expect((await signIn(ADMIN_EMAIL, PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a deactivated agent (403), and deactivation ends a live session at once', async () => {
    const agent = await createTestAgent(desk, { email: 'leaver@example.com', role: 'admin' });
    await setPassword(agent.id, PASSWORD);
    const session = await signIn('leaver@example.com', PASSWORD);
    expect(session.statusCode).toBe(200);
    const csrf = session.data.csrf_token as string;
    expect((await withSession('GET', '/api/v2/tickets', session.cookie, csrf)).statusCode).toBe(200);

    await desk.services.db
      .updateTable('contacts')
      .set({ active: false })
      .where('id', '=', agent.id)
      .execute();
    const refused = await signIn('leaver@example.com', PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.data.message).toBe('This agent account is deactivated.');
    expect((await withSession('GET', '/api/v2/tickets', session.cookie, csrf)).statusCode).toBe(401);
    expect((await withSession('GET', '/api/_session', session.cookie, null)).statusCode).toBe(401);
  });

  it('/api/v2 accepts the session with X-CSRF-Token on every method; without or with a wrong one 403', async () => {
    const session = await signIn(ADMIN_EMAIL, PASSWORD);
    const csrf = session.data.csrf_token as string;
    const ok = await withSession('GET', '/api/v2/tickets?per_page=1', session.cookie, csrf);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-ratelimit-total']).toBe('100000');

    const created = await withSession('POST', '/api/v2/tickets', session.cookie, csrf, {
      email: 'customer@example.com',
      subject: 'From the agent UI',
      description: 'Hello',
    });
    expect(created.statusCode).toBe(201);

    for (const token of [null, '', 'x'.repeat(43)]) {
      const get = await withSession('GET', '/api/v2/tickets', session.cookie, token);
      expect(get.statusCode).toBe(403);
      expect(get.data.code).toBe('access_denied');
      const post = await withSession('POST', '/api/v2/tickets', session.cookie, token, {
        email: 'customer@example.com',
        subject: 'Forged',
        description: 'x',
      });
      expect(post.statusCode).toBe(403);
    }
    // Another session's token does not fit this one.
    const other = await signIn(ADMIN_EMAIL, PASSWORD);
    expect(
      (await withSession('GET', '/api/v2/tickets', session.cookie, other.data.csrf_token)).statusCode,
    ).toBe(403);
  });

  it("enforces the signed-in agent's own scope", async () => {
    const restricted = await createTestAgent(desk, { email: 'restricted@example.com', ticketScope: 3 });
    await setPassword(restricted.id, PASSWORD);
    const mine = await desk.call('POST', '/api/v2/tickets', {
      body: { email: 'c@example.com', subject: 'Mine', description: 'x', responder_id: restricted.id },
    });
    const theirs = await desk.call('POST', '/api/v2/tickets', {
      body: { email: 'c@example.com', subject: 'Not mine', description: 'x' },
    });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);

    const session = await signIn('restricted@example.com', PASSWORD);
    const csrf = session.data.csrf_token as string;
    const list = await withSession('GET', '/api/v2/tickets?per_page=100', session.cookie, csrf);
    expect(list.statusCode).toBe(200);
    expect(list.data.map((t: { id: number }) => t.id)).toEqual([mine.data.id]);
    expect(
      (await withSession('GET', `/api/v2/tickets/${theirs.data.id}`, session.cookie, csrf)).statusCode,
    ).toBe(403);
    expect((await withSession('GET', '/api/v2/roles', session.cookie, csrf)).statusCode).toBe(403);
  });

  it('Basic auth still wins over a cookie; DELETE signs out (with the CSRF token)', async () => {
    const session = await signIn(ADMIN_EMAIL, PASSWORD);
    const csrf = session.data.csrf_token as string;
    const basic = await desk.call('GET', '/api/v2/tickets?per_page=1', {
      headers: { cookie: session.cookie },
    });
    expect(basic.statusCode).toBe(200);

    expect((await withSession('DELETE', '/api/_session', session.cookie, null)).statusCode).toBe(403);
    const out = await withSession('DELETE', '/api/_session', session.cookie, csrf);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^tandem_desk_session=;.*Max-Age=0/);
    expect((await withSession('GET', '/api/v2/tickets', session.cookie, csrf)).statusCode).toBe(401);
    expect((await withSession('GET', '/api/_session', session.cookie, null)).statusCode).toBe(401);
  });

  it('serves the agent UI at /a and /a/* with a strict CSP, and 404 for an unknown asset', async () => {
    for (const url of ['/a', '/a/', '/a/tickets/12']) {
      const res = await desk.app.inject({ method: 'GET', url });
      // 503 with how to build it when apps/agent-ui is not built.
      expect([200, 503]).toContain(res.statusCode);
      if (res.statusCode !== 200) continue;
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.body).toContain('/a/assets/');
      const asset = /\/a\/assets\/([\w.-]+\.js)/.exec(res.body)![1]!;
      const file = await desk.app.inject({ method: 'GET', url: `/a/assets/${asset}` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(file.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
    for (const url of ['/a/assets/missing.js', '/a/assets/..%2Fmanifest.json', '/a/assets/index.html']) {
      expect((await desk.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });
});
