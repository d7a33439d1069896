import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

/**
 * `password` on POST/PUT /agents (Tandem extension): an admin sets the password an agent signs in
 * to the Desk UI with. Write-only, validated in place, admins only.
 */
describe.each(TEST_DATABASE_KINDS)('Agent passwords set by admins (%s)', (kind) => {
  let desk: TestDesk;
  let plainAgent: { id: number; apiKey: string };

  const signIn = (email: string, password: string) =>
    desk.app.inject({ method: 'POST', url: '/api/_session', payload: { email, password } });

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    plainAgent = await createTestAgent(desk, { role: 'agent' });
  });
  afterAll(async () => desk?.close());

  it('a new agent created with a password signs in with it; the password is never answered', async () => {
    const created = await desk.call('POST', '/api/v2/agents', {
      body: { email: 'nora@example.com', ticket_scope: 3, password: 'correct horse battery' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain('correct horse battery');
    expect(created.body).not.toMatch(/password/);
    expect((await signIn('nora@example.com', 'wrong password!')).statusCode).toBe(401);
    const ok = await signIn('nora@example.com', 'correct horse battery');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: created.data.id, roles: ['agent'], ticket_scope: 3 });
  });

  it('a contact turned into an agent gets the password too', async () => {
    const contact = await desk.call('POST', '/api/v2/contacts', {
      body: { name: 'Omar', email: 'omar@example.com' },
    });
    expect(contact.statusCode).toBe(201);
    const created = await desk.call('POST', '/api/v2/agents', {
      body: { email: 'omar@example.com', ticket_scope: 1, password: 'another long secret' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.data.id).toBe(contact.data.id);
    expect((await signIn('omar@example.com', 'another long secret')).statusCode).toBe(200);
  });

  it('PUT replaces the password: the old one stops working, the new one works', async () => {
    const created = await desk.call('POST', '/api/v2/agents', {
      body: { email: 'pia@example.com', ticket_scope: 1, password: 'first password 1' },
    });
    expect(created.statusCode).toBe(201);
    const updated = await desk.call('PUT', `/api/v2/agents/${created.data.id}`, {
      body: { password: 'second password 2' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).not.toContain('second password 2');
    expect((await signIn('pia@example.com', 'first password 1')).statusCode).toBe(401);
    expect((await signIn('pia@example.com', 'second password 2')).statusCode).toBe(200);
  });

  it('a short password is a field error and nothing is created', async () => {
    const res = await desk.call('POST', '/api/v2/agents', {
      body: { email: 'quinn@example.com', ticket_scope: 1, password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.errors).toEqual([
      expect.objectContaining({ field: 'password', message: 'It should be at least 8 characters long' }),
    ]);
    const found = await desk.call('GET', '/api/v2/agents?email=quinn%40example.com');
    expect(found.data).toEqual([]);
  });

  it('a non-admin cannot set anyone’s password', async () => {
    const created = await desk.call('POST', '/api/v2/agents', {
      body: { email: 'ravi@example.com', ticket_scope: 1, password: 'ravi password 1' },
    });
    const res = await desk.call('PUT', `/api/v2/agents/${created.data.id}`, {
      key: plainAgent.apiKey,
      body: { password: 'taken over now' },
    });
    expect(res.statusCode).toBe(403);
    expect((await signIn('ravi@example.com', 'taken over now')).statusCode).toBe(401);
    expect((await signIn('ravi@example.com', 'ravi password 1')).statusCode).toBe(200);
  });

  it('a new password or a deactivation ends the agent’s sessions; reactivating does not revive them', async () => {
    const created = await desk.call('POST', '/api/v2/agents', {
      body: { email: 'sana@example.com', ticket_scope: 1, password: 'sana password 1' },
    });
    expect(created.statusCode).toBe(201);
    const session = async (password: string) => {
      const res = await signIn('sana@example.com', password);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'tandem_desk_session')!;
      return `${cookie.name}=${cookie.value}`;
    };
    const whoAmI = async (cookie: string) =>
      (await desk.app.inject({ method: 'GET', url: '/api/_session', headers: { cookie } })).statusCode;

    const first = await session('sana password 1');
    expect(await whoAmI(first)).toBe(200);
    const put = (body: Record<string, unknown>) =>
      desk.call('PUT', `/api/v2/agents/${created.data.id}`, { body });
    expect((await put({ password: 'sana password 2' })).statusCode).toBe(200);
    expect(await whoAmI(first)).toBe(401);

    const second = await session('sana password 2');
    expect((await put({ active: false })).statusCode).toBe(200);
    expect((await put({ active: true })).statusCode).toBe(200);
    expect(await whoAmI(second)).toBe(401);
    // Other changes leave the session alone.
    const third = await session('sana password 2');
    expect((await put({ name: 'Sana K.' })).statusCode).toBe(200);
    expect(await whoAmI(third)).toBe(200);
  });
});
