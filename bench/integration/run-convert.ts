/**
 * bench/integration, conversion part (I6): converting a conversation with a 50-message
 * transcript into a new Desk ticket, end to end: Chat's POST /v2/conversations/:id/ticket-conversion
 * → mapping, transcript HTML, the exactly-once lookup in the helpdesk, POST /api/v2/tickets on
 * Desk over real HTTP → link stored. Target: p95 ≤ 100 ms with both products local.
 *
 * Baseline in the same run: the helpdesk call alone (POST /api/v2/tickets with the same
 * transcript, straight to Desk), so the ratio shows what the conversion adds on top of it.
 *
 *   npm run bench:integration                          # both parts
 *   BENCH_INTEGRATION_PARTS=convert npm run bench:integration
 *   BENCH_CONVERSIONS=100 BENCH_TARGETS=pglite,postgres ...
 *
 * Imported by run-import.ts (which owns the command); records into bench/RESULTS.md.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { loadConfig } from '../../apps/server/src/config.js';
import type { ChatDB } from '../../apps/server/src/chat/db.js';
import { buildChatApp, CHAT_SCHEMA } from '../../apps/server/src/chat/index.js';
import type { DeskDB } from '../../apps/server/src/desk/db.js';
import { buildDeskApp } from '../../apps/server/src/desk/index.js';
import { freshDatabase, type DatabaseKind } from '../../apps/server/src/test/databases.js';
import { machine, record } from '../lib/harness.js';

const DESK_KEY = 'bench-convert-admin-key-0123456789';
const CHAT_TOKEN = 'bench-convert-chat-token-0123456789-abcdef';
const MESSAGES = 50;
const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 100);
const WARMUP = 10;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
const targets = (process.env.BENCH_TARGETS ?? 'pglite').split(',') as DatabaseKind[];

const log = (line: string) => process.stdout.write(`${line}\n`);
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

async function listen(app: {
  listen(o: { host: string; port: number }): Promise<string>;
  server: { address(): unknown };
}) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function benchTarget(kind: DatabaseKind) {
  const base = loadConfig({
    DESK_ADMIN_EMAIL: 'admin@bench.test',
    DESK_ADMIN_API_KEY: DESK_KEY,
    CHAT_API_TOKEN: CHAT_TOKEN,
    CHAT_ADMIN_EMAIL: 'owner@bench.test',
    DATA_DIR: `${os.tmpdir()}/tandem-bench-convert-${process.pid}-${kind}`,
    LOG_LEVEL: 'silent',
  });
  const deskDb = await freshDatabase<DeskDB>(kind);
  const chatDb = await freshDatabase<ChatDB>(kind, 5, CHAT_SCHEMA);
  // The bench makes many tickets quickly: lift Desk's per-minute API budget out of the way.
  const desk = await buildDeskApp({
    config: { ...base.desk, rateLimitPerMinute: 1_000_000 },
    logger: false,
    database: deskDb,
  });
  const chat = await buildChatApp({
    config: { ...base.chat, rateLimitPerMinute: 1_000_000, allowPrivateNetworkUrls: true },
    logger: false,
    database: chatDb,
  });
  try {
    const deskUrl = await listen(desk.app);
    const chatUrl = await listen(chat.app);
    const chatCall = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${chatUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${CHAT_TOKEN}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, data: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
    };
    const connect = await chatCall('PUT', '/v2/integrations/helpdesk', { url: deskUrl, api_key: DESK_KEY });
    if (connect.status >= 300) throw new Error(`connect: ${connect.status} ${connect.text}`);
    const agent = await chatCall('POST', '/v2/agents', {
      email: `agent-${randomUUID().slice(0, 8)}@bench.test`,
      first_name: 'Ava',
      last_name: 'Agent',
      role_name: 'agent',
    });
    if (agent.status !== 201) throw new Error(`agent: ${agent.status} ${agent.text}`);
    const agentId = agent.data.id as string;

    /** A conversation of MESSAGES messages, user and agent taking turns. */
    const conversation = async (n: number) => {
      const user = await chatCall('POST', '/v2/users', {
        first_name: `Customer`,
        last_name: `${n}`,
        email: `customer-${n}-${randomUUID().slice(0, 6)}@bench.test`,
      });
      if (user.status !== 201) throw new Error(`user: ${user.status} ${user.text}`);
      const userId = user.data.id as string;
      const messages = Array.from({ length: MESSAGES }, (_, i) =>
        i % 2 === 0
          ? {
              actor_type: 'user',
              actor_id: userId,
              message_parts: [
                { text: { content: `Question ${i}: my order ${n} has not arrived, can you check?` } },
              ],
            }
          : {
              actor_type: 'agent',
              actor_id: agentId,
              message_parts: [
                { text: { content: `Answer ${i}: I am looking into order ${n} for you right now.` } },
              ],
            },
      );
      // A create takes at most 20 messages; the rest are sent one by one, as a chat happens.
      const created = await chatCall('POST', '/v2/conversations', {
        users: [{ id: userId }],
        assigned_agent_id: agentId,
        messages: messages.slice(0, 20),
      });
      if (created.status !== 201) throw new Error(`conversation: ${created.status} ${created.text}`);
      const id = created.data.id as string;
      for (const message of messages.slice(20)) {
        const sent = await chatCall('POST', `/v2/conversations/${id}/messages`, message);
        if (sent.status !== 201) throw new Error(`message: ${sent.status} ${sent.text}`);
      }
      return { id, email: user.data.email as string };
    };

    const total = WARMUP + CONVERSIONS;
    log(`[${kind}] making ${total} conversations of ${MESSAGES} messages...`);
    const conversations = [];
    for (let n = 0; n < total; n++) conversations.push(await conversation(n));

    // The baseline: the helpdesk's own ticket create with the same-sized transcript.
    const transcript = Array.from(
      { length: MESSAGES },
      (_, i) =>
        `<p><b>${i % 2 ? 'Ava Agent' : 'Customer'}</b> 10:${String(i).padStart(2, '0')}: message ${i} of the transcript</p>`,
    ).join('');
    const baseline: number[] = [];
    for (let n = 0; n < total; n++) {
      const started = performance.now();
      const res = await fetch(`${deskUrl}/api/v2/tickets`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${DESK_KEY}:X`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          subject: `Baseline ticket ${n}`,
          description: transcript,
          email: conversations[n]!.email,
          source: 7,
          status: 2,
          priority: 1,
        }),
      });
      await res.text();
      if (res.status !== 201) throw new Error(`baseline ticket: ${res.status}`);
      if (n >= WARMUP) baseline.push(performance.now() - started);
    }

    const converts: number[] = [];
    for (let n = 0; n < total; n++) {
      const started = performance.now();
      const res = await chatCall('POST', `/v2/conversations/${conversations[n]!.id}/ticket-conversion`, {
        mode: 'new',
        resolve: true,
      });
      if (res.status !== 201) throw new Error(`convert: ${res.status} ${res.text}`);
      if (n >= WARMUP) converts.push(performance.now() - started);
    }
    return { kind, convert: summarize(converts), baseline: summarize(baseline) };
  } finally {
    await chat.close();
    await desk.close();
    await chatDb.close();
    await deskDb.close();
  }
}

const results = [];
for (const kind of targets) {
  const result = await benchTarget(kind);
  log(
    `[${kind}] convert (${MESSAGES}-message transcript, new ticket, resolve): p50 ${fmt(result.convert.p50)}, ` +
      `p95 ${fmt(result.convert.p95)}, p99 ${fmt(result.convert.p99)}; ` +
      `baseline Desk ticket create: p50 ${fmt(result.baseline.p50)}, p95 ${fmt(result.baseline.p95)}`,
  );
  results.push(result);
}

const load = os.loadavg()[0]!.toFixed(2);
const rows = results
  .map(
    (r) =>
      `| ${r.kind} | ${fmt(r.convert.p50)} / ${fmt(r.convert.p95)} / ${fmt(r.convert.p99)} | ` +
      `${fmt(r.baseline.p50)} / ${fmt(r.baseline.p95)} | ${(r.convert.p95 / r.baseline.p95).toFixed(1)}× | ` +
      `p95 ≤ 100 ms | ${r.convert.p95 <= 100 ? 'met' : '**missed**'} |`,
  )
  .join('\n');
await record(
  `bench/integration: convert a ${MESSAGES}-message conversation`,
  `Machine: ${machine()}; load average ${load} at the end. Desk and Chat in one process, each on its own ` +
    `127.0.0.1 port, talking over real HTTP (Chat → Desk's Freshdesk v2 API). ${CONVERSIONS} conversions ` +
    `measured after ${WARMUP} warm-up, one at a time, each a new ticket with "create and resolve" ` +
    `(Chat's POST /v2/conversations/:id/ticket-conversion, end to end). Baseline: the same-sized ticket ` +
    `created straight on Desk (POST /api/v2/tickets), measured in the same run.\n\n` +
    `| database | convert p50 / p95 / p99 | baseline ticket create p50 / p95 | p95 ratio | target | |\n` +
    `|---|---|---|---|---|---|\n${rows}\n`,
);
