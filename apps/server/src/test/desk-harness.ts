import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type DeskConfig } from '../config.js';
import { generateApiKey, hashApiKey } from '../desk/auth/api-keys.js';
import type { DeskDB, RoleKind } from '../desk/db.js';
import { buildDeskApp, type DeskApp } from '../desk/index.js';
import { freshDatabase, type DatabaseKind } from './databases.js';

export const ADMIN_API_KEY = 'test-admin-api-key-0123456789';
export const ADMIN_EMAIL = 'admin@example.com';

export interface TestDesk extends DeskApp {
  adminKey: string;
  adminId: number;
  /** `app.inject` with Basic auth for `key` (the admin's by default; `null` sends none). */
  call(method: InjectOptions['method'], url: string, options?: CallOptions): Promise<Response>;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  payload?: InjectOptions['payload'];
}

export interface Response extends LightMyRequestResponse {
  /** Parsed JSON body (undefined when empty). */
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function basicAuth(key: string) {
  return `Basic ${Buffer.from(`${key}:X`).toString('base64')}`;
}

/** A Desk app on a fresh database, with a known account admin. Close it in afterAll. */
export async function startTestDesk(
  kind: DatabaseKind,
  overrides: Partial<DeskConfig> = {},
): Promise<TestDesk> {
  const base = loadConfig({
    DESK_ADMIN_EMAIL: ADMIN_EMAIL,
    DESK_ADMIN_API_KEY: ADMIN_API_KEY,
    DATA_DIR: '/tmp/tandem-test',
  });
  const config: DeskConfig = {
    ...base.desk,
    dataDir: `/tmp/tandem-test/${process.pid}-${Date.now()}`,
    ...overrides,
  };
  const database = await freshDatabase<DeskDB>(kind);
  const desk = await buildDeskApp({ config, logger: false, database });
  const admin = await desk.services.db
    .selectFrom('contacts')
    .select('id')
    .where('email', '=', ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  return {
    ...desk,
    adminKey: ADMIN_API_KEY,
    adminId: admin.id,
    async close() {
      await desk.close();
      await database.close();
    },
    async call(method, url, options = {}) {
      const key = options.key === undefined ? ADMIN_API_KEY : options.key;
      const headers: Record<string, string> = {
        ...(key ? { authorization: basicAuth(key) } : {}),
        ...options.headers,
      };
      const response = await desk.app.inject({
        method,
        url,
        headers,
        ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
        ...(options.body !== undefined && !headers['content-type']
          ? { headers: { ...headers, 'content-type': 'application/json' } }
          : {}),
        ...(options.payload !== undefined ? { payload: options.payload } : {}),
      });
      let data: unknown;
      try {
        data = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        data = undefined;
      }
      return Object.assign(response, { data });
    },
  };
}

export interface AgentFactoryInput {
  name?: string;
  email?: string;
  role?: RoleKind;
  ticketScope?: 1 | 2 | 3;
  groupIds?: number[];
  occasional?: boolean;
  active?: boolean;
}

/** Inserts an agent directly (test setup, not under test) and returns its id and API key. */
export async function createTestAgent(desk: DeskApp, input: AgentFactoryInput = {}) {
  const db = desk.services.db;
  const apiKey = generateApiKey();
  const unique = Math.random().toString(36).slice(2, 10);
  const now = new Date();
  const contact = await db
    .insertInto('contacts')
    .values({
      name: input.name ?? `Agent ${unique}`,
      email: input.email ?? `agent-${unique}@example.com`,
      active: input.active ?? true,
      is_agent: true,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agents')
    .values({
      id: contact.id,
      ticket_scope: input.ticketScope ?? 1,
      occasional: input.occasional ?? false,
      api_key_hash: hashApiKey(apiKey),
      created_at: now,
      updated_at: now,
    })
    .execute();
  const role = await db
    .selectFrom('roles')
    .select('id')
    .where('kind', '=', input.role ?? 'agent')
    .executeTakeFirstOrThrow();
  await db.insertInto('agent_roles').values({ agent_id: contact.id, role_id: role.id }).execute();
  for (const groupId of input.groupIds ?? []) {
    await db.insertInto('group_agents').values({ group_id: groupId, agent_id: contact.id }).execute();
  }
  return { id: contact.id, apiKey };
}

export type { DatabaseKind };
export { TEST_DATABASE_KINDS } from './databases.js';
export type { DeskDB };
