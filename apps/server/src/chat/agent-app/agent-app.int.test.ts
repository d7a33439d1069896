import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../platform/http/server.js';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { cspDirectives } from '../../test/csp.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { agentAppDist, agentAppRoutes } from './index.js';

/** A dist/inbox as Vite writes it: index.html naming hashed assets under /inbox/assets/. */
const INDEX = `<!doctype html><html lang="en"><head><title>Tandem Chat inbox</title>
<script type="module" crossorigin src="/inbox/assets/index-AbC123.js"></script>
<link rel="stylesheet" crossorigin href="/inbox/assets/index-DeF456.css"></head>
<body><div id="root"></div></body></html>`;

describe('the inbox pages and assets (/inbox)', () => {
  let dir: string;
  let app: ReturnType<typeof createHttpServer>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-inbox-dist-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dir, 'assets/index-AbC123.js'), 'console.log("inbox")');
    fs.writeFileSync(path.join(dir, 'assets/index-DeF456.css'), 'body{margin:0}');
    app = createHttpServer({ logger: false, bodyLimit: 1024, apiPrefix: '/v2' });
    await app.register(agentAppRoutes, { dist: agentAppDist(dir), publicUrl: undefined });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { host: 'chat.example:8443', ...headers } });

  it.each([
    '/inbox',
    '/inbox/',
    '/inbox/mine',
    '/inbox/all/0b9e6f9e-0f4c-4c4e-9a43-3e1f1f0f0f0f',
    '/invitations/abc',
  ])('answers the deep link %s with index.html under a strict CSP', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = cspDirectives(res.headers['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'", 'ws://chat.example:8443']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
  });

  it('names the secure socket of CHAT_PUBLIC_URL, and keeps a forged Host out of the policy', async () => {
    const secure = createHttpServer({ logger: false, bodyLimit: 1024, apiPrefix: '/v2' });
    await secure.register(agentAppRoutes, { dist: agentAppDist(dir), publicUrl: 'https://chat.example.com' });
    const res = await secure.inject({ method: 'GET', url: '/inbox/' });
    expect(cspDirectives(res.headers['content-security-policy'])['connect-src']).toEqual([
      "'self'",
      'wss://chat.example.com',
    ]);
    await secure.close();

    const forged = await get('/inbox', { host: "evil.example'; script-src *" });
    expect(String(forged.headers['content-security-policy'])).not.toContain('evil');
  });

  it('serves hashed assets with their types, cached for a year, with ETags', async () => {
    const js = await get('/inbox/assets/index-AbC123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toBe('console.log("inbox")');
    const css = await get('/inbox/assets/index-DeF456.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const again = await get('/inbox/assets/index-AbC123.js', { 'if-none-match': String(js.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it.each([
    '/inbox/assets/missing-1.js',
    '/inbox/assets/index.html',
    '/inbox/assets/..%2Findex.html',
    '/inbox/assets/sub/index-AbC123.js',
    '/inbox/assets/.hidden.js',
  ])('answers %s with 404, never the page', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe('Not found');
  });

  it('says how to build the inbox when it is not built (503)', async () => {
    const bare = createHttpServer({ logger: false, bodyLimit: 1024, apiPrefix: '/v2' });
    await bare.register(agentAppRoutes, { dist: agentAppDist(path.join(dir, 'nope')), publicUrl: undefined });
    const res = await bare.inject({ method: 'GET', url: '/inbox/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    await bare.close();
  });
});

describe.each(TEST_DATABASE_KINDS)('Chat serves the inbox (%s)', (kind) => {
  let chat: TestChat;
  beforeAll(async () => {
    chat = await startTestChat(kind);
  });
  afterAll(async () => chat?.close());

  it('answers /inbox deep links without credentials, and leaves /v2 to the API', async () => {
    const page = await chat.call('GET', '/inbox/unassigned', { token: null });
    // 200 once apps/agent-ui is built, else 503 saying how to build it: never the API's 401.
    expect([200, 503]).toContain(page.statusCode);
    if (page.statusCode === 200) {
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.body).toContain('<div id="root">');
    }
    expect((await chat.call('GET', '/inbox/assets/nope-1.js', { token: null })).statusCode).toBe(404);
    expect((await chat.call('GET', '/v2/conversations', { token: null })).statusCode).toBe(401);
  });
});
