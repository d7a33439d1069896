import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess as startServer, waitForHealth } from './test/processes.js';

const KEY = 'process-test-api-key-000111';
const auth = `Basic ${Buffer.from(`${KEY}:X`).toString('base64')}`;

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
    expect(first.output()).toMatch(/Sign in: +http:\/\/\S+\/inbox\//);
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
