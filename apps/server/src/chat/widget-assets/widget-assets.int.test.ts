import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { createHttpServer } from '../../platform/http/server.js';
import { cspDirectives } from '../../test/csp.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent } from '../conversations/conversation-test-helpers.js';
import { widgetCredentials } from '../realtime/realtime-test-helpers.js';
import { DEFAULT_WIDGET_DIST_DIR, widgetAssetRoutes, widgetDist, type WidgetManifest } from './index.js';

/** A server with only the widget's asset routes (to give them another dist or public URL). */
const bareServer = () => createHttpServer({ logger: false, bodyLimit: 1024, apiPrefix: '/v2' });

const manifest = (): WidgetManifest =>
  JSON.parse(fs.readFileSync(path.join(DEFAULT_WIDGET_DIST_DIR, 'manifest.json'), 'utf8'));

describe.each(TEST_DATABASE_KINDS)('Chat serves the widget (%s)', (kind) => {
  let chat: TestChat;
  let creds: { appId: string; widgetToken: string };
  let ipCounter = 0;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    creds = await widgetCredentials(chat);
    for (const body of [
      { id: 'shop', name: 'Shop', allowed_origins: ['https://shop.example', 'http://localhost:8080'] },
      { id: 'open', name: 'Open site', allowed_origins: [] },
    ]) {
      const created = await chat.call('POST', '/v2/sites', { body });
      expect(created.statusCode).toBe(201);
    }
  });
  afterAll(async () => chat?.close());

  /** A GET as a browser page of `origin` would send it, each from its own client IP. */
  async function get(url: string, headers: Record<string, string> = {}) {
    const response = await chat.app.inject({
      method: 'GET',
      url,
      headers,
      remoteAddress: `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
    });
    let data: unknown;
    try {
      data = JSON.parse(response.body);
    } catch {
      data = undefined;
    }
    return Object.assign(response, { data: data as Record<string, any> }); // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const bootstrap = (site: string, origin?: string, token = creds.widgetToken) =>
    get(`/v2/widget/bootstrap?token=${encodeURIComponent(token)}&site_id=${site}`, origin ? { origin } : {});
  const frame = (site: string, extra = '', token = creds.widgetToken) =>
    get(`/widget/frame?token=${encodeURIComponent(token)}&site_id=${site}${extra}`);

  describe('GET /widget.js', () => {
    it('serves the built loader as a cacheable script any page may load, with an ETag', async () => {
      const res = await get('/widget.js');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toBe(fs.readFileSync(path.join(DEFAULT_WIDGET_DIST_DIR, 'widget.js'), 'utf8'));
      expect(res.body).toContain('TandemChat');
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^"[\w-]{20,}"$/);

      const again = await get('/widget.js', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await get('/widget.js', { 'if-none-match': '"other"' })).statusCode).toBe(200);
    });

    it('answers 503 saying to build the widget when apps/widget/dist is missing', async () => {
      const bare = bareServer();
      await bare.register(widgetAssetRoutes, {
        dist: widgetDist('/nonexistent/tandem-widget-dist'),
        services: chat.services,
      });
      try {
        for (const url of ['/widget.js', `/widget/frame?token=${creds.widgetToken}&site_id=shop`]) {
          const res = await bare.inject({ method: 'GET', url });
          expect(res.statusCode, url).toBe(503);
          expect(res.body).toContain('npm run build');
        }
      } finally {
        await bare.close();
      }
    });
  });

  describe('GET /widget/frame', () => {
    it("serves the frame app's page, framed only by the site's allowed origins", async () => {
      const res = await frame('shop', '&origin=https%3A%2F%2Fshop.example');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const { script, style } = manifest();
      expect(res.body).toContain('<html lang="en">');
      expect(res.body).toContain(`<script type="module" src="assets/${script}"></script>`);
      if (style) expect(res.body).toContain(`<link rel="stylesheet" href="assets/${style}">`);
      const csp = cspDirectives(res.headers['content-security-policy']);
      expect(csp['frame-ancestors']).toEqual(["'self'", 'https://shop.example', 'http://localhost:8080']);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'", 'ws://localhost']);
      expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    });

    it('lets any https page and local development pages frame a site without allowed origins', async () => {
      const res = await frame('open');
      expect(res.statusCode).toBe(200);
      expect(cspDirectives(res.headers['content-security-policy'])['frame-ancestors']).toEqual([
        "'self'",
        'https:',
        'http://localhost:*',
        'http://127.0.0.1:*',
      ]);
    });

    it('uses the default site when site_id is omitted', async () => {
      const res = await get(`/widget/frame?token=${encodeURIComponent(creds.widgetToken)}`);
      expect(res.statusCode).toBe(200);
    });

    it('speaks Japanese when the locale or the browser asks for it', async () => {
      expect((await frame('shop', '&locale=ja-JP')).body).toContain('<html lang="ja">');
      const byBrowser = await get(
        `/widget/frame?token=${encodeURIComponent(creds.widgetToken)}&site_id=shop`,
        {
          'accept-language': 'ja,en;q=0.8',
        },
      );
      expect(byBrowser.body).toContain('<html lang="ja">');
      expect((await frame('shop', '&locale=fr')).body).toContain('<html lang="en">');
    });

    it('puts wss:// in the policy when Chat is served over https', async () => {
      const bare = bareServer();
      await bare.register(widgetAssetRoutes, {
        dist: widgetDist(DEFAULT_WIDGET_DIST_DIR),
        services: {
          ...chat.services,
          config: { ...chat.services.config, publicUrl: 'https://chat.example.com' },
        },
      });
      try {
        const res = await bare.inject({
          method: 'GET',
          url: `/widget/frame?token=${creds.widgetToken}&site_id=shop`,
        });
        expect(cspDirectives(res.headers['content-security-policy'])['connect-src']).toEqual([
          "'self'",
          'wss://chat.example.com',
        ]);
      } finally {
        await bare.close();
      }
    });

    it('is a 404 page without script for an unknown widget token or site', async () => {
      for (const res of [await frame('shop', '', 'wrong-token'), await frame('nope')]) {
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['content-security-policy']).toBe("default-src 'none'");
        expect(res.body).not.toContain('<script');
      }
      expect((await frame('shop', '', 'wrong-token')).body).toContain('unknown widget token');
      expect((await frame('nope')).body).toContain('unknown site &quot;nope&quot;');
    });
  });

  describe('GET /widget/assets/:file', () => {
    it("serves the frame app's hashed files as immutable for a year", async () => {
      const { script } = manifest();
      const res = await get(`/widget/assets/${script}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toBe(fs.readFileSync(path.join(DEFAULT_WIDGET_DIST_DIR, 'frame', script), 'utf8'));
      expect(
        (await get(`/widget/assets/${script}`, { 'if-none-match': String(res.headers.etag) })).statusCode,
      ).toBe(304);
    });

    it('serves nothing outside dist/frame, however the name is spelled', async () => {
      for (const name of [
        'manifest.json',
        'widget.js',
        '..%2Fwidget.js',
        '..%2Fmanifest.json',
        '..%2F..%2F..%2Fpackage.json',
        '%2e%2e%2fwidget.js',
        '..',
        '.',
        'frame..js',
        '%2Fetc%2Fpasswd',
        '..%5Cwidget.js',
        'nothing.js',
        'frame.PVZKBKQT.exe',
      ]) {
        const res = await get(`/widget/assets/${name}`);
        expect(res.statusCode, name).toBe(404);
        expect(res.body, name).not.toContain('TandemChat');
      }
    });
  });

  describe('GET /v2/widget/bootstrap', () => {
    it('tells an allowed page what the widget needs, with CORS for that page', async () => {
      const res = await bootstrap('shop', 'https://shop.example');
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
      expect(String(res.headers.vary)).toMatch(/origin/i);
      expect(res.data).toEqual({
        allowed: true,
        app_id: creds.appId,
        site: { id: 'shop', name: 'Shop' },
        team_available: expect.any(Boolean),
        settings: {
          identity_verification: false,
          upload_max_bytes: expect.any(Number),
          widget_settings: {
            prechat: { enabled: false, fields: [] },
            greeting: null,
            color: null,
            position: 'right',
          },
        },
      });
    });

    it('refuses a page whose origin the site does not allow, naming the origin, site and fix', async () => {
      const res = await bootstrap('shop', 'https://evil.example');
      expect(res.statusCode).toBe(403);
      // Readable by the refused page, so its console can say why; it carries no account data.
      expect(res.headers['access-control-allow-origin']).toBe('https://evil.example');
      expect(res.data).toEqual({ allowed: false, code: 'origin_not_allowed', message: expect.any(String) });
      expect(res.data.message).toContain('https://evil.example');
      expect(res.data.message).toContain('"shop"');
      expect(res.data.message).toContain('allowed_origins');
      expect(res.body).not.toContain(creds.appId);
    });

    it('compares origins as browsers send them (scheme, host, port)', async () => {
      expect((await bootstrap('shop', 'https://SHOP.example:443')).statusCode).toBe(200);
      expect((await bootstrap('shop', 'http://shop.example')).statusCode).toBe(403);
      expect((await bootstrap('shop', 'https://shop.example:8443')).statusCode).toBe(403);
      expect((await bootstrap('shop', 'http://localhost:8080')).statusCode).toBe(200);
      expect((await bootstrap('shop', 'null')).statusCode).toBe(403);
    });

    it('lets a site without allowed origins run on https pages and local ones only', async () => {
      expect((await bootstrap('open', 'https://anything.example')).statusCode).toBe(200);
      expect((await bootstrap('open', 'http://localhost:5173')).statusCode).toBe(200);
      expect((await bootstrap('open', 'http://127.0.0.1:3000')).statusCode).toBe(200);
      const plain = await bootstrap('open', 'http://plain.example');
      expect(plain.statusCode).toBe(403);
      expect(plain.data.message).toContain('https');
    });

    it("admits Chat's own origin and callers without an Origin (no CORS header then)", async () => {
      const own = await bootstrap('shop', 'http://localhost:80');
      expect(own.statusCode).toBe(200);
      const server = await bootstrap('shop');
      expect(server.statusCode).toBe(200);
      expect(server.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a wrong widget token (401) and an unknown site (404), saying so', async () => {
      const token = await bootstrap('shop', 'https://shop.example', 'wrong');
      expect(token.statusCode).toBe(401);
      expect(token.data).toMatchObject({ allowed: false, code: 'invalid_credentials' });
      expect(token.body).not.toContain(creds.appId);
      const site = await bootstrap('nope', 'https://shop.example');
      expect(site.statusCode).toBe(404);
      expect(site.data).toMatchObject({ allowed: false, code: 'unknown_site' });
      expect(site.data.message).toContain('"nope"');
    });

    it('uses the default site when site_id is omitted', async () => {
      const res = await get(`/v2/widget/bootstrap?token=${encodeURIComponent(creds.widgetToken)}`);
      expect(res.statusCode).toBe(200);
      expect(res.data.site.id).toBe('default');
    });

    it('says whether any agent is available now', async () => {
      await chat.services.db.updateTable('agents').set({ availability: 'away' }).execute();
      expect((await bootstrap('shop')).data.team_available).toBe(false);
      await makeAgent(chat, { availability: 'available' });
      expect((await bootstrap('shop')).data.team_available).toBe(true);
    });

    it('reports identity verification when the account has it on', async () => {
      await chat.services.db.updateTable('accounts').set({ identity_verification: true }).execute();
      try {
        expect((await bootstrap('shop')).data.settings.identity_verification).toBe(true);
      } finally {
        await chat.services.db.updateTable('accounts').set({ identity_verification: false }).execute();
      }
    });
  });
});
