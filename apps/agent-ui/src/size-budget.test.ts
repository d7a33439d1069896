import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Issue 7: the JavaScript an agent app loads before its first screen, gzipped. */
const INITIAL_JS_BUDGET = 250 * 1024;

const appDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const vite = path.join(appDir, '../../node_modules/vite/bin/vite.js');
const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

/** One chunk of Vite's manifest.json. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** The entry's file and every chunk it imports statically (dynamic imports load later). */
function initialFiles(manifest: Record<string, ManifestChunk>) {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return { js: [...js], css: [...css] };
}

describe.each(['inbox', 'desk'])('agent UI size budget: %s (gzip)', (app) => {
  let out: string;

  beforeAll(() => {
    // A build of its own, so tests serving apps/agent-ui/dist meanwhile are not disturbed.
    out = fs.mkdtempSync(path.join(os.tmpdir(), `tandem-agent-ui-size-${app}-`));
    const built = spawnSync(
      process.execPath,
      [vite, 'build', '--mode', app, '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      { cwd: appDir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect(built.status, built.stderr).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it(`keeps the initial JavaScript within ${kb(INITIAL_JS_BUDGET)}`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const files = initialFiles(manifest);
    expect(files.js.length).toBeGreaterThan(0);
    const size = (file: string) => gzipped(fs.readFileSync(path.join(out, file)));
    const js = files.js.map((file) => [file, size(file)] as const);
    const total = js.reduce((sum, [, bytes]) => sum + bytes, 0);
    const css = files.css.reduce((sum, file) => sum + size(file), 0);
    console.log(
      `${app}: initial JS ${kb(total)} gzipped (budget ${kb(INITIAL_JS_BUDGET)}): ` +
        js.map(([file, bytes]) => `${file} ${kb(bytes)}`).join(', ') +
        `; CSS ${kb(css)}`,
    );
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });
});
