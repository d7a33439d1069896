/**
 * bench/widget (issue 5): the time from `TandemChat.init()` on a customer's page to the widget
 * ready to send (the frame said `widget:loaded` and its composer is enabled), over 20 loads in
 * headless Chromium on localhost, and the sizes of what a visitor downloads.
 *
 *   npm run bench:widget          # PGlite, and PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set
 *
 * Two series per database:
 * - cold (the headline, and what the target is about): a new browser context per load, so
 *   nothing is cached (widget.js, the frame's assets) and each load is a new visitor;
 * - warm: one context, loaded again and again: widget.js and the hashed assets come from the
 *   HTTP cache, and the visitor returns (restore id) to a conversation with history.
 * Two unmeasured cold loads first warm up the server (JIT, database caches).
 *
 * The page (http://localhost:<port>) and Chat (http://127.0.0.1:<port>) are different origins,
 * with the documented snippet, as in e2e/widget-journey.e2e.test.ts. Chat runs in this process.
 * Options (env): BENCH_LOADS (20), BENCH_TARGETS (postgres,pglite), BENCH_RECORD=0 (print only).
 * Target: cold median ≤ 300 ms.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { framePage } from '../../apps/server/src/chat/widget-assets/frame-page.js';
import type { DatabaseKind } from '../../apps/server/src/test/databases.js';
import { launchBrowser } from '../../e2e/support/browser.js';
import { startWidgetEnv, widgetFrame } from '../../e2e/support/widget-env.js';
import { machine, record, today } from '../lib/harness.js';
import { prepareContext, summary, timeLoad, type LoadTimes } from './measure.js';

const TARGET_MS = 300;
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const WARMUP = 2;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
const targets = (process.env.BENCH_TARGETS ?? (serverUrl ? 'postgres,pglite' : 'pglite')).split(
  ',',
) as DatabaseKind[];

/**
 * Every load opens a widget session, and Chat allows 30 session starts per client address per
 * minute (chat/widget/widget.policy.ts). Real visitors come from many addresses; here all come
 * from 127.0.0.1, so loads start at most 29 a minute.
 */
const PACE_MS = Math.ceil(60_000 / 29);
let lastStart = 0;
async function paced<T>(run: () => Promise<T>): Promise<T> {
  const wait = lastStart + PACE_MS - Date.now();
  if (wait > 0) await sleep(wait);
  lastStart = Date.now();
  return run();
}

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'apps/widget/dist');

/** Builds the widget when dist/ is missing or older than its sources (as the test runs do). */
function ensureBuilt() {
  const built = spawnSync(
    process.execPath,
    [
      '-e',
      `import(${JSON.stringify(path.join(root, 'apps/widget/ensure-built.mjs'))}).then((m) => m.default())`,
    ],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('building the widget failed');
}

/** gzip -9 sizes, as apps/widget/src/size-budget.test.ts counts them. */
function sizes() {
  const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  const files: string[] = [
    manifest.script,
    ...(manifest.chunks ?? []),
    ...(manifest.style ? [manifest.style] : []),
  ];
  const firstPaint =
    gz(framePage(manifest, 'en')) +
    files.reduce((sum, file) => sum + gz(fs.readFileSync(path.join(dist, 'frame', file))), 0);
  return { loader: gz(fs.readFileSync(path.join(dist, 'widget.js'))), firstPaint };
}

async function series(browser: Browser, url: string) {
  const cold: LoadTimes[] = [];
  for (let i = 0; i < WARMUP + LOADS; i++) {
    const context = await browser.newContext({ locale: 'en-US' });
    await prepareContext(context);
    const page = await context.newPage();
    const times = await paced(() => timeLoad(page, url));
    if (i >= WARMUP) cold.push(times);
    await context.close();
    process.stdout.write(i >= WARMUP ? 'c' : 'w');
  }

  // Warm: the same visitor comes back to a conversation of theirs, with the cache filled.
  const warm: LoadTimes[] = [];
  const context = await browser.newContext({ locale: 'en-US' });
  await prepareContext(context);
  const first = await context.newPage();
  await paced(() => timeLoad(first, url));
  await first.getByRole('button', { name: /^Chat with us/ }).click();
  const frame = widgetFrame(first);
  await frame.getByRole('textbox', { name: 'Message' }).fill('Hello, is my order on its way?');
  await frame.getByRole('button', { name: 'Send', exact: true }).click();
  await frame.locator('.tc-msg[data-seq]').waitFor();
  await first.close();
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    warm.push(await paced(() => timeLoad(page, url)));
    await page.close();
    process.stdout.write('r');
  }
  await context.close();
  process.stdout.write('\n');
  return { cold, warm };
}

const ms = (n: number) => `${Math.round(n)}`;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

ensureBuilt();
const size = sizes();
process.stdout.write(`widget.js ${kb(size.loader)} gz; frame first paint ${kb(size.firstPaint)} gz\n`);

const browser = await launchBrowser();
const chromium = browser.version();
const rows: string[] = [];
const steps: string[] = [];
const verdicts: string[] = [];
try {
  for (const kind of targets) {
    const env = await startWidgetEnv(kind, {
      rateLimitPerMinute: 1_000_000,
      widgetRateLimitPerMinute: 1_000_000,
    });
    try {
      const site = await env.api('POST', '/sites', {
        id: 'shop',
        name: 'Shop',
        allowed_origins: [env.pageUrl],
      });
      if (site.status !== 201) throw new Error(`site: ${site.status}`);
      const url = env.pageUrl + env.hostPage();
      process.stdout.write(
        `[${kind}] ${WARMUP} warm-up + ${LOADS} cold loads, then ${LOADS} warm loads...\n`,
      );
      const loadBefore = os.loadavg()[0]!;
      const { cold, warm } = await series(browser, url);
      const loadAvg = `${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`;
      for (const [name, loads] of [
        ['cold (new context per load)', cold],
        ['warm (same context, returning visitor)', warm],
      ] as const) {
        const s = summary(loads.map((l) => l.ready));
        const online = summary(loads.map((l) => l.online));
        rows.push(
          `| ${today()} | ${kind} | ${name} | ${s.n} | ${ms(s.median)} / ${ms(s.p90)} / ${ms(s.min)} / ${ms(s.max)} ms | ${ms(online.median)} ms | ${loadAvg} |`,
        );
        const step = (key: keyof LoadTimes) => ms(summary(loads.map((l) => l[key])).median);
        steps.push(
          `| ${kind} | ${name.split(' ')[0]} | ${step('loader')} | ${step('bootstrap')} | ${step('frameStart')} | ${step('frameHtml')} | ${step('frameScript')} | ${step('sessionSent')} | ${step('session')} | ${step('loaded')} | ${step('composer')} |`,
        );
      }
      const headline = summary(cold.map((l) => l.ready)).median;
      verdicts.push(
        `${kind}: cold median ${ms(headline)} ms, ${headline <= TARGET_MS ? 'met' : 'NOT met'} (target ≤ ${TARGET_MS} ms)`,
      );
    } finally {
      await env.close();
    }
  }
} finally {
  await browser.close();
}

await record(
  'widget',
  [
    `Machine: ${machine()}; Chromium ${chromium} (headless, Debian's, via playwright-core). Chat in the bench process on 127.0.0.1, the host page on localhost (another origin), the documented snippet. ${LOADS} loads per series after ${WARMUP} unmeasured warm-up loads, one load every ${(PACE_MS / 1000).toFixed(1)} s (Chat allows 30 widget session starts per address per minute, and every load here comes from 127.0.0.1).`,
    '',
    `Sizes (gzip -9, from the build): widget.js ${kb(size.loader)} (budget 3 KB); the frame's first paint (HTML, script, CSS) ${kb(size.firstPaint)} (budget 45 KB).`,
    '',
    'Time from `TandemChat.init()` to ready to send (`widget:loaded` heard by the page and the frame\'s composer enabled). Cold = a new browser context per load: empty HTTP cache, a new visitor (the headline; the issue\'s "20 loads"). Warm = one context: widget.js and the hashed frame assets cached, a returning visitor whose conversation is loaded.',
    '',
    '| date | database | series | loads | ready to send: median / p90 / min / max | socket up too (median) | 1-min load average, before → after (the bench itself included) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    "Median ms after `init()` at which each step was done (Resource Timing responseEnd; the frame's marks on the same wall clock):",
    '',
    '| database | series | widget.js | bootstrap | iframe created | frame HTML | frame script | session asked | session | widget:loaded | composer |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...steps,
    '',
    `Target: cold median ≤ ${TARGET_MS} ms. ${verdicts.join('; ')}.`,
  ].join('\n'),
);
