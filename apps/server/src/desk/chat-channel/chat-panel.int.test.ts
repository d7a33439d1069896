import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { agentAppDist, agentAppRoutes } from '../agent-app/index.js';
import { hashPassword } from '../portal-auth/passwords.js';
import { chatPanelLocation } from './index.js';
import { cspDirectives } from '../../test/csp.js';

const PASSWORD = 'correct horse battery staple';

describe.each(TEST_DATABASE_KINDS)('where the agent UI finds the chat panel (%s)', (kind) => {
  let desk: TestDesk;
  let agentCookie: string;
  let agentKey: string;
  let dir: string;
  let ui: ReturnType<typeof Fastify>;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    const agent = await createTestAgent(desk, { email: 'panel-agent@example.com', role: 'agent' });
    agentKey = agent.apiKey;
    await desk.services.db
      .updateTable('contacts')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where('id', '=', agent.id)
      .execute();
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/_session',
      payload: JSON.stringify({ email: 'panel-agent@example.com', password: PASSWORD }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(200);
    agentCookie = String(res.headers['set-cookie']).split(';')[0]!;

    // /a as routes.ts registers it, over this Desk's database, with a known build.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-desk-dist-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    ui = Fastify({ logger: false });
    await ui.register(agentAppRoutes, {
      dist: agentAppDist(dir),
      chatOrigin: async () => (await chatPanelLocation(desk.services.db))?.origin,
    });
    await ui.ready();
  });
  afterAll(async () => {
    await ui?.close();
    await desk?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await desk.services.db.deleteFrom('chat_channel').execute();
  });

  const configure = (values: { enabled: boolean; chat_url: string | null; verified: boolean }) =>
    desk.services.db
      .insertInto('chat_channel')
      .values({
        id: 1,
        enabled: values.enabled,
        chat_url: values.chat_url,
        app_id: 'app-1',
        widget_token: 'token-1',
        verified_at: values.verified ? new Date() : null,
        updated_at: new Date(),
      })
      .execute();
  const panel = (headers: Record<string, string>) =>
    desk.app.inject({ method: 'GET', url: '/api/_chat_panel', headers });
  const frameSrc = async () =>
    cspDirectives(
      (await ui.inject({ method: 'GET', url: '/a/tickets/1' })).headers['content-security-policy'],
    );

  it('tells a signed-in agent where Chat is when the channel is on, and /a may frame only that origin', async () => {
    await configure({ enabled: true, chat_url: 'https://chat.example.com:8443/', verified: true });
    const res = await panel({ cookie: agentCookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      chat_url: 'https://chat.example.com:8443',
      panel_url: 'https://chat.example.com:8443/inbox/panel',
    });
    const csp = await frameSrc();
    expect(csp['frame-src']).toEqual(['https://chat.example.com:8443']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
  });

  it.each([
    ['not configured', null],
    ['disabled', { enabled: false, chat_url: 'https://chat.example.com', verified: true }],
    ['never verified', { enabled: true, chat_url: 'https://chat.example.com', verified: false }],
  ] as const)('answers nulls and frames nothing when the channel is %s', async (_name, values) => {
    if (values) await configure(values);
    const res = await panel({ cookie: agentCookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ chat_url: null, panel_url: null });
    expect((await frameSrc())['frame-src']).toEqual(["'none'"]);
  });

  it('keeps a stored address with policy characters out of the CSP', async () => {
    await configure({ enabled: true, chat_url: "https://chat.example.com';x", verified: true });
    expect((await frameSrc())['frame-src']).not.toContain("https://chat.example.com';x");
  });

  it('is for signed-in agents only: no session, a forged cookie or an API key get 401', async () => {
    await configure({ enabled: true, chat_url: 'https://chat.example.com', verified: true });
    expect((await panel({})).statusCode).toBe(401);
    expect(
      (await panel({ cookie: 'tandem_desk_session=forged-token-0123456789abcdefghijklmnop' })).statusCode,
    ).toBe(401);
    const withKey = await panel({
      authorization: `Basic ${Buffer.from(`${agentKey}:X`).toString('base64')}`,
    });
    expect(withKey.statusCode).toBe(401);
    expect(JSON.stringify(withKey.json())).not.toContain('chat.example.com');
  });

  it('stops answering once the agent is deactivated', async () => {
    await configure({ enabled: true, chat_url: 'https://chat.example.com', verified: true });
    await desk.services.db
      .updateTable('contacts')
      .set({ active: false })
      .where('email', '=', 'panel-agent@example.com')
      .execute();
    try {
      expect((await panel({ cookie: agentCookie })).statusCode).toBe(401);
    } finally {
      await desk.services.db
        .updateTable('contacts')
        .set({ active: true })
        .where('email', '=', 'panel-agent@example.com')
        .execute();
    }
  });
});
