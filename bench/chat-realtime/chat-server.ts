/**
 * The Chat server under test, in its own process (started by run.ts with --expose-gc): builds
 * Chat exactly as `npm start` does (default pool, job worker on, PGlite under a data directory or
 * the PostgreSQL database the driver created), seeds the fixtures straight into the tables, listens
 * on a free port and answers the driver over IPC (server-probe.ts).
 *
 * Environment: BENCH_FIXTURES (JSON file), BENCH_DB_URL (PostgreSQL; PGlite when absent),
 * BENCH_DATA_DIR (PGlite files), BENCH_PGLITE=memory (PGlite in memory instead, for comparison).
 */
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildChatApp } from '../../apps/server/src/chat/index.js';
import { hashToken } from '../../apps/server/src/chat/auth/tokens.js';
import { hashRestoreId } from '../../apps/server/src/chat/users/restore-id.js';
import { loadConfig } from '../../apps/server/src/config.js';
import type { Fixtures } from './fixtures.js';
import { serveProbe } from './server-probe.js';
import { countStatements, takeStatementCounts } from './statement-counter.js';

countStatements();

const fixtures = JSON.parse(await fs.readFile(process.env.BENCH_FIXTURES!, 'utf8')) as Fixtures;
const base = loadConfig({
  CHAT_API_TOKEN: 'bench-chat-api-token-0123456789-abcdef',
  CHAT_ADMIN_EMAIL: 'owner@bench.example',
  DATA_DIR: process.env.BENCH_DATA_DIR!,
});
const chat = await buildChatApp({
  config: { ...base.chat, databaseUrl: process.env.BENCH_DB_URL || undefined },
  logger: { level: 'warn' },
  inMemory: process.env.BENCH_PGLITE === 'memory',
});
const db = chat.database.db;

const seedStarted = performance.now();
const now = new Date();
await db
  .insertInto('sites')
  .values({ id: fixtures.siteId, name: 'Bench', created_at: now, updated_at: now })
  .onConflict((oc) => oc.column('id').doNothing())
  .execute();
const chunk = 500;
for (let i = 0; i < fixtures.users.length; i += chunk) {
  const users = fixtures.users.slice(i, i + chunk);
  await db
    .insertInto('users')
    .values(
      users.map((u, j) => ({
        id: u.userId,
        site_id: fixtures.siteId,
        reference_id: null,
        first_name: 'Visitor',
        last_name: String(i + j),
        email: null,
        phone: null,
        avatar_url: null,
        properties: '{}',
        restore_id_hash: hashRestoreId(u.restoreId),
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('conversations')
    .values(
      users.map((u) => ({
        id: u.conversationId,
        site_id: fixtures.siteId,
        user_id: u.userId,
        assigned_agent_id: null,
        assigned_group_id: null,
        properties: '{}',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
await db
  .insertInto('agents')
  .values(
    fixtures.agents.map((a, i) => ({
      id: a.agentId,
      email: `agent-${i}@bench.example`,
      first_name: 'Agent',
      last_name: String(i),
      password_hash: null,
      role: 'agent' as const,
      avatar_url: null,
      created_at: now,
      updated_at: now,
    })),
  )
  .execute();
await db
  .insertInto('agent_sessions')
  .values(
    fixtures.agents.map((a) => ({
      token_hash: hashToken(a.sessionToken),
      agent_id: a.agentId,
      expires_at: new Date(Date.now() + 24 * 3600_000),
      created_at: now,
    })),
  )
  .execute();
await sql`ANALYZE`.execute(db);
const seedSeconds = (performance.now() - seedStarted) / 1000;

const account = await db.selectFrom('accounts').select(['app_id', 'widget_token']).executeTakeFirstOrThrow();
await chat.app.listen({ host: '127.0.0.1', port: 0 });
const { port } = chat.app.server.address() as AddressInfo;

serveProbe(
  { url: `http://127.0.0.1:${port}`, appId: account.app_id, widgetToken: account.widget_token, seedSeconds },
  () => chat.close(),
  {
    count: async (command) => {
      const { from, to } = command as { from: number; to: number };
      const row = await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('created_at', '>=', new Date(from))
        .where('created_at', '<', new Date(to))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    queries: async () => takeStatementCounts(),
  },
);
