// Vitest global setup (integration and e2e projects): builds the widget once when dist/ is
// missing or older than its sources, so `npm test` on a fresh clone serves a real widget.js.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  path.join(here, 'src'),
  path.join(here, '../../packages/protocol/src'),
  path.join(here, 'build.mjs'),
];

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

/** The time of the last complete build: its manifest is written last. */
function builtAt() {
  try {
    return fs.statSync(path.join(here, 'dist/manifest.json')).mtimeMs;
  } catch {
    return 0;
  }
}

function isWidgetStale() {
  return builtAt() < Math.max(...SOURCES.map(newest));
}

export default function setup() {
  if (!isWidgetStale()) return;
  const result = spawnSync(process.execPath, [path.join(here, 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building apps/widget failed (node apps/widget/build.mjs)');
}
