import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/tokens.js';
import { secretBoxOf } from '../users/identity-secret-box.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { createTestAgent, ADMIN_EMAIL } from '../../test/desk-harness.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';

const PASSWORD = 'a long enough secret';
const BULK = 100;

interface ImportResult {
  created: { id: string; email: string; role_name: string; invitation_url: string }[];
  matched: { id: string; email: string }[];
  skipped: { email: string | null; reason: string }[];
}

describe.each(TEST_DATABASE_KINDS)('Helpdesk agent import (%s)', (kind) => {
  let pair: LinkedPair;
  let chatAdminToken: string;
  let chatAgentToken: string;
  const runImport = (token?: string) =>
    pair.chat.call('POST', '/v2/integrations/helpdesk/agent-import', token ? { token } : {});
  const login = (email: string, password: string) =>
    pair.chat.call('POST', '/v2/sessions', { token: null, body: { email, password } });
  const tokenOf = (url: string) => url.split('/').pop()!;
  let first: ImportResult;
  let second: ImportResult;

  beforeAll(async () => {
    pair = await startLinkedPair(kind);
    const { desk, chat } = pair;
    await createTestAgent(desk, { name: 'Ada Lovelace King', email: 'ada@desk.test', role: 'admin' });
    await createTestAgent(desk, { name: 'Bob', email: 'bob@desk.test', role: 'agent' });
    await createTestAgent(desk, { name: 'Sue Super', email: 'sue@desk.test', role: 'supervisor' });
    await createTestAgent(desk, { name: 'Cy Gone', email: 'cy@desk.test', role: 'agent', active: false });
    await createTestAgent(desk, { name: 'Known One', email: 'Known@Desk.Test', role: 'agent' });
    // More than one page of GET /agents (100 per page).
    for (let i = 0; i < BULK; i++)
      await createTestAgent(desk, { name: `Bulk ${i}`, email: `bulk${i}@desk.test`, role: 'agent' });

    // Already in Chat under another case of the same email.
    await chat.call('POST', '/v2/agents', { body: { email: 'known@desk.TEST', first_name: 'Known' } });
    for (const [email, role_name] of [
      ['chat-admin@chat.test', 'admin'],
      ['chat-agent@chat.test', 'agent'],
    ] as const)
      await chat.call('POST', '/v2/agents', {
        body: { email, first_name: 'X', password: PASSWORD, role_name },
      });
    chatAdminToken = (await login('chat-admin@chat.test', PASSWORD)).data.token;
    chatAgentToken = (await login('chat-agent@chat.test', PASSWORD)).data.token;

    const connect = await chat.call('PUT', '/v2/integrations/helpdesk', {
      body: { url: pair.deskUrl, api_key: desk.adminKey },
    });
    expect(connect.statusCode).toBe(200);
  });
  afterAll(async () => pair?.close());

  it('is for admins: an agent gets 403 and nothing is created', async () => {
    const count = async () =>
      (await pair.chat.services.db.selectFrom('agents').select('id').execute()).length;
    const before = await count();
    expect((await runImport(chatAgentToken)).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it("an admin's import creates agents, matches by email, and leaves helpdesk admins to the owner", async () => {
    const res = await runImport(chatAdminToken);
    expect(res.statusCode).toBe(200);
    first = res.data;
    const created = new Map(first.created.map((c) => [c.email, c]));
    expect(created.size).toBe(BULK + 2);
    expect(created.get('bob@desk.test')).toMatchObject({
      role_name: 'agent',
      invitation_url: expect.stringMatching(/^http:\/\/.+\/invitations\/[\w-]{43}$/),
    });
    expect(created.get('sue@desk.test')?.role_name).toBe('agent');
    expect(created.has(`bulk${BULK - 1}@desk.test`)).toBe(true);
    expect(first.matched.map((m) => m.email)).toEqual(['known@desk.TEST']);
    expect(first.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'cy@desk.test', reason: 'deactivated' }),
        expect.objectContaining({ email: 'ada@desk.test', reason: 'admin_requires_owner' }),
        expect.objectContaining({ email: ADMIN_EMAIL, reason: 'admin_requires_owner' }),
      ]),
    );
    expect(first.skipped).toHaveLength(3);

    const bob = await pair.chat.call('GET', `/v2/agents/${created.get('bob@desk.test')!.id}`);
    expect(bob.data).toMatchObject({
      email: 'bob@desk.test',
      first_name: 'Bob',
      last_name: null,
      role_name: 'agent',
    });
    // Invitations are stored hashed, expiring in 7 days.
    const rows = await pair.chat.services.db.selectFrom('agent_invitations').selectAll().execute();
    expect(rows).toHaveLength(BULK + 2);
    const token = tokenOf(created.get('bob@desk.test')!.invitation_url);
    expect(JSON.stringify(rows)).not.toContain(token);
    const bobInvitation = rows.find((r) => r.token_hash === hashToken(token))!;
    const days = (new Date(bobInvitation.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
  });

  it("the owner's import adds the helpdesk admins as Chat admins; again, it creates nobody", async () => {
    const res = await runImport();
    expect(res.statusCode).toBe(200);
    second = res.data;
    expect(second.created.map((c) => [c.email, c.role_name]).sort()).toEqual([
      ['ada@desk.test', 'admin'],
      [ADMIN_EMAIL, 'admin'],
    ]);
    const ada = await pair.chat.call('GET', `/v2/agents/${second.created[0]!.id}`);
    expect(ada.data).toMatchObject({ role_name: 'admin' });
    expect(second.matched).toHaveLength(BULK + 3);
    expect(second.skipped).toEqual([
      expect.objectContaining({ email: 'cy@desk.test', reason: 'deactivated' }),
    ]);

    const third = (await runImport()).data as ImportResult;
    expect(third.created).toEqual([]);
    expect(third.matched).toHaveLength(BULK + 5);
    const agents = await pair.chat.services.db.selectFrom('agents').select('email').execute();
    const emails = agents.map((a) => a.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('an invited agent sets a password once, then signs in', async () => {
    const bob = first.created.find((c) => c.email === 'bob@desk.test')!;
    const token = tokenOf(bob.invitation_url);
    expect((await login('bob@desk.test', PASSWORD)).statusCode).toBe(401);

    const short = await pair.chat.call('POST', `/v2/agent-invitations/${token}/accept`, {
      token: null,
      body: { password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.data.details).toEqual([expect.objectContaining({ field: 'password' })]);

    const accepted = await pair.chat.call('POST', `/v2/agent-invitations/${token}/accept`, {
      token: null,
      body: { password: PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.data).toMatchObject({ id: bob.id, email: 'bob@desk.test' });
    expect(accepted.body).not.toContain('password');

    const session = await login('bob@desk.test', PASSWORD);
    expect(session.statusCode).toBe(201);
    expect((await pair.chat.call('GET', '/v2/agents/me', { token: session.data.token })).data.id).toBe(
      bob.id,
    );

    const again = await pair.chat.call('POST', `/v2/agent-invitations/${token}/accept`, {
      token: null,
      body: { password: 'another long password' },
    });
    expect(again.statusCode).toBe(404);
    expect((await login('bob@desk.test', 'another long password')).statusCode).toBe(401);
  });

  it('an expired or unknown invitation is refused', async () => {
    const sue = first.created.find((c) => c.email === 'sue@desk.test')!;
    const token = tokenOf(sue.invitation_url);
    await pair.chat.services.db
      .updateTable('agent_invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', hashToken(token))
      .execute();
    const expired = await pair.chat.call('POST', `/v2/agent-invitations/${token}/accept`, {
      token: null,
      body: { password: PASSWORD },
    });
    expect(expired.statusCode).toBe(404);
    expect(expired.data.message).toMatch(/expired/);
    expect((await login('sue@desk.test', PASSWORD)).statusCode).toBe(401);
    const unknown = await pair.chat.call('POST', `/v2/agent-invitations/${'x'.repeat(43)}/accept`, {
      token: null,
      body: { password: PASSWORD },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('a key that lost its admin role: the import explains whose key it is', async () => {
    const plain = await createTestAgent(pair.desk, { name: 'Pam Plain', role: 'agent' });
    await pair.chat.services.db
      .updateTable('helpdesk_connections')
      .set({ api_key_encrypted: await secretBoxOf(pair.chat.services).seal(plain.apiKey) })
      .execute();
    const res = await runImport();
    expect(res.statusCode).toBe(502);
    expect(res.data.helpdesk).toMatchObject({
      cause: 'not_admin',
      message: expect.stringContaining('Pam Plain'),
    });
  });
});
