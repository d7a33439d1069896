import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framePage } from '../../server/src/chat/widget-assets/frame-page.js';

/** The budgets of issue 5: the loader, and everything the iframe needs for first paint. */
const LOADER_BUDGET = 3 * 1024;
const FIRST_PAINT_BUDGET = 45 * 1024;

const widgetDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const gzipped = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

describe('widget size budgets (gzip)', () => {
  let out: string;

  beforeAll(() => {
    // A build of its own, so tests serving apps/widget/dist meanwhile are not disturbed.
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-widget-size-'));
    const built = spawnSync(process.execPath, [path.join(widgetDir, 'build.mjs'), out], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it(`keeps widget.js within ${kb(LOADER_BUDGET)}`, () => {
    const size = gzipped(fs.readFileSync(path.join(out, 'widget.js')));
    console.log(`widget.js: ${kb(size)} gzipped (budget ${kb(LOADER_BUDGET)})`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`keeps the frame's first paint (HTML, script, its static chunks, CSS) within ${kb(FIRST_PAINT_BUDGET)}`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const files: string[] = [
      manifest.script,
      ...(manifest.chunks ?? []),
      ...(manifest.style ? [manifest.style] : []),
    ];
    const sizes = files.map(
      (file) => [file, gzipped(fs.readFileSync(path.join(out, 'frame', file)))] as const,
    );
    const html = gzipped(framePage(manifest, 'en'));
    const total = html + sizes.reduce((sum, [, size]) => sum + size, 0);
    console.log(
      `frame first paint: ${kb(total)} gzipped (budget ${kb(FIRST_PAINT_BUDGET)}): html ${kb(html)}, ` +
        sizes.map(([file, size]) => `${file} ${kb(size)}`).join(', '),
    );
    expect(total).toBeLessThanOrEqual(FIRST_PAINT_BUDGET);
  });
});
