import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../platform/http/server.js';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { cspDirectives } from '../../test/csp.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { agentAppDist, agentAppRoutes, panelFrameAncestors } from './index.js';

const INDEX =
  '<!doctype html><html><head><title>inbox</title></head><body><div id="root"></div></body></html>';

describe.each(TEST_DATABASE_KINDS)('the chat panel may be framed only by the helpdesk (%s)', (kind) => {
  let chat: TestChat;
  let dir: string;
  let app: ReturnType<typeof createHttpServer>;

  beforeAll(async () => {
    chat = await startTestChat(kind, { helpdeskTrustedOrigins: ['http://127.0.0.1:3000'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-panel-dist-'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    // The routes as chat-app.ts registers them, over this Chat's database, with a known build.
    app = createHttpServer({ logger: false, bodyLimit: 1024, apiPrefix: '/v2' });
    await app.register(agentAppRoutes, {
      dist: agentAppDist(dir),
      publicUrl: undefined,
      panelAncestors: () => panelFrameAncestors(chat.services),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await chat?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await chat.services.db.deleteFrom('helpdesk_connections').execute();
  });

  const connect = (url: string) =>
    chat.services.db
      .insertInto('helpdesk_connections')
      .values({ id: 1, url, api_key_encrypted: 'sealed', created_at: new Date(), updated_at: new Date() })
      .execute();
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { host: 'chat.example:8443' } });

  it('lets the connected helpdesk and the trusted origins frame /inbox/panel, without X-Frame-Options', async () => {
    await connect('desk.example.com/');
    for (const url of [
      '/inbox/panel',
      '/inbox/panel/',
      '/inbox/panel?origin=https%3A%2F%2Fdesk.example.com',
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      const csp = cspDirectives(res.headers['content-security-policy']);
      // A bare host is called over https by the connector, so that is the origin framing the panel.
      expect(csp['frame-ancestors']).toEqual(['https://desk.example.com', 'http://127.0.0.1:3000']);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(res.headers['x-frame-options']).toBeUndefined();
    }
  });

  it('keeps the port of the helpdesk URL and drops its path', async () => {
    await connect('http://localhost:8080/support/');
    const csp = cspDirectives((await get('/inbox/panel')).headers['content-security-policy']);
    expect(csp['frame-ancestors']).toEqual(['http://localhost:8080', 'http://127.0.0.1:3000']);
  });

  it('keeps every other inbox page unframeable, whatever is connected', async () => {
    await connect('https://desk.example.com');
    for (const url of ['/inbox', '/inbox/mine', '/inbox/panelx', '/inbox/admin/panel', '/invitations/abc']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(cspDirectives(res.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it(
    'allows only the trusted origins before a helpdesk is connected, and none when there are none',
    { timeout: 90_000 },
    async () => {
      const csp = cspDirectives((await get('/inbox/panel')).headers['content-security-policy']);
      expect(csp['frame-ancestors']).toEqual(['http://127.0.0.1:3000']);

      const bare = await startTestChat(kind, { helpdeskTrustedOrigins: [] });
      try {
        const none = await panelFrameAncestors(bare.services);
        expect(none).toEqual([]);
        const page = await bare.call('GET', '/inbox/panel', { token: null });
        // 200 once apps/agent-ui is built (else 503 saying how): never framed either way.
        expect([200, 503]).toContain(page.statusCode);
        if (page.statusCode === 200) {
          expect(cspDirectives(page.headers['content-security-policy'])['frame-ancestors']).toEqual([
            "'none'",
          ]);
          expect(page.headers['x-frame-options']).toBe('DENY');
        }
      } finally {
        await bare.close();
      }
    },
  );

  it('never lets a stored URL put quotes or directives into the policy', async () => {
    await connect("https://desk.example.com'; script-src *");
    const header = String((await get('/inbox/panel')).headers['content-security-policy']);
    expect(header).not.toContain('script-src *');
    expect(cspDirectives(header)['script-src']).toEqual(["'self'"]);
  });
});
