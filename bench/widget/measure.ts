import type { BrowserContext, Page } from 'playwright-core';
import type { RecordedEvent } from '../../e2e/support/widget-env.js';

/** Milliseconds after `TandemChat.init()` at which each step of one load was done. */
export interface LoadTimes {
  /** widget.js downloaded (Resource Timing responseEnd). */
  loader: number;
  /** The bootstrap answer (origin check) received. */
  bootstrap: number;
  /** The iframe's navigation started (the loader drew it). */
  frameStart: number;
  /** The frame's HTML received. */
  frameHtml: number;
  /** The frame's script received (from the cache when warm). */
  frameScript: number;
  /** The frame asked for its widget session (POST /v2/widget/sessions sent). */
  sessionSent: number;
  /** The frame's widget session opened (POST /v2/widget/sessions answered). */
  session: number;
  /** `widget:loaded` heard by the page. */
  loaded: number;
  /** The composer (and its Send button) in the frame, enabled. */
  composer: number;
  /** Ready to send: both of the above. The figure the target is about. */
  ready: number;
  /** The realtime socket connected too (the "Reconnecting…" banner gone). */
  online: number;
}

/**
 * Runs in every frame before its own scripts (a context init script): in the widget's frame it
 * notes, on the shared wall clock, when the composer is first usable and when the socket is up.
 * A string, not a function: tsx would wrap a function's inner functions in helpers the page lacks.
 */
const FRAME_PROBE = `(() => {
  if (location.pathname !== '/widget/frame') return;
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    const box = document.getElementById('tc-composer');
    const send = box && box.form && box.form.querySelector('button[type="submit"]');
    if (!box || box.disabled || !send || send.disabled) return false;
    if (window.__composerAt === undefined) window.__composerAt = now();
    if (!document.querySelector('.tc-banner') && window.__onlineAt === undefined) window.__onlineAt = now();
    return window.__onlineAt !== undefined;
  };
  new MutationObserver((_, observer) => {
    if (check()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true });
})();`;

type Marks = { __composerAt?: number; __onlineAt?: number };

export async function prepareContext(context: BrowserContext) {
  await context.addInitScript({ content: FRAME_PROBE });
}

/** Loads the host page in `page` and times it; the context must have had prepareContext. */
export async function timeLoad(page: Page, url: string): Promise<LoadTimes> {
  await page.goto(url);
  await page.waitForFunction(() =>
    (window as unknown as { events: RecordedEvent[] }).events.some((e) => e.name === 'widget:loaded'),
  );
  const iframe = await page.locator('[data-tandem-chat] iframe').elementHandle();
  const frame = (await iframe?.contentFrame())!;
  await frame.waitForFunction(() => (window as Marks).__onlineAt !== undefined);
  const inFrame = await frame.evaluate(() => {
    const session = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('/v2/widget/sessions')) as PerformanceResourceTiming | undefined;
    const script = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('/widget/assets/') && e.name.endsWith('.js')) as
      PerformanceResourceTiming | undefined;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const marks = window as Marks;
    return {
      frameStart: performance.timeOrigin,
      frameHtml: performance.timeOrigin + nav.responseEnd,
      composer: marks.__composerAt!,
      online: marks.__onlineAt!,
      sessionSent: session ? performance.timeOrigin + session.startTime : NaN,
      session: session ? performance.timeOrigin + session.responseEnd : NaN,
      frameScript: script ? performance.timeOrigin + script.responseEnd : NaN,
    };
  });
  // (No named functions inside evaluate: tsx's name helpers do not exist in the page.)
  const doneAt = (part: string) =>
    page.evaluate((p) => {
      const entry = performance.getEntriesByType('resource').find((e) => e.name.includes(p)) as
        PerformanceResourceTiming | undefined;
      return entry ? performance.timeOrigin + entry.responseEnd : NaN;
    }, part);
  const inPage = {
    ...(await page.evaluate(() => {
      const w = window as unknown as { initAt: number; events: RecordedEvent[] };
      return { initAt: w.initAt, loaded: w.events.find((e) => e.name === 'widget:loaded')!.at };
    })),
    loader: await doneAt('/widget.js'),
    bootstrap: await doneAt('/v2/widget/bootstrap'),
  };
  const since = (t: number) => t - inPage.initAt;
  const ready = Math.max(inPage.loaded, inFrame.composer);
  return {
    loader: since(inPage.loader),
    bootstrap: since(inPage.bootstrap),
    frameStart: since(inFrame.frameStart),
    frameHtml: since(inFrame.frameHtml),
    frameScript: since(inFrame.frameScript),
    sessionSent: since(inFrame.sessionSent),
    session: since(inFrame.session),
    loaded: since(inPage.loaded),
    composer: since(inFrame.composer),
    ready: since(ready),
    online: since(Math.max(ready, inFrame.online)),
  };
}

/** Median, p90 (nearest rank), min and max. */
export function summary(values: number[]) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, p90: rank(0.9), min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}
