// Vitest global setup (e2e project): builds the agent apps once when a dist/ is missing or older
// than its sources, so the browser journeys on a fresh clone get a real inbox at /inbox.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  path.join(here, 'src'),
  path.join(here, 'vite.config.ts'),
  path.join(here, 'package.json'),
  path.join(here, '../../packages/protocol/src'),
];
const APPS = ['inbox', 'desk'];

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

/** When an app's last complete build ended: Vite writes its manifest with the bundle. */
function builtAt(app) {
  try {
    return fs.statSync(path.join(here, 'dist', app, 'manifest.json')).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup() {
  const sources = Math.max(...SOURCES.map(newest));
  for (const app of APPS) {
    if (builtAt(app) >= sources) continue;
    const vite = path.join(here, '../../node_modules/vite/bin/vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--mode', app, '--logLevel', 'warn'], {
      cwd: here,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      // eslint-disable-next-line no-restricted-syntax -- a build script passing its environment on
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0)
      throw new Error(`building apps/agent-ui (${app}) failed (npm run build -w apps/agent-ui)`);
  }
}
