import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { openWithKey } from '../../platform/crypto/secret-box.js';
import { startTestChat, type ChatResponse, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { createTestAgent } from '../../test/desk-harness.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';

const PASSWORD = 'a long enough secret';

/** A node:http server that is no helpdesk: HTML for everything, with the given status. */
async function htmlServer(status: number) {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Welcome</title><h1>Our shop</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(TEST_DATABASE_KINDS)('Integrations > Helpdesk (%s)', (kind) => {
  let pair: LinkedPair;
  let chat: TestChat;
  let agentToken: string;
  const keys: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const htmlServers: http.Server[] = [];
  const htmlUrls: Record<number, string> = {};
  /** Every Chat response of this suite: none may carry key material. */
  const seen: ChatResponse[] = [];

  const call = async (...args: Parameters<TestChat['call']>) => {
    const res = await chat.call(...args);
    seen.push(res);
    return res;
  };
  const put = (url: string, apiKey: string) =>
    call('PUT', '/v2/integrations/helpdesk', { body: { url, api_key: apiKey } });
  const current = async () => (await call('GET', '/v2/integrations/helpdesk')).data;

  beforeAll(async () => {
    pair = await startLinkedPair(kind);
    chat = pair.chat;
    const desk = pair.desk;
    keys.accountAdmin = desk.adminKey;
    ids.accountAdmin = desk.adminId;
    const make = async (name: string, input: Parameters<typeof createTestAgent>[1]) => {
      const made = await createTestAgent(desk, {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@desk.test`,
        ...input,
      });
      keys[name] = made.apiKey;
      ids[name] = made.id;
    };
    await make('Ada Admin', { role: 'admin' });
    await make('Pat Plain', { role: 'agent' });
    await make('Greta Group', { role: 'admin', ticketScope: 2 });
    await make('Otto Occasional', { role: 'admin', occasional: true });
    await make('Dora Deactivated', { role: 'admin', active: false });
    for (const status of [200, 404]) {
      const html = await htmlServer(status);
      htmlServers.push(html.server);
      htmlUrls[status] = html.url;
    }
    await chat.call('POST', '/v2/agents', {
      body: { email: 'agent@chat.test', first_name: 'Ann', password: PASSWORD, role_name: 'agent' },
    });
    agentToken = (
      await chat.call('POST', '/v2/sessions', {
        token: null,
        body: { email: 'agent@chat.test', password: PASSWORD },
      })
    ).data.token;
  });
  afterAll(async () => {
    for (const server of htmlServers) server.close();
    await pair?.close();
  });

  it('starts disconnected, with every switch off', async () => {
    expect(await current()).toEqual({
      connected: false,
      url: null,
      key_owner: null,
      verified_at: null,
      settings: {
        conversion_mandatory: false,
        no_csat_for_converted: false,
        live_faq_sync: false,
        ticket_replies_to_chat: false,
      },
    });
  });

  it('connects with an admin key; a pasted /api/v2 and trailing slashes are dropped', async () => {
    const res = await put(`${pair.deskUrl}/api/v2/`, keys['Ada Admin']!);
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      connected: true,
      url: pair.deskUrl,
      key_owner: {
        id: ids['Ada Admin'],
        name: 'Ada Admin',
        email: 'ada@desk.test',
        roles: ['Administrator'],
        ticket_scope: 1,
        occasional: false,
      },
      verified_at: expect.stringMatching(/Z$/),
    });
    expect(Object.keys(res.data).sort()).toEqual([
      'connected',
      'key_owner',
      'settings',
      'url',
      'verified_at',
    ]);
    expect(await current()).toEqual(res.data);

    const slash = await put(`  ${pair.deskUrl}/  `, keys.accountAdmin!);
    expect(slash.statusCode).toBe(200);
    expect(slash.data.url).toBe(pair.deskUrl);
    expect(slash.data.key_owner).toMatchObject({ id: ids.accountAdmin, roles: ['Account Administrator'] });
  });

  it('stores only the sealed key: the plaintext is nowhere in the row', async () => {
    const rows = await chat.services.db.selectFrom('helpdesk_connections').selectAll().execute();
    expect(rows).toHaveLength(1);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(keys.accountAdmin);
    expect(rows[0]!.api_key_encrypted).toMatch(/^v1\./);
  });

  describe('refuses and saves nothing', () => {
    let before: unknown;
    beforeAll(async () => {
      before = await current();
    });

    const expectFailure = async (
      res: ChatResponse,
      cause: string,
      field: string,
      status = 502,
    ): Promise<ChatResponse['data']> => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.data.helpdesk).toMatchObject({ cause, field, message: expect.any(String) });
      expect(res.data.details).toEqual([expect.objectContaining({ field, code: 'invalid_value' })]);
      expect(await current()).toEqual(before);
      return res.data.helpdesk;
    };

    it('a wrong key: invalid_key on api_key, with the helpdesk 401 answer', async () => {
      const res = await put(pair.deskUrl, 'not-the-right-key-at-all');
      expect(res.data).toMatchObject({ code: 502, status: 'BAD_GATEWAY' });
      const helpdesk = await expectFailure(res, 'invalid_key', 'api_key');
      expect(helpdesk.answer).toMatchObject({
        status: 401,
        body: expect.stringContaining('invalid_credentials'),
      });
    });

    it("a plain agent's key: not_admin, naming the agent and the fix", async () => {
      const helpdesk = await expectFailure(
        await put(pair.deskUrl, keys['Pat Plain']!),
        'not_admin',
        'api_key',
      );
      expect(helpdesk.message).toContain('Pat Plain (pat@desk.test)');
      expect(helpdesk.message).toMatch(/Administrator/);
    });

    it('an admin with group ticket scope: no_global_scope', async () => {
      const helpdesk = await expectFailure(
        await put(pair.deskUrl, keys['Greta Group']!),
        'no_global_scope',
        'api_key',
      );
      expect(helpdesk.message).toContain('Greta Group');
      expect(helpdesk.message).toMatch(/Global access/);
    });

    it('an occasional admin: occasional_agent', async () => {
      const helpdesk = await expectFailure(
        await put(pair.deskUrl, keys['Otto Occasional']!),
        'occasional_agent',
        'api_key',
      );
      expect(helpdesk.message).toContain('Otto Occasional');
    });

    it("a deactivated agent's key: invalid_key", async () => {
      await expectFailure(await put(pair.deskUrl, keys['Dora Deactivated']!), 'invalid_key', 'api_key');
    });

    it('a port with nothing listening: unreachable on url', async () => {
      const helpdesk = await expectFailure(
        await put(`http://127.0.0.1:${await closedPort()}`, keys['Ada Admin']!),
        'unreachable',
        'url',
      );
      expect(helpdesk.message).toMatch(/nothing is listening/);
    });

    it('a server answering HTML (200 and 404): not_a_helpdesk on url, with its answer', async () => {
      for (const status of [200, 404]) {
        const helpdesk = await expectFailure(
          await put(htmlUrls[status]!, keys['Ada Admin']!),
          'not_a_helpdesk',
          'url',
        );
        expect(helpdesk.answer).toMatchObject({ status, body: expect.stringContaining('<h1>Our shop</h1>') });
      }
    });

    it('a redirect (as http:// to an https-only helpdesk gets): not_a_helpdesk, naming where it goes', async () => {
      const server = http.createServer((_req, res) => {
        res.writeHead(301, { location: 'https://support.example.com/api/v2/agents/me' });
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      htmlServers.push(server);
      const helpdesk = await expectFailure(
        await put(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, keys['Ada Admin']!),
        'not_a_helpdesk',
        'url',
      );
      expect(helpdesk.message).toContain('redirect to https://support.example.com/api/v2/agents/me');
      expect(helpdesk.answer).toMatchObject({ status: 301 });
    });

    it('https:// to a plain-http port: tls_error', async () => {
      await expectFailure(
        await put(pair.deskUrl.replace('http:', 'https:'), keys['Ada Admin']!),
        'tls_error',
        'url',
      );
    });

    it('a malformed URL: 400 validation on url, explained', async () => {
      for (const url of [
        'ftp://desk.example.com',
        'http://exa mple.com',
        'https://user:pw@desk.example.com',
      ]) {
        const res = await put(url, keys['Ada Admin']!);
        expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
        await expectFailure(res, 'malformed_url', 'url', 400);
      }
      const blank = await put('', keys['Ada Admin']!);
      expect(blank.statusCode).toBe(400);
      expect(blank.data.details).toEqual([expect.objectContaining({ field: 'url' })]);
    });
  });

  it('a private address is blocked unless allowed or its origin is trusted', async () => {
    const strict = await startTestChat(kind, {
      allowPrivateNetworkUrls: false,
      helpdeskTrustedOrigins: [pair.deskUrl],
    });
    try {
      const blocked = await strict.call('PUT', '/v2/integrations/helpdesk', {
        body: { url: htmlUrls[200], api_key: keys['Ada Admin'] },
      });
      seen.push(blocked);
      expect(blocked.statusCode).toBe(502);
      expect(blocked.data.helpdesk).toMatchObject({ cause: 'blocked_address', field: 'url' });
      expect(blocked.data.helpdesk.message).toMatch(/CHAT_HELPDESK_TRUSTED_ORIGINS/);
      const trusted = await strict.call('PUT', '/v2/integrations/helpdesk', {
        body: { url: `${pair.deskUrl}/`, api_key: keys['Ada Admin'] },
      });
      seen.push(trusted);
      expect(trusted.statusCode).toBe(200);
      expect(trusted.data.key_owner.id).toBe(ids['Ada Admin']);
      // Calls made later with the saved pair are held to the same rule.
      const again = await strict.call('POST', '/v2/integrations/helpdesk/authenticate');
      expect(again.statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('authenticate re-checks the saved pair: a demoted key owner is recorded and explained', async () => {
    expect((await put(pair.deskUrl, keys['Ada Admin']!)).statusCode).toBe(200);
    const first = await current();
    await new Promise((r) => setTimeout(r, 1100));
    const ok = await call('POST', '/v2/integrations/helpdesk/authenticate');
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toEqual({ ok: true, key_owner: first.key_owner });
    const verified = (await current()).verified_at;
    expect(Date.parse(verified)).toBeGreaterThan(Date.parse(first.verified_at));

    const roles = (await pair.desk.call('GET', '/api/v2/roles')).data as { id: number; name: string }[];
    const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
    const demote = await pair.desk.call('PUT', `/api/v2/agents/${ids['Ada Admin']}`, {
      body: { role_ids: [roleId('Supervisor')] },
    });
    expect(demote.statusCode).toBe(200);
    const refused = await call('POST', '/v2/integrations/helpdesk/authenticate');
    expect(refused.statusCode).toBe(502);
    expect(refused.data.helpdesk).toMatchObject({ cause: 'not_admin', field: 'api_key' });
    expect(refused.data.helpdesk.message).toContain('Ada Admin');
    const after = await current();
    expect(after.key_owner.roles).toEqual(['Supervisor']);
    expect(after.verified_at).toBe(verified);

    await pair.desk.call('PUT', `/api/v2/agents/${ids['Ada Admin']}`, {
      body: { role_ids: [roleId('Administrator')] },
    });
    expect((await call('POST', '/v2/integrations/helpdesk/authenticate')).statusCode).toBe(200);
    expect((await current()).key_owner.roles).toEqual(['Administrator']);
  });

  it('authenticate with a pair tests it without saving', async () => {
    const before = await current();
    const ok = await call('POST', '/v2/integrations/helpdesk/authenticate', {
      body: { url: `${pair.deskUrl}/api/v2`, api_key: keys.accountAdmin },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toMatchObject({ ok: true, key_owner: { id: ids.accountAdmin } });
    const bad = await call('POST', '/v2/integrations/helpdesk/authenticate', {
      body: { url: pair.deskUrl, api_key: keys['Otto Occasional'] },
    });
    expect(bad.statusCode).toBe(502);
    expect(bad.data.helpdesk).toMatchObject({ cause: 'occasional_agent', field: 'api_key' });
    expect(await current()).toEqual(before);
  });

  it('settings: PATCH changes only the switches given, and they read back', async () => {
    const res = await call('PATCH', '/v2/integrations/helpdesk/settings', {
      body: { conversion_mandatory: true, live_faq_sync: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.settings).toEqual({
      conversion_mandatory: true,
      no_csat_for_converted: false,
      live_faq_sync: true,
      ticket_replies_to_chat: false,
    });
    await call('PATCH', '/v2/integrations/helpdesk/settings', {
      body: { no_csat_for_converted: true, ticket_replies_to_chat: true, live_faq_sync: false },
    });
    expect((await current()).settings).toEqual({
      conversion_mandatory: true,
      no_csat_for_converted: true,
      live_faq_sync: false,
      ticket_replies_to_chat: true,
    });
    // Connecting again (another key) keeps the switches.
    expect((await put(pair.deskUrl, keys['Ada Admin']!)).data.settings.conversion_mandatory).toBe(true);
    const bad = await call('PATCH', '/v2/integrations/helpdesk/settings', {
      body: { conversion_mandatory: 'yes', surprise: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'conversion_mandatory',
      'surprise',
    ]);
  });

  it('agents (not admins) get 403 on every endpoint, before their body is read', async () => {
    const requests: [string, string, unknown?][] = [
      ['GET', '/v2/integrations/helpdesk'],
      ['PUT', '/v2/integrations/helpdesk', { url: pair.deskUrl, api_key: keys['Ada Admin'] }],
      ['PUT', '/v2/integrations/helpdesk', { nonsense: true }],
      ['POST', '/v2/integrations/helpdesk/authenticate'],
      ['POST', '/v2/integrations/helpdesk/authenticate', { url: pair.deskUrl, api_key: keys['Ada Admin'] }],
      ['PATCH', '/v2/integrations/helpdesk/settings', { conversion_mandatory: false }],
      ['DELETE', '/v2/integrations/helpdesk'],
      ['POST', '/v2/integrations/helpdesk/agent-import'],
    ];
    for (const [method, url, body] of requests) {
      const res = await call(method as 'GET', url, { token: agentToken, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await current()).settings.conversion_mandatory).toBe(true);
    expect((await current()).connected).toBe(true);
  });

  it('DELETE forgets the helpdesk; then the switches and re-checks answer 409 not_connected', async () => {
    const res = await call('DELETE', '/v2/integrations/helpdesk');
    expect(res.statusCode).toBe(204);
    expect(await chat.services.db.selectFrom('helpdesk_connections').selectAll().execute()).toEqual([]);
    expect((await current()).connected).toBe(false);
    for (const [method, url, body] of [
      ['PATCH', '/v2/integrations/helpdesk/settings', { live_faq_sync: true }],
      ['POST', '/v2/integrations/helpdesk/authenticate', undefined],
      ['POST', '/v2/integrations/helpdesk/agent-import', undefined],
    ] as const) {
      const r = await call(method, url, body ? { body } : {});
      expect(r.statusCode, url).toBe(409);
      expect(r.data).toMatchObject({ code: 409, helpdesk: { cause: 'not_connected' } });
    }
    expect((await call('DELETE', '/v2/integrations/helpdesk')).statusCode).toBe(204);
  });

  it('no response ever carried an API key', () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const res of seen) for (const key of Object.values(keys)) expect(res.body).not.toContain(key);
  });
});

describe.each(TEST_DATABASE_KINDS)('CHAT_SECRET_KEY (%s)', (kind) => {
  it('a bad value is a config error naming the variable (and not printing it)', () => {
    for (const value of ['too-short', Buffer.alloc(16).toString('base64'), '!!!!']) {
      let error: unknown;
      try {
        loadConfig({ CHAT_SECRET_KEY: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^CHAT_SECRET_KEY=\(hidden\): .*32/),
      ]);
    }
    expect(loadConfig({}).chat.secretKey).toBeUndefined();
  });

  it('when set, it seals the helpdesk key (no key file needed)', async () => {
    const secret = Buffer.alloc(32, 7);
    const config = loadConfig({ CHAT_SECRET_KEY: secret.toString('base64') }).chat;
    expect(config.secretKey).toEqual(secret);
    const pair = await startLinkedPair(kind, { chat: { secretKey: config.secretKey } });
    try {
      const res = await pair.chat.call('PUT', '/v2/integrations/helpdesk', {
        body: { url: pair.deskUrl, api_key: pair.desk.adminKey },
      });
      expect(res.statusCode).toBe(200);
      const row = await pair.chat.services.db
        .selectFrom('helpdesk_connections')
        .select('api_key_encrypted')
        .executeTakeFirstOrThrow();
      expect(openWithKey(secret, row.api_key_encrypted)).toBe(pair.desk.adminKey);
      expect((await pair.chat.call('POST', '/v2/integrations/helpdesk/authenticate')).statusCode).toBe(200);
    } finally {
      await pair.close();
    }
  });
});
