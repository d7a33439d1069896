import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../apps/server/src/config.js';
import { buildDeskApp, type DeskApp } from '../../apps/server/src/desk/index.js';
import { ADMIN_API_KEY, basicAuth } from '../../apps/server/src/test/desk-harness.js';

export interface RunningDesk {
  desk: DeskApp;
  url: string;
  /** Calls Desk's API as the account admin over real HTTP. */
  api<T = any>(method: string, apiPath: string, body?: unknown): Promise<{ status: number; data: T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/** A real Desk on an embedded in-memory database, listening on a free loopback port. */
export async function startDesk(): Promise<RunningDesk> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-e2e-'));
  const config = { ...loadConfig({ DESK_ADMIN_API_KEY: ADMIN_API_KEY, DATA_DIR: dataDir }).desk, dataDir };
  const desk = await buildDeskApp({ config, logger: false, inMemory: true });
  const url = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    desk,
    url,
    async api(method, apiPath, body) {
      const res = await fetch(`${url}/api/v2${apiPath}`, {
        method,
        headers: {
          authorization: basicAuth(ADMIN_API_KEY),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, data: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await desk.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
