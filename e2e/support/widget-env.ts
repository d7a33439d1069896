import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { loadConfig, type ChatConfig } from '../../apps/server/src/config.js';
import type { ChatDB } from '../../apps/server/src/chat/db.js';
import { buildChatApp, CHAT_SCHEMA, type ChatApp } from '../../apps/server/src/chat/index.js';
import { freshDatabase, type DatabaseKind } from '../../apps/server/src/test/databases.js';

export const WIDGET_API_TOKEN = 'e2e-widget-journey-token-0123456789abcdef';

/** The stub of the snippet documented in docs/widget-protocol.md, exactly as customers paste it. */
export const SNIPPET = readFileSync(new URL('../../docs/widget-protocol.md', import.meta.url), 'utf8')
  .split('\n')
  .find((line) => line.trim().startsWith('!function(w,n)'))!
  .trim();

/** Every event of the widget API (docs/widget-protocol.md); a host page records them all. */
export const WIDGET_EVENTS = [
  'widget:loaded',
  'widget:opened',
  'widget:closed',
  'widget:destroyed',
  'user:created',
  'user:cleared',
  'message:sent',
  'message:received',
  'unreadCount:notify',
  'csat:received',
  'conversation:resolved',
] as const;

export interface HostPageOptions {
  siteId?: string;
  /** More `TandemChat.init` options (locale, open, config, …). */
  init?: Record<string, unknown>;
  /** Script run on the stub right after `init`, before widget.js has loaded. */
  early?: string;
  /** Leave out the `init` call (the test calls it). */
  noInit?: boolean;
}

export interface RecordedEvent {
  name: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** performance.timeOrigin + performance.now() when it was heard. */
  at: number;
}

export interface WidgetEnv {
  chat: ChatApp;
  /** Chat, e.g. http://127.0.0.1:4711. */
  chatUrl: string;
  /** The customer's site, on another origin than Chat: http://localhost:<port>. */
  pageUrl: string;
  /** The same page server under another origin (http://127.0.0.1:<port>), which sites may not allow. */
  otherPageUrl: string;
  widgetToken: string;
  /** The account owner, an agent marked available. */
  agentId: string;
  /** Chat's REST API with the API token, over real HTTP. */
  api<T = any>(method: string, apiPath: string, body?: unknown): Promise<{ status: number; data: T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Serves a host page with the documented snippet; returns its path (add it to pageUrl). */
  hostPage(options?: HostPageOptions): string;
  /** Serves this HTML as is; returns its path. */
  rawPage(html: string): string;
  close(): Promise<void>;
}

/**
 * Chat listening on 127.0.0.1 (a fresh database of `kind`) and a plain web server for the
 * customer's pages on localhost: two origins, as on a real site. The owner agent is available,
 * so the widget offers a live chat rather than the "leave your email" form.
 */
export async function startWidgetEnv(
  kind: DatabaseKind = 'pglite',
  overrides: Partial<ChatConfig> = {},
): Promise<WidgetEnv> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-e2e-widget-'));
  const config: ChatConfig = {
    ...loadConfig({
      CHAT_API_TOKEN: WIDGET_API_TOKEN,
      CHAT_ADMIN_EMAIL: 'owner@example.com',
      DATA_DIR: dataDir,
    }).chat,
    dataDir,
    ...overrides,
  };
  const database = await freshDatabase<ChatDB>(kind, 10, CHAT_SCHEMA);
  const chat = await buildChatApp({ config, logger: false, database, runWorker: false });
  const chatUrl = await chat.app.listen({ host: '127.0.0.1', port: 0 });

  const api: WidgetEnv['api'] = async (method, apiPath, body) => {
    const res = await fetch(`${chatUrl}/v2${apiPath}`, {
      method,
      headers: {
        authorization: `Bearer ${WIDGET_API_TOKEN}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, data: text ? JSON.parse(text) : undefined };
  };

  const widgetToken: string = (await api('GET', '/accounts/configuration')).data.widget_token;
  const agents = await api('GET', '/agents');
  const agentId: string = agents.data.agents[0].id;
  const available = await api('PATCH', `/agents/${agentId}`, { availability_status: 'AVAILABLE' });
  if (available.status !== 200) throw new Error(`agent availability: ${available.status}`);

  const pages = new Map<string, string>();
  const pageServer = http.createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (html === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const port = (pageServer.address() as AddressInfo).port;

  const serve = (html: string) => {
    const pagePath = `/p${pages.size + 1}`;
    pages.set(pagePath, html);
    return pagePath;
  };

  return {
    chat,
    chatUrl,
    pageUrl: `http://localhost:${port}`,
    otherPageUrl: `http://127.0.0.1:${port}`,
    widgetToken,
    agentId,
    api,
    rawPage: serve,
    hostPage(options = {}) {
      const init = { token: widgetToken, siteId: options.siteId ?? 'shop', ...options.init };
      return serve(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Shop</title></head>
<body><main><h1>Shop</h1><p>Everything for your garden.</p></main>
<script>
  ${SNIPPET}
  window.events = [];
  ${JSON.stringify(WIDGET_EVENTS)}.forEach(function (name) {
    TandemChat.on(name, function (data) {
      window.events.push({ name: name, data: data, at: performance.timeOrigin + performance.now() });
    });
  });
  window.initOptions = ${JSON.stringify(init)};
  window.initAt = performance.timeOrigin + performance.now();
  ${options.noInit ? '' : 'TandemChat.init(window.initOptions);'}
  ${options.early ?? ''}
</script>
<script async src="${chatUrl}/widget.js"></script>
</body></html>`);
    },
    async close() {
      // Browsers keep connections alive: end them, or close would wait for them.
      pageServer.closeAllConnections();
      await new Promise((resolve) => pageServer.close(resolve));
      await chat.close();
      await database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The widget's iframe (inside the loader's open shadow root; Playwright's CSS pierces it). */
export const widgetFrame = (page: Page): FrameLocator => page.frameLocator('[data-tandem-chat] iframe');

/** The events the page's `TandemChat.on` listeners heard, in order (of one name when given). */
export async function pageEvents(page: Page, name?: string): Promise<RecordedEvent[]> {
  const all = await page.evaluate(() => (window as unknown as { events: RecordedEvent[] }).events);
  return name ? all.filter((e) => e.name === name) : all;
}

/** Waits until the page has heard `count` events called `name`; returns them. */
export async function waitForEvents(page: Page, name: string, count = 1): Promise<RecordedEvent[]> {
  await page.waitForFunction(
    ([n, c]) =>
      (window as unknown as { events: RecordedEvent[] }).events.filter((e) => e.name === n).length >= c,
    [name, count] as const,
  );
  return pageEvents(page, name);
}

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe-core's serious and critical violations inside one frame (the widget's iframe). The
 * frame's CSP forbids injected scripts: its context needs `bypassCSP: true`.
 */
export async function seriousAxeViolationsIn(frame: Frame) {
  await frame.addScriptTag({ content: axeSource });
  const violations = await frame.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The widget's iframe as a Frame (for axe and evaluate), once it is attached. */
export async function widgetFrameOf(page: Page): Promise<Frame> {
  const handle = await page.locator('[data-tandem-chat] iframe').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  return frame;
}
