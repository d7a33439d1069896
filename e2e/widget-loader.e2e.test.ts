import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../apps/server/src/config.js';
import { buildChatApp, type ChatApp } from '../apps/server/src/chat/index.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const API_TOKEN = 'e2e-widget-loader-token-0123456789abcdef';
/** The stub of the snippet documented in docs/widget-protocol.md, exactly as customers paste it. */
const SNIPPET = readFileSync(new URL('../docs/widget-protocol.md', import.meta.url), 'utf8')
  .split('\n')
  .find((line) => line.trim().startsWith('!function(w,n)'))!
  .trim();

/**
 * widget.js on a customer's page in real Chromium: the page (http://localhost:<port>) and Chat
 * (http://127.0.0.1:<port>) are different origins. Calls made on the inline snippet's stub
 * before widget.js loads are kept; the launcher appears and opens the iframe; a page whose
 * origin the site does not allow gets nothing drawn and a console error saying why.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('widget loader in Chromium', () => {
  let chat: ChatApp;
  let chatUrl: string;
  let pageServer: http.Server;
  let pageUrl: string;
  let browser: Browser;
  let dataDir: string;
  let widgetToken: string;

  /** The host page: the documented snippet (a queueing stub, then widget.js, async). */
  const hostPage = (siteId: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Shop</h1></main>
<script>
  ${SNIPPET}
  window.seen = [];
  ["widget:loaded", "widget:opened", "widget:closed"].forEach(function (name) {
    TandemChat.on(name, function () { window.seen.push(name); });
  });
  window.early = TandemChat.user.get();
  TandemChat.init({ token: ${JSON.stringify(widgetToken)}, siteId: ${JSON.stringify(siteId)}, firstName: 'Mia' });
</script>
<script async src="${chatUrl}/widget.js"></script>
</body></html>`;

  async function api(method: string, apiPath: string, body?: unknown) {
    const res = await fetch(`${chatUrl}/v2${apiPath}`, {
      method,
      headers: {
        authorization: `Bearer ${API_TOKEN}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, data: await res.json() };
  }

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-e2e-widget-'));
    const config = {
      ...loadConfig({ CHAT_API_TOKEN: API_TOKEN, CHAT_ADMIN_EMAIL: 'owner@example.com', DATA_DIR: dataDir })
        .chat,
      dataDir,
    };
    chat = await buildChatApp({ config, logger: false, inMemory: true, runWorker: false });
    chatUrl = await chat.app.listen({ host: '127.0.0.1', port: 0 });
    widgetToken = (await api('GET', '/accounts/configuration')).data.widget_token;

    pageServer = http.createServer((req, res) => {
      const siteId = new URL(req.url ?? '/', 'http://x').searchParams.get('site') ?? 'default';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(siteId));
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://localhost:${(pageServer.address() as AddressInfo).port}`;

    expect(
      (await api('POST', '/sites', { id: 'shop', name: 'Shop', allowed_origins: [pageUrl] })).status,
    ).toBe(201);
    const elsewhere = { id: 'elsewhere', name: 'Elsewhere', allowed_origins: ['https://elsewhere.example'] };
    expect((await api('POST', '/sites', elsewhere)).status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await chat?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function openPage(
    site: string,
    viewport = { width: 1280, height: 800 },
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ locale: 'en-US', viewport });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${pageUrl}/?site=${site}`);
    return { page, errors };
  }

  it('draws the launcher on an allowed page; clicking it opens the iframe', async () => {
    const { page } = await openPage('shop');
    try {
      const launcher = page.locator('[data-tandem-chat] button');
      await launcher.waitFor({ state: 'visible' });
      await expect(launcher.getAttribute('aria-label')).resolves.toBe('Chat with us');
      await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('false');
      const frame = page.locator('[data-tandem-chat] iframe');
      expect(await frame.getAttribute('title')).toBe('Chat');
      const src = new URL((await frame.getAttribute('src'))!);
      expect(src.origin).toBe(chatUrl);
      expect(src.pathname).toBe('/widget/frame');
      expect(src.searchParams.get('site_id')).toBe('shop');
      expect(src.searchParams.get('origin')).toBe(pageUrl);
      await expect(frame.isVisible()).resolves.toBe(false);

      // The listeners were registered on the stub before widget.js existed.
      await page.waitForFunction(() =>
        (window as unknown as { seen: string[] }).seen.includes('widget:loaded'),
      );
      await launcher.focus();
      await page.keyboard.press('Enter');
      await frame.waitFor({ state: 'visible' });
      await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(
        page.evaluate(() => (window as unknown as { TandemChat: { isOpen(): boolean } }).TandemChat.isOpen()),
      ).resolves.toBe(true);
      await launcher.click();
      await frame.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
        'widget:loaded',
        'widget:opened',
        'widget:closed',
      ]);
    } finally {
      await page.close();
    }
  });

  it('fills a phone-width screen with the open panel', async () => {
    const { page } = await openPage('shop', { width: 390, height: 700 });
    try {
      await page.waitForFunction(() =>
        (window as unknown as { seen: string[] }).seen.includes('widget:loaded'),
      );
      await page.locator('[data-tandem-chat] button').click();
      const frame = page.locator('[data-tandem-chat] iframe');
      await frame.waitFor({ state: 'visible' });
      expect(await frame.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 700 });
    } finally {
      await page.close();
    }
  });

  it('answers a user.get made on the stub, and keeps the restore id across reloads until user.clear', async () => {
    const { page } = await openPage('shop');
    type Win = {
      early: Promise<{ status: number; data: { id: string; restoreId?: string; firstName: string } }>;
      TandemChat: { user: { get(): Win['early']; clear(): Promise<{ status: number }> } };
    };
    try {
      const first = await page.evaluate(() => (window as unknown as Win).early);
      expect(first.status).toBe(200);
      expect(first.data.firstName).toBe('Mia');
      const key = `tandemchat:${widgetToken}:shop`;
      await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), key)).toEqual(expect.any(String));
      const kept = await page.evaluate((k) => localStorage.getItem(k), key);

      await page.reload();
      const again = await page.evaluate(() => (window as unknown as Win).early);
      expect(again.status).toBe(200);
      expect(again.data.id).toBe(first.data.id);

      const cleared = await page.evaluate(() => (window as unknown as Win).TandemChat.user.clear());
      expect(cleared.status).toBe(200);
      // Forgotten: the next visitor on this browser is someone new (who may get a restore id of their own).
      expect(await page.evaluate((k) => localStorage.getItem(k), key)).not.toBe(kept);
      const after = await page.evaluate(() => (window as unknown as Win).TandemChat.user.get());
      expect(after.data.id).not.toBe(first.data.id);
    } finally {
      await page.close();
    }
  });

  it('passes the restore id kept in the page for this token and site, so the visitor comes back', async () => {
    const known = await api('POST', '/users', { site_id: 'shop', first_name: 'Ada' });
    expect(known.status).toBe(201);
    const context = await browser.newContext({ locale: 'en-US' });
    const key = `tandemchat:${widgetToken}:shop`;
    await context.addInitScript(
      ([k, v]) => {
        if (!sessionStorage.getItem('seeded')) localStorage.setItem(k!, v!);
        sessionStorage.setItem('seeded', '1');
      },
      [key, known.data.restore_id as string],
    );
    const page = await context.newPage();
    try {
      await page.goto(`${pageUrl}/?site=shop`);
      const user = await page.evaluate(
        () => (window as unknown as { early: Promise<{ status: number; data: { id: string } }> }).early,
      );
      expect(user).toMatchObject({ status: 200, data: { id: known.data.id } });
    } finally {
      await context.close();
    }
  });

  it('draws nothing on a page the site does not allow, and says why in the console', async () => {
    const { page, errors } = await openPage('elsewhere');
    try {
      await expect.poll(() => errors.find((text) => text.startsWith('TandemChat:'))).toBeDefined();
      const error = errors.find((text) => text.startsWith('TandemChat:'))!;
      expect(error).toContain(pageUrl);
      expect(error).toContain('"elsewhere"');
      expect(error).toContain('allowed_origins');
      expect(await page.locator('[data-tandem-chat]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
