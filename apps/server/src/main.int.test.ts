import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const KEY = 'process-test-api-key-000111';
const auth = `Basic ${Buffer.from(`${KEY}:X`).toString('base64')}`;

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the real entry point (main.ts) as its own process, as `npm start` does. */
function startServer(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForHealth(port: number, running: Running) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${running.output()}`);
}

function createTicket(port: number, i: number) {
  return fetch(`http://127.0.0.1:${port}/api/v2/tickets`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `drain-${i}@example.com`,
      subject: `Drain ${i}`,
      description: 'x',
      priority: 1,
      status: 2,
    }),
  }).then(
    (res) => res.status,
    (error: { cause?: { code?: string } }) =>
      error.cause?.code === 'ECONNREFUSED' ? 'refused' : `cut:${error.cause?.code}`,
  );
}

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it('refuses to start on a bad variable and names it', async () => {
    const running = startServer({ DESK_PORT: 'eighty', DESK_ADMIN_EMAIL: 'not-an-email' });
    expect(await running.exited).toBe(2);
    expect(running.output()).toMatch(/DESK_PORT/);
    expect(running.output()).toMatch(/DESK_ADMIN_EMAIL/);
  });

  it('drains in-flight requests on SIGTERM, and a restart loses nothing', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-main-'));
    dirs.push(dataDir);
    const port = 3900 + Math.floor(Math.random() * 45) * 2;
    const chatPort = port + 1;
    const env = {
      DATA_DIR: dataDir,
      DESK_PORT: String(port),
      CHAT_PORT: String(chatPort),
      DESK_ADMIN_API_KEY: KEY,
      HOST: '127.0.0.1',
    };

    const first = startServer(env);
    await waitForHealth(port, first);
    await waitForHealth(chatPort, first);
    expect(first.output()).toContain('Tandem Chat: first start');
    const inFlight = Array.from({ length: 20 }, (_, i) => createTicket(port, i));
    await new Promise((r) => setTimeout(r, 15));
    first.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(await first.exited).toBe(0);
    // Every request got an answer: created, or refused cleanly while closing; none was cut off.
    expect(statuses.filter((s) => !(s === 201 || s === 503 || s === 'refused'))).toEqual([]);
    const created = statuses.filter((s) => s === 201).length;
    expect(created).toBeGreaterThan(0);

    const second = startServer(env);
    await waitForHealth(port, second);
    await waitForHealth(chatPort, second);
    const res = await fetch(`http://127.0.0.1:${port}/api/v2/tickets?per_page=100`, {
      headers: { authorization: auth },
    });
    const tickets = (await res.json()) as unknown[];
    expect(tickets).toHaveLength(created);
    expect(second.output()).not.toContain('first start');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});
