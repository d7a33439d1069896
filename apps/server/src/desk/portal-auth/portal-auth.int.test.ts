import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { startTestSmtpServer } from '../../platform/mail/test-smtp-server.js';
import { sha256 } from '../../platform/web/index.js';
import { freshDatabase } from '../../test/databases.js';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import type { DeskDB } from '../db.js';
import { buildDeskApp, type DeskApp } from '../index.js';
import {
  SESSION_COOKIE,
  anonymousCsrf,
  clearSessionCookie,
  requestPasswordLink,
  sessionCookie,
  sessionOf,
  setPasswordWithToken,
  signIn,
  signOut,
  verifyAnonymousCsrf,
  verifyCsrf,
} from './index.js';

const BASE_URL = 'https://help.example.com';

async function insertPortal(desk: DeskApp, name: string) {
  const now = new Date();
  const row = await desk.services.db
    .insertInto('portals')
    .values({ name, host: `${name.toLowerCase()}.example.com`, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let seq = 0;
async function insertContact(
  desk: DeskApp,
  values: { name?: string; email?: string; deleted?: boolean } = {},
) {
  const now = new Date();
  seq++;
  const row = await desk.services.db
    .insertInto('contacts')
    .values({
      name: values.name ?? `Contact ${seq}`,
      email: values.email ?? `contact-${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`,
      active: false,
      deleted: values.deleted ?? false,
      custom_fields: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
  return { id: row.id, email: row.email! };
}

const outboxTo = (desk: DeskApp, email: string) =>
  desk.services.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', email)
    .orderBy('id')
    .execute();

/** Requests a link and reads the token back out of the mail the outbox holds. */
async function linkTokenFor(desk: DeskApp, portalId: number, email: string) {
  await requestPasswordLink(desk.services, { portal: { id: portalId, baseUrl: BASE_URL }, email });
  const mail = (await outboxTo(desk, email)).at(-1)!;
  const match = /\/support\/password\/set\?token=([A-Za-z0-9_-]+)/.exec(mail.text_body);
  return match![1]!;
}

/** A contact with a password, ready to sign in. */
async function contactWithPassword(desk: DeskApp, portalId: number, password = 'correct horse') {
  const contact = await insertContact(desk);
  const token = await linkTokenFor(desk, portalId, contact.email);
  expect(await setPasswordWithToken(desk.services, { token, password })).toEqual({ contactId: contact.id });
  return { ...contact, password };
}

const cookieOf = (token: string) => `other=1; ${SESSION_COOKIE}=${token}`;

describe.each(TEST_DATABASE_KINDS)('Portal sign-in (%s)', (kind) => {
  let desk: TestDesk;
  let portalId: number;
  let otherPortalId: number;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 1000 });
    portalId = await insertPortal(desk, 'Main');
    otherPortalId = await insertPortal(desk, 'Other');
  });
  afterAll(async () => desk?.close());

  it('mails a one-time link: a hashed 24 h token and an outbox row naming the link', async () => {
    const contact = await insertContact(desk, { name: 'Ann Example' });
    await requestPasswordLink(desk.services, {
      portal: { id: portalId, baseUrl: `${BASE_URL}/` },
      email: contact.email.toUpperCase(),
    });
    const mails = await outboxTo(desk, contact.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      subject: 'Set your support portal password',
      sent_at: null,
      attempts: 0,
      last_error: null,
    });
    const token = /token=([A-Za-z0-9_-]{43})\n/.exec(mails[0]!.text_body)![1]!;
    expect(mails[0]!.text_body).toContain(`Hello Ann Example,`);
    expect(mails[0]!.text_body).toContain(`${BASE_URL}/support/password/set?token=${token}`);
    const stored = await desk.services.db
      .selectFrom('contact_tokens')
      .selectAll()
      .where('contact_id', '=', contact.id)
      .execute();
    expect(stored).toHaveLength(1);
    // Only the hash is stored, never the token itself.
    expect(stored[0]!.token_hash).toBe(sha256(token));
    expect(stored[0]!.purpose).toBe('set_password');
    const ttl = new Date(stored[0]!.expires_at).getTime() - new Date(stored[0]!.created_at).getTime();
    expect(ttl).toBe(24 * 60 * 60 * 1000);
  });

  it('answers the same for unknown, deleted and agent emails and sends them nothing', async () => {
    const deleted = await insertContact(desk, { deleted: true });
    const agent = await createTestAgent(desk);
    const agentEmail = (await desk.services.db
      .selectFrom('contacts')
      .select('email')
      .where('id', '=', agent.id)
      .executeTakeFirstOrThrow())!.email!;
    const before = await desk.services.db
      .selectFrom('outbox_emails')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const email of ['nobody@example.com', deleted.email, agentEmail, '', 'not-an-email']) {
      await expect(
        requestPasswordLink(desk.services, { portal: { id: portalId, baseUrl: BASE_URL }, email }),
      ).resolves.toBeUndefined();
    }
    const after = await desk.services.db
      .selectFrom('outbox_emails')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('limits password links to 5 per contact per hour', async () => {
    const contact = await insertContact(desk);
    for (let i = 0; i < 7; i++) {
      await requestPasswordLink(desk.services, {
        portal: { id: portalId, baseUrl: BASE_URL },
        email: contact.email,
      });
    }
    expect(await outboxTo(desk, contact.email)).toHaveLength(5);
  });

  it('sets the password with the token once; a weak password keeps the token usable', async () => {
    const contact = await insertContact(desk);
    const token = await linkTokenFor(desk, portalId, contact.email);
    expect(await setPasswordWithToken(desk.services, { token, password: 'short' })).toEqual({
      error: 'weak_password',
    });
    expect(await setPasswordWithToken(desk.services, { token, password: 'x'.repeat(1025) })).toEqual({
      error: 'weak_password',
    });
    expect(await setPasswordWithToken(desk.services, { token, password: 'long enough' })).toEqual({
      contactId: contact.id,
    });
    const row = await desk.services.db
      .selectFrom('contacts')
      .select('password_hash')
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await setPasswordWithToken(desk.services, { token, password: 'another one' })).toEqual({
      error: 'invalid_token',
    });
  });

  it('refuses unknown, malformed and expired tokens', async () => {
    expect(
      await setPasswordWithToken(desk.services, { token: 'x'.repeat(43), password: 'long enough' }),
    ).toEqual({
      error: 'invalid_token',
    });
    expect(
      await setPasswordWithToken(desk.services, { token: 'bad token!', password: 'long enough' }),
    ).toEqual({
      error: 'invalid_token',
    });
    const contact = await insertContact(desk);
    const token = await linkTokenFor(desk, portalId, contact.email);
    await desk.services.db
      .updateTable('contact_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', sha256(token))
      .execute();
    expect(await setPasswordWithToken(desk.services, { token, password: 'long enough' })).toEqual({
      error: 'invalid_token',
    });
  });

  it('setting a password retires the contact’s other links and ends their sessions', async () => {
    const contact = await contactWithPassword(desk, portalId);
    const session = await signIn(desk.services, {
      portalId,
      email: contact.email,
      password: contact.password,
      ip: '10.0.0.9',
    });
    if (!('sessionToken' in session)) throw new Error('sign-in failed');
    const first = await linkTokenFor(desk, portalId, contact.email);
    const second = await linkTokenFor(desk, portalId, contact.email);
    expect(await setPasswordWithToken(desk.services, { token: second, password: 'brand new pass' })).toEqual({
      contactId: contact.id,
    });
    expect(await setPasswordWithToken(desk.services, { token: first, password: 'brand new pass' })).toEqual({
      error: 'invalid_token',
    });
    expect(await sessionOf(desk.services, cookieOf(session.sessionToken), portalId)).toBeUndefined();
  });

  it('signs in: a hashed 14-day session on this portal, the contact marked active', async () => {
    const contact = await contactWithPassword(desk, portalId);
    const result = await signIn(desk.services, {
      portalId,
      email: ` ${contact.email.toUpperCase()} `,
      password: contact.password,
      ip: '10.0.0.1',
    });
    expect(result).toEqual({
      sessionToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      contactId: contact.id,
    });
    if (!('sessionToken' in result)) return;
    const stored = await desk.services.db
      .selectFrom('contact_sessions')
      .selectAll()
      .where('contact_id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(result.sessionToken));
    expect(stored.portal_id).toBe(portalId);
    const days = (new Date(stored.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThanOrEqual(14);
    const row = await desk.services.db
      .selectFrom('contacts')
      .select(['active', 'last_login_at'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(true);
    expect(row.last_login_at).not.toBeNull();

    const session = await sessionOf(desk.services, cookieOf(result.sessionToken), portalId);
    expect(session).toEqual({
      contact: { id: contact.id, name: expect.any(String), email: contact.email, company_id: null },
      csrfToken: result.csrfToken,
    });
    // A session belongs to the portal it was started on.
    expect(await sessionOf(desk.services, cookieOf(result.sessionToken), otherPortalId)).toBeUndefined();
    expect(await sessionOf(desk.services, undefined, portalId)).toBeUndefined();
    expect(await sessionOf(desk.services, `${SESSION_COOKIE}=${'y'.repeat(43)}`, portalId)).toBeUndefined();

    await signOut(desk.services, cookieOf(result.sessionToken));
    expect(await sessionOf(desk.services, cookieOf(result.sessionToken), portalId)).toBeUndefined();
    await expect(signOut(desk.services, undefined)).resolves.toBeUndefined();
  });

  it('expired sessions and deleted contacts are signed out', async () => {
    const contact = await contactWithPassword(desk, portalId);
    const a = await signIn(desk.services, {
      portalId,
      email: contact.email,
      password: contact.password,
      ip: '10.0.0.2',
    });
    const b = await signIn(desk.services, {
      portalId,
      email: contact.email,
      password: contact.password,
      ip: '10.0.0.2',
    });
    if (!('sessionToken' in a) || !('sessionToken' in b)) throw new Error('sign-in failed');
    await desk.services.db
      .updateTable('contact_sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', sha256(a.sessionToken))
      .execute();
    expect(await sessionOf(desk.services, cookieOf(a.sessionToken), portalId)).toBeUndefined();
    expect(await sessionOf(desk.services, cookieOf(b.sessionToken), portalId)).toBeDefined();
    await desk.services.db
      .updateTable('contacts')
      .set({ deleted: true })
      .where('id', '=', contact.id)
      .execute();
    expect(await sessionOf(desk.services, cookieOf(b.sessionToken), portalId)).toBeUndefined();
    expect(
      await signIn(desk.services, {
        portalId,
        email: contact.email,
        password: contact.password,
        ip: '10.0.0.2',
      }),
    ).toEqual({ error: 'invalid_credentials' });
  });

  it('refuses wrong passwords, unknown emails and contacts without a password alike', async () => {
    const contact = await contactWithPassword(desk, portalId);
    const noPassword = await insertContact(desk);
    for (const attempt of [
      { email: contact.email, password: 'wrong password' },
      { email: 'nobody@example.com', password: 'whatever it is' },
      { email: noPassword.email, password: 'whatever it is' },
      { email: '', password: '' },
    ]) {
      expect(await signIn(desk.services, { portalId, ...attempt, ip: '10.0.1.1' })).toEqual({
        error: 'invalid_credentials',
      });
    }
  });

  it('throttles an email after 5 failures in 15 minutes, even with the right password', async () => {
    const contact = await contactWithPassword(desk, portalId);
    for (let i = 0; i < 5; i++) {
      expect(
        await signIn(desk.services, {
          portalId,
          email: contact.email,
          password: 'nope nope',
          ip: `10.1.0.${i}`,
        }),
      ).toEqual({ error: 'invalid_credentials' });
    }
    const throttled = await signIn(desk.services, {
      portalId,
      email: contact.email,
      password: contact.password,
      ip: '10.1.1.1',
    });
    expect(throttled).toEqual({ error: 'throttled', retryAfterSeconds: expect.any(Number) });
    if (!('retryAfterSeconds' in throttled)) return;
    expect(throttled.retryAfterSeconds).toBeGreaterThan(890);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(900);

    // Once the oldest failure leaves the window one attempt is free again, and success resets.
    await desk.services.db
      .updateTable('portal_sign_in_failures')
      .set({ failed_at: new Date(Date.now() - 16 * 60 * 1000) })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('portal_sign_in_failures')
          .select((e) => e.fn.min('id').as('id'))
          .where('bucket', '=', `email:${contact.email.toLowerCase()}`),
      )
      .execute();
    const ok = await signIn(desk.services, {
      portalId,
      email: contact.email,
      password: contact.password,
      ip: '10.1.1.1',
    });
    expect(ok).toMatchObject({ contactId: contact.id });
    const left = await desk.services.db
      .selectFrom('portal_sign_in_failures')
      .select('id')
      .where('bucket', '=', `email:${contact.email.toLowerCase()}`)
      .execute();
    expect(left).toEqual([]);
  });

  it('concurrent guesses cannot get past the limit', async () => {
    const contact = await contactWithPassword(desk, portalId);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signIn(desk.services, {
          portalId,
          email: contact.email,
          password: `guess ${i} guess`,
          ip: `10.4.0.${i}`,
        }),
      ),
    );
    const refused = results.filter((r) => 'error' in r && r.error === 'invalid_credentials');
    const throttled = results.filter((r) => 'error' in r && r.error === 'throttled');
    expect(refused.length).toBeLessThanOrEqual(5);
    expect(refused.length + throttled.length).toBe(10);
    // Each refused guess stays counted; throttled ones are not (waiting is not prolonged by trying).
    const counted = await desk.services.db
      .selectFrom('portal_sign_in_failures')
      .select('id')
      .where('bucket', '=', `email:${contact.email.toLowerCase()}`)
      .execute();
    expect(counted).toHaveLength(refused.length);
  });

  it('throttles an IP after 20 failures across emails', async () => {
    const contact = await contactWithPassword(desk, portalId);
    for (let i = 0; i < 20; i++) {
      expect(
        await signIn(desk.services, {
          portalId,
          email: `spray-${i}@example.com`,
          password: 'guess guess',
          ip: '10.2.0.1',
        }),
      ).toEqual({ error: 'invalid_credentials' });
    }
    expect(
      await signIn(desk.services, {
        portalId,
        email: contact.email,
        password: contact.password,
        ip: '10.2.0.1',
      }),
    ).toMatchObject({ error: 'throttled', retryAfterSeconds: expect.any(Number) });
    // Another address is not affected.
    expect(
      await signIn(desk.services, {
        portalId,
        email: contact.email,
        password: contact.password,
        ip: '10.2.0.2',
      }),
    ).toMatchObject({ contactId: contact.id });
  });

  it('CSRF: a session’s token verifies, anything else does not', async () => {
    const contact = await contactWithPassword(desk, portalId);
    const result = await signIn(desk.services, {
      portalId,
      email: contact.email,
      password: contact.password,
      ip: '10.3.0.1',
    });
    if (!('sessionToken' in result)) throw new Error('sign-in failed');
    const session = (await sessionOf(desk.services, cookieOf(result.sessionToken), portalId))!;
    expect(verifyCsrf(session, result.csrfToken)).toBe(true);
    expect(verifyCsrf(session, `${result.csrfToken}x`)).toBe(false);
    expect(verifyCsrf(session, '')).toBe(false);
    expect(verifyCsrf(session, undefined)).toBe(false);
    expect(verifyCsrf(undefined, result.csrfToken)).toBe(false);
  });
});

describe('portal cookies and anonymous CSRF', () => {
  it('session cookies are HttpOnly, SameSite=Lax, Path=/, 14 days, Secure over https', () => {
    const secure = sessionCookie('tok', { secure: true });
    expect(secure).toMatch(
      new RegExp(
        `^${SESSION_COOKIE}=tok; Max-Age=1209600; Expires=[^;]+; Path=/; HttpOnly; Secure; SameSite=Lax$`,
      ),
    );
    expect(sessionCookie('tok', { secure: false })).not.toContain('Secure');
    expect(clearSessionCookie()).toMatch(
      new RegExp(`^${SESSION_COOKIE}=; Max-Age=0; .*HttpOnly; SameSite=Lax$`),
    );
  });

  it('anonymous forms: double-submit of a cookie token', () => {
    const first = anonymousCsrf(undefined, { secure: true });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.setCookie).toMatch(
      /^tandem_portal_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const cookieHeader = first.setCookie!.split(';')[0]!;
    // The cookie already there is reused: no new Set-Cookie, the same token.
    expect(anonymousCsrf(`a=b; ${cookieHeader}`)).toEqual({ token: first.token });
    expect(verifyAnonymousCsrf(cookieHeader, first.token)).toBe(true);
    expect(verifyAnonymousCsrf(cookieHeader, anonymousCsrf(undefined).token)).toBe(false);
    expect(verifyAnonymousCsrf(cookieHeader, undefined)).toBe(false);
    expect(verifyAnonymousCsrf(undefined, first.token)).toBe(false);
    expect(verifyAnonymousCsrf('tandem_portal_csrf=', '')).toBe(false);
  });
});

describe.each(TEST_DATABASE_KINDS)('Outbox (%s)', (kind) => {
  let desk: TestDesk;
  let portalId: number;
  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 1000 });
    portalId = await insertPortal(desk, 'Mail');
  });
  afterAll(async () => desk?.close());

  it('GET /api/v2/outbox lists the newest mail first for admins, filterable by address', async () => {
    const ann = await insertContact(desk);
    const bob = await insertContact(desk);
    await requestPasswordLink(desk.services, {
      portal: { id: portalId, baseUrl: BASE_URL },
      email: ann.email,
    });
    await requestPasswordLink(desk.services, {
      portal: { id: portalId, baseUrl: BASE_URL },
      email: bob.email,
    });
    const res = await desk.call('GET', '/api/v2/outbox');
    expect(res.statusCode).toBe(200);
    expect(res.data.map((m: { to: string }) => m.to).slice(0, 2)).toEqual([bob.email, ann.email]);
    expect(res.data[0]).toEqual({
      id: expect.any(Number),
      to: bob.email,
      subject: 'Set your support portal password',
      text: expect.stringContaining(`${BASE_URL}/support/password/set?token=`),
      html: null,
      sent_at: null,
      attempts: 0,
      last_error: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const filtered = await desk.call(
      'GET',
      `/api/v2/outbox?to=${encodeURIComponent(ann.email.toUpperCase())}`,
    );
    expect(filtered.statusCode).toBe(200);
    expect(filtered.data.map((m: { to: string }) => m.to)).toEqual([ann.email]);
  });

  it('pages with a Link header only when more mail exists', async () => {
    const first = await desk.call('GET', '/api/v2/outbox?per_page=1');
    expect(first.statusCode).toBe(200);
    expect(first.data).toHaveLength(1);
    expect(first.headers.link).toMatch(/page=2/);
    const all = await desk.call('GET', '/api/v2/outbox?per_page=100');
    expect(all.headers.link).toBeUndefined();
  });

  it('403 for agents who are not admins, 400 for a bad filter', async () => {
    const agent = await createTestAgent(desk, { role: 'agent' });
    const res = await desk.call('GET', '/api/v2/outbox', { key: agent.apiKey });
    expect(res.statusCode).toBe(403);
    expect(res.data.code).toBe('access_denied');
    const admin = await createTestAgent(desk, { role: 'admin' });
    expect((await desk.call('GET', '/api/v2/outbox', { key: admin.apiKey })).statusCode).toBe(200);
    const bad = await desk.call('GET', '/api/v2/outbox?to=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.data.errors).toEqual([expect.objectContaining({ field: 'to', code: 'invalid_value' })]);
  });
});

describe.each(TEST_DATABASE_KINDS)('Outgoing mail delivery (%s)', (kind) => {
  it('without SMTP_URL: the mail stays in the outbox and the log names it with the link', async () => {
    const lines: string[] = [];
    const database = await freshDatabase<DeskDB>(kind);
    const config = {
      ...loadConfig({ DATA_DIR: '/tmp/tandem-test' }).desk,
      dataDir: `/tmp/tandem-test/mail-${process.pid}`,
    };
    const desk = await buildDeskApp({
      config,
      database,
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      const portalId = await insertPortal(desk, 'Logged');
      const contact = await insertContact(desk);
      await requestPasswordLink(desk.services, {
        portal: { id: portalId, baseUrl: BASE_URL },
        email: contact.email,
      });
      await desk.services.mailer.flush();
      const logged = lines
        .map((l) => JSON.parse(l) as { msg: string })
        .find((l) => l.msg.startsWith('mail to'));
      expect(logged?.msg).toMatch(
        new RegExp(
          `^mail to ${contact.email.replace(/[.]/g, '\\.')}: Set your support portal password\\n[\\s\\S]*${BASE_URL}/support/password/set\\?token=[A-Za-z0-9_-]{43}`,
        ),
      );
      const [row] = await outboxTo(desk, contact.email);
      expect(row).toMatchObject({ sent_at: null, attempts: 0 });
    } finally {
      await desk.close();
      await database.close();
    }
  });

  it('with SMTP_URL: delivered after commit and marked sent', async () => {
    const smtp = await startTestSmtpServer();
    const desk = await startTestDesk(kind, { smtpUrl: smtp.url, mailFrom: 'help@example.com' });
    try {
      expect(desk.services.mailer.mode).toBe('smtp');
      const portalId = await insertPortal(desk, 'Smtp');
      const contact = await insertContact(desk);
      await requestPasswordLink(desk.services, {
        portal: { id: portalId, baseUrl: BASE_URL },
        email: contact.email,
      });
      await desk.services.mailer.flush();
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toMatchObject({ from: 'help@example.com', to: [contact.email] });
      expect(smtp.received[0]!.data).toContain('Subject: Set your support portal password');
      const [row] = await outboxTo(desk, contact.email);
      expect(row!.sent_at).not.toBeNull();
      expect(row!.attempts).toBe(1);
      expect(row!.last_error).toBeNull();
    } finally {
      await desk.close();
      await smtp.close();
    }
  });
});
