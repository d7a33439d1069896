/**
 * bench/desk-api: ticket create and list throughput/latency against Desk, next to a bare
 * Fastify baseline doing one INSERT … RETURNING / one SELECT … LIMIT 30 on the same database.
 *
 *   npm run bench:desk                     # PGlite (20,000 tickets) and, when BENCH_DATABASE_URL
 *                                          # or TEST_DATABASE_URL is set, PostgreSQL (100,000)
 *   BENCH_DURATION=10 BENCH_TARGETS=postgres npm run bench:desk
 *
 * Prints a table and appends it to bench/RESULTS.md with the machine and date.
 */
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.js';
import { buildDeskApp } from '../../apps/server/src/desk/index.js';
import type { DeskDB } from '../../apps/server/src/desk/db.js';
import { freshDatabase, type DatabaseKind } from '../../apps/server/src/test/databases.js';
import type { Database } from '../../apps/server/src/platform/db/database.js';
import { failures, load, machine, record, today, type Figures } from '../lib/harness.js';

const KEY = 'bench-admin-api-key-0123456789';
const auth = `Basic ${Buffer.from(`${KEY}:X`).toString('base64')}`;
const duration = Number(process.env.BENCH_DURATION ?? 10);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const targets = (process.env.BENCH_TARGETS ?? (serverUrl ? 'postgres,pglite' : 'pglite')).split(
  ',',
) as DatabaseKind[];
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;

/** Loads `count` tickets quickly with set-based SQL (seeding is not what is measured). */
async function seedTickets(database: Database<DeskDB>, count: number) {
  const db = database.db;
  // One statement per batch: generate_series builds requesters and tickets in the database.
  const batch = 10_000;
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    await sql`
      INSERT INTO contacts (name, email, created_at, updated_at)
      SELECT 'Seed ' || g, 'seed-' || g || '@example.com', now(), now()
      FROM generate_series(${offset + 1}::int, ${offset + size}::int) g`.execute(db);
    await sql`
      INSERT INTO tickets (subject, description, description_text, status, priority, source, requester_id,
        custom_fields, due_by, fr_due_by, created_at, updated_at)
      SELECT 'Seeded ticket ' || c.id, '<p>Seeded</p>', 'Seeded', 2 + (c.id % 4), 1 + (c.id % 4), 2, c.id,
        jsonb_build_object('cf_order_number', c.id, 'cf_reason', 'Refund'),
        now() + interval '3 days', now() + interval '1 day',
        now() - (c.id % 1000) * interval '1 minute', now() - (c.id % 1000) * interval '1 minute'
      FROM contacts c WHERE c.email LIKE 'seed-%' AND c.id > (SELECT coalesce(max(requester_id), 0) FROM tickets)`.execute(
      db,
    );
  }
  await sql`ANALYZE`.execute(db);
}

async function baselineServer(database: Database<DeskDB>) {
  await sql`CREATE TABLE IF NOT EXISTS bench_baseline (id serial PRIMARY KEY, subject text, email text, created_at timestamptz DEFAULT now())`.execute(
    database.db,
  );
  const app = Fastify({ logger: false });
  app.post('/insert', async (request) => {
    const body = request.body as { subject: string; email: string };
    const { rows } = await sql<{
      id: number;
    }>`INSERT INTO bench_baseline (subject, email) VALUES (${body.subject}, ${body.email}) RETURNING id, subject, email, created_at`.execute(
      database.db,
    );
    return rows[0];
  });
  app.get('/select', async () => {
    const { rows } = await sql`SELECT id, subject, status, priority, requester_id, created_at, updated_at
      FROM tickets WHERE NOT deleted AND NOT spam ORDER BY created_at DESC LIMIT 30`.execute(database.db);
    return rows;
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, address };
}

async function benchTarget(kind: DatabaseKind) {
  const tickets = kind === 'postgres' ? 100_000 : 20_000;
  const database = await freshDatabase<DeskDB>(kind, 10);
  const config = {
    ...loadConfig({ DESK_ADMIN_API_KEY: KEY }).desk,
    dataDir: path.join(os.tmpdir(), `tandem-bench-${Date.now()}`),
    rateLimitPerMinute: 100_000_000,
  };
  const desk = await buildDeskApp({ config, logger: false, database });
  const address = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  const headers = { authorization: auth, 'content-type': 'application/json' };

  for (const field of [
    { label: 'Order number', type: 'custom_number' },
    {
      label: 'Reason',
      type: 'custom_dropdown',
      choices: [
        { value: 'Refund', position: 1 },
        { value: 'Bug', position: 2 },
      ],
    },
  ]) {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v2/admin/ticket_fields',
      headers,
      payload: field,
    });
    if (res.statusCode !== 201) throw new Error(`custom field setup failed: ${res.statusCode} ${res.body}`);
  }
  process.stdout.write(`[${kind}] seeding ${tickets} tickets...\n`);
  const t0 = Date.now();
  await seedTickets(database, tickets);
  process.stdout.write(`[${kind}] seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const baseline = await baselineServer(database);

  const ticketBody = {
    subject: 'Cannot log in',
    description: '<p>The login page says <b>invalid password</b>.</p>',
    status: 2,
    priority: 2,
    custom_fields: { cf_order_number: 1234, cf_reason: 'Refund' },
  };
  const results: Record<string, Figures> = {};
  const connections = 16;
  results.baselineInsert = await load({
    url: `${baseline.address}/insert`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    body: { subject: 'Cannot log in' },
    newRequester: true,
  });
  results.create = await load({
    url: `${address}/api/v2/tickets`,
    method: 'POST',
    connections,
    duration,
    headers,
    body: ticketBody,
    newRequester: true,
  });
  results.baselineSelect = await load({
    url: `${baseline.address}/select`,
    method: 'GET',
    connections: 8,
    duration,
    headers: {},
  });
  results.list = await load({
    url: `${address}/api/v2/tickets?per_page=30`,
    method: 'GET',
    connections: 8,
    duration,
    headers,
  });

  await baseline.app.close();
  await desk.close();
  await database.close();
  return { kind, tickets, results };
}

const rows: string[] = [];
const date = today();
for (const kind of targets) {
  const { tickets, results } = await benchTarget(kind);
  const r = results;
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  rows.push(
    `| ${date} | ${kind} | ${tickets.toLocaleString('en')} | create ticket | ${r.create!.rps.toFixed(0)}/s | ${r.create!.p50} / ${r.create!.p99} ms | baseline INSERT ${r.baselineInsert!.rps.toFixed(0)}/s | ${ratio(r.create!.rps, r.baselineInsert!.rps)}× | ${failures(r.create!)} |`,
    `| ${date} | ${kind} | ${tickets.toLocaleString('en')} | list tickets (per_page=30) | ${r.list!.rps.toFixed(0)}/s | ${r.list!.p50} / ${r.list!.p99} ms | baseline SELECT ${r.baselineSelect!.rps.toFixed(0)}/s, p99 ${r.baselineSelect!.p99} ms | ${ratio(r.list!.rps, r.baselineSelect!.rps)}× | ${failures(r.list!)} |`,
  );
}
await record(
  'desk-api',
  [
    `Machine: ${machine()}. Duration ${duration} s per run; load generator (autocannon) in a separate process on the same machine.`,
    '',
    '| date | database | tickets loaded | operation | throughput | p50 / p99 | baseline (same run) | ratio | errors |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
