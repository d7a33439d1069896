/**
 * bench/chat-realtime: 5,000 widget users and 20 agents on one Chat process (issue 4). Users
 * send 500 messages/s in total for 60 s (open loop, random users); the designated agent of each
 * message (n mod 20) replies to every 10th. Measures user→agent and agent→user delivery latency,
 * persisted messages/s, the saturation throughput (closed loop), and server memory per idle user
 * connection, next to a bare Socket.IO relay (no auth, no database) driven by the same clients.
 *
 *   npm run bench:chat                                  # baseline, PGlite and PostgreSQL
 *   BENCH_DB=pglite BENCH_USERS=500 BENCH_SECONDS=10 BENCH_RECORD=0 npm run bench:chat   # smoke
 *
 * Options (env): BENCH_DB=pglite|postgres|both, BENCH_PG_URL (a PostgreSQL server; default
 * postgres://postgres@127.0.0.1:5432/postgres, skipped with a note when it does not answer),
 * BENCH_USERS, BENCH_AGENTS, BENCH_RATE, BENCH_SECONDS, BENCH_WARMUP, BENCH_REPLY_EVERY,
 * BENCH_STEP_RATES (comma list of lower open-loop rates measured first, BENCH_STEP_SECONDS
 * each; empty for none), BENCH_SAT_CONCURRENCY (comma list), BENCH_SAT_SECONDS,
 * BENCH_PGLITE=memory (PGlite in memory rather than under a data directory),
 * BENCH_PROFILE=1 (CPU profile of each server during the main window, summarized),
 * BENCH_BASELINE=0 (skip the relay; nothing is recorded then), BENCH_RECORD=0 (print only).
 *
 * The servers run in child processes started with --expose-gc; this process is the load
 * generator. Results are appended to bench/RESULTS.md with the machine and date.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { machine, record, today } from '../lib/harness.js';
import { makeFixtures, type Fixtures, type MemorySample, type ServerStats } from './fixtures.js';
import {
  closedLoop,
  connectAgents,
  connectUsers,
  drain,
  losses,
  newPhase,
  openLoop,
  reconnectDropped,
  type Clients,
} from './load.js';
import { startBackendMeter } from './pg-backends.js';
import { summarizeProfile } from './profile-summary.js';
import { startServerChild, type ServerChild } from './server-child.js';
import { kb, ms, summarize, type Latency } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
const list = (name: string, fallback: string) =>
  (env[name] ?? fallback).split(',').filter(Boolean).map(Number);
const USERS = num('BENCH_USERS', 5000);
const AGENTS = num('BENCH_AGENTS', 20);
const RATE = num('BENCH_RATE', 500);
const SECONDS = num('BENCH_SECONDS', 60);
const WARMUP = num('BENCH_WARMUP', 5);
const REPLY_EVERY = num('BENCH_REPLY_EVERY', 10);
const STEP_RATES = list('BENCH_STEP_RATES', '100,250');
const STEP_SECONDS = num('BENCH_STEP_SECONDS', 15);
const SAT_SECONDS = num('BENCH_SAT_SECONDS', 10);
const SAT_CONCURRENCY = list('BENCH_SAT_CONCURRENCY', '16,64,256');
const PROFILE = env.BENCH_PROFILE === '1';
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DBS = (env.BENCH_DB ?? 'both') === 'both' ? ['pglite', 'postgres'] : [env.BENCH_DB!];

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const log = (line: string) => process.stdout.write(`${line}\n`);
const pct = (share: number) => `${Math.round(share * 100)}%`;
const cpuShare = (s: ServerStats) => (s.cpuUserUs + s.cpuSystemUs) / 1000 / s.wallMs;

/**
 * Over a window: this process's CPU share and event-loop delay (the generator must keep up), and
 * how busy the whole machine was (the servers, PostgreSQL and anything else running on it).
 */
function meter() {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const machineTimes = () =>
    os.cpus().reduce(
      (sum, c) => {
        const t = c.times;
        return {
          busy: sum.busy + t.user + t.nice + t.sys + t.irq,
          total: sum.total + t.user + t.nice + t.sys + t.irq + t.idle,
        };
      },
      { busy: 0, total: 0 },
    );
  const machine0 = machineTimes();
  return () => {
    const used = process.cpuUsage(cpu);
    const machine1 = machineTimes();
    loop.disable();
    return {
      generatorCpu: (used.user + used.system) / 1000 / (performance.now() - wall),
      generatorLoopP99Ms: loop.percentile(99) / 1e6,
      machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total),
    };
  };
}
type Meter = ReturnType<ReturnType<typeof meter>>;

type Lost = ReturnType<typeof losses>;
const lostTotal = (l: Lost) => l.unacked + l.undelivered + l.duplicates;

interface OpenLoopResult {
  rate: number;
  sent: number;
  replies: number;
  seconds: number;
  userToAgent: Latency;
  agentToUser: Latency;
  ack: Latency;
  lost: Lost;
  firstError: string | undefined;
  server: ServerStats;
  meter: Meter;
  drainedSeconds: number;
  persistedPerSecond: number | undefined;
  /** SQL statements run during the window, by kind, and the messages stored in it (Chat only). */
  statements: Record<string, number>;
  stored: number;
  /** CPU share of the PostgreSQL backends serving Chat (1 = one core). */
  backendCpu: number | undefined;
  profile: string | undefined;
}

interface Saturation {
  concurrency: number;
  perSecond: number;
  ack: Latency;
  server: ServerStats;
  meter: Meter;
  backendCpu: number | undefined;
  lost: Lost;
}

interface TargetResult {
  name: string;
  handshakesPerSecond: number;
  memoryBefore: MemorySample;
  memoryAfter: MemorySample;
  steps: OpenLoopResult[];
  main: OpenLoopResult;
  saturation: Saturation[];
  /** Sockets dropped while the phases ran, by who and reason. */
  disconnects: Record<string, number>;
}

/**
 * "9.1 (2.00 `select conversations (id)`, 1.00 `begin`, ...)": statements per message stored,
 * both counted by the server (statements as they run, messages by their stored time), so a late
 * answer does not skew the ratio. A batch statement stores many messages (group commit), so the
 * divisor is the messages stored, not the statements that insert.
 */
function statementsPerMessage(statements: Record<string, number>, stored: number) {
  const total = Object.values(statements).reduce((a, b) => a + b, 0);
  if (!stored) return 'n/a (no message stored)';
  const kinds = Object.entries(statements)
    .sort((a, b) => b[1] - a[1])
    .filter(([, count]) => count / stored >= 0.05)
    .map(([kind, count]) => `${(count / stored).toFixed(2)} \`${kind}\``);
  return `${(total / stored).toFixed(2)} (${kinds.join(', ')})`;
}

/** Sockets dropped by an overloaded server come back before the next phase, as widgets would. */
async function reconnectAfterDrops(name: string, clients: Clients) {
  const count = await reconnectDropped(clients);
  if (count) log(`[${name}] reconnected ${count} dropped sockets`);
}

/** The server being driven and how to measure it. */
interface Target {
  name: string;
  server: ServerChild;
  /** Chat: messages are stored (and echoed to the sender's sockets); the relay stores nothing. */
  persisted: boolean;
  /** PostgreSQL: the name of the Chat server's database, to meter its backends' CPU. */
  database?: string;
}

/** The backends' CPU meter of a PostgreSQL target, or one that reports nothing. */
const backendMeter = (target: Target) =>
  target.database ? startBackendMeter(PG_URL, target.database) : Promise.resolve(async () => undefined);

/** One open-loop window at `rate`, drained afterwards; `profile`: CPU-profile the server meanwhile. */
async function openLoopWindow(
  target: Target,
  clients: Clients,
  rate: number,
  seconds: number,
  firstN: number,
  profile: boolean,
): Promise<OpenLoopResult> {
  const { name, server, persisted } = target;
  await reconnectAfterDrops(name, clients);
  const phase = newPhase(REPLY_EVERY, true);
  clients.phase = phase;
  if (persisted) await server.queries();
  await server.stats();
  const measure = meter();
  const backends = await backendMeter(target);
  if (profile) await server.profileStart();
  const from = Date.now();
  const window = await openLoop(clients, rate, seconds, firstN);
  const to = Date.now();
  const serverStats = await server.stats();
  const machineMeter = measure();
  const backendCpu = await backends();
  const statements = persisted ? await server.queries() : {};
  let profileText: string | undefined;
  if (profile) {
    const file = path.join(os.tmpdir(), `chat-realtime-${name}-${Date.now()}.cpuprofile`);
    await server.profileStop(file);
    profileText = `${file}\n${summarizeProfile(JSON.parse(await fs.readFile(file, 'utf8')))}`;
    log(profileText);
  }
  const drainedSeconds = await drain(clients, persisted);
  // Counted by the time each message was stored, once the backlog is drained.
  const stored = persisted ? await server.count(from, to) : 0;
  const result: OpenLoopResult = {
    rate,
    sent: window.sent,
    replies: phase.replies.size,
    seconds: window.seconds,
    userToAgent: summarize(phase.userToAgentMs),
    agentToUser: summarize(phase.agentToUserMs),
    ack: summarize(phase.ackMs),
    lost: losses(phase, AGENTS, persisted),
    firstError: phase.firstError,
    server: serverStats,
    meter: machineMeter,
    drainedSeconds,
    persistedPerSecond: persisted ? stored / ((to - from) / 1000) : undefined,
    statements,
    stored,
    backendCpu,
    profile: profileText,
  };
  if (persisted)
    log(`[${name}] SQL statements per message stored: ${statementsPerMessage(statements, stored)}`);
  log(
    `[${name}] ${rate} msg/s: user→agent ${ms(result.userToAgent.p50)} / ${ms(result.userToAgent.p99)}, agent→user ${ms(
      result.agentToUser.p50,
    )} / ${ms(result.agentToUser.p99)}, ack ${ms(result.ack.p50)} / ${ms(result.ack.p99)}` +
      (persisted ? `; persisted ${result.persistedPerSecond!.toFixed(0)}/s` : '') +
      `; server CPU ${pct(cpuShare(serverStats))}, loop p99 ${ms(serverStats.loopDelayP99Ms)}${
        backendCpu === undefined ? '' : `; PostgreSQL backends CPU ${pct(backendCpu)}`
      }; generator CPU ${pct(
        machineMeter.generatorCpu,
      )}; machine ${pct(machineMeter.machineBusy)} busy; drained in ${drainedSeconds.toFixed(1)} s; lost ${JSON.stringify(
        result.lost,
      )}${result.firstError ? `; first error ${result.firstError}` : ''}${
        clients.disconnects.size
          ? `; disconnects so far ${JSON.stringify(Object.fromEntries(clients.disconnects))}`
          : ''
      }`,
  );
  return result;
}

/** Drives one server (Chat or the relay) through connect, memory, latency and saturation phases. */
async function runTarget(target: Target, fixtures: Fixtures): Promise<TargetResult> {
  const { name, server, persisted } = target;
  const clients = await connectAgents(server.ready, fixtures);
  try {
    await sleep(1000);
    const memoryBefore = await server.memory();
    log(`[${name}] ${AGENTS} agents connected; connecting ${USERS} users...`);
    const handshakesPerSecond = await connectUsers(clients, server.ready, fixtures);
    await sleep(3000);
    const memoryAfter = await server.memory();
    log(
      `[${name}] users connected at ${handshakesPerSecond.toFixed(0)}/s; per idle connection: heap+external ${kb(
        (memoryAfter.heapUsed + memoryAfter.external - memoryBefore.heapUsed - memoryBefore.external) / USERS,
      )}, RSS ${kb((memoryAfter.rss - memoryBefore.rss) / USERS)}`,
    );

    let n = 0;
    if (WARMUP > 0) {
      clients.phase = newPhase(REPLY_EVERY, false);
      n += (await openLoop(clients, Math.min(RATE, 100), WARMUP, n)).sent;
      await drain(clients, persisted);
    }
    const steps: OpenLoopResult[] = [];
    for (const rate of STEP_RATES) {
      const step = await openLoopWindow(target, clients, rate, STEP_SECONDS, n, false);
      n += step.sent;
      steps.push(step);
    }
    log(`[${name}] main window: ${RATE} msg/s for ${SECONDS} s...`);
    const main = await openLoopWindow(target, clients, RATE, SECONDS, n, PROFILE);
    n += main.sent;

    const saturation: Saturation[] = [];
    for (const concurrency of SAT_CONCURRENCY) {
      await reconnectAfterDrops(name, clients);
      clients.phase = newPhase(0, true);
      await server.stats();
      const measure = meter();
      const backends = await backendMeter(target);
      const closed = await closedLoop(clients, concurrency, SAT_SECONDS, n);
      n = closed.nextN;
      const stats = await server.stats();
      const machineMeter = measure();
      const backendCpu = await backends();
      await drain(clients, persisted);
      const step: Saturation = {
        concurrency,
        perSecond: closed.perSecond,
        ack: summarize(clients.phase.ackMs),
        server: stats,
        meter: machineMeter,
        backendCpu,
        lost: losses(clients.phase, AGENTS, persisted),
      };
      saturation.push(step);
      log(
        `[${name}] saturation, ${concurrency} in flight: ${step.perSecond.toFixed(0)} acked/s, ack p50/p99 ${ms(
          step.ack.p50,
        )} / ${ms(step.ack.p99)}, server CPU ${pct(cpuShare(stats))}${
          backendCpu === undefined ? '' : `, PostgreSQL backends CPU ${pct(backendCpu)}`
        }, generator CPU ${pct(
          machineMeter.generatorCpu,
        )}, machine ${pct(machineMeter.machineBusy)} busy, lost ${JSON.stringify(step.lost)}`,
      );
    }
    const disconnects = Object.fromEntries(clients.disconnects);
    return { name, handshakesPerSecond, memoryBefore, memoryAfter, steps, main, saturation, disconnects };
  } finally {
    clients.close();
    await sleep(1000);
  }
}

/** A fresh database on the PostgreSQL server, or undefined (with a note) when none answers. */
async function createPostgresDatabase() {
  const name = `tandem_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    log(`PostgreSQL at ${PG_URL} did not answer (${(error as Error).message}): skipping the postgres run.`);
    return undefined;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: PG_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

const maxSaturation = (r: TargetResult) =>
  r.saturation.reduce((best, s) => (s.perSecond > best.perSecond ? s : best), r.saturation[0]!);
const perConnection = (r: TargetResult) => ({
  heap:
    (r.memoryAfter.heapUsed + r.memoryAfter.external - r.memoryBefore.heapUsed - r.memoryBefore.external) /
    USERS,
  rss: (r.memoryAfter.rss - r.memoryBefore.rss) / USERS,
});
const dropped = (d: Record<string, number>) =>
  Object.entries(d)
    .map(([why, count]) => `${count} (${why})`)
    .join(', ') || '0';
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const both = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)}`;
const withBackends = (share: number | undefined) =>
  share === undefined ? '' : ` + PostgreSQL ${pct(share)}`;

function table(kind: string, chat: TargetResult, baseline: TargetResult) {
  const chatMax = maxSaturation(chat);
  const baseMax = maxSaturation(baseline);
  const ratio = chatMax.perSecond / baseMax.perSecond;
  const chatMem = perConnection(chat);
  const baseMem = perConnection(baseline);
  const m = chat.main;
  const b = baseline.main;
  const satLost = chat.saturation.reduce((sum, s) => sum + lostTotal(s.lost), 0);
  const allLost = lostTotal(m.lost) + satLost + chat.steps.reduce((sum, s) => sum + lostTotal(s.lost), 0);
  const stepRows = chat.steps.map((s, i) => {
    const base = baseline.steps[i];
    return `| at ${s.rate} msg/s: user→agent / agent→user p50 / p99 | ${both(s.userToAgent)}; ${both(s.agentToUser)} (CPU ${pct(cpuShare(s.server))}) | ${base ? `${both(base.userToAgent)}; ${both(base.agentToUser)}` : ''} | p99 ≤ 100 ms | ${verdict(Math.max(s.userToAgent.p99, s.agentToUser.p99) <= 100)} |`;
  });
  const rows = [
    `| **at ${m.rate} msg/s**: user→agent latency p50 / p99 (designated agent) | ${both(m.userToAgent)} | ${both(b.userToAgent)} | p99 ≤ 100 ms | ${verdict(m.userToAgent.p99 <= 100)} |`,
    `| at ${m.rate} msg/s: agent→user latency p50 / p99 (${m.replies} replies) | ${both(m.agentToUser)} | ${both(b.agentToUser)} | p99 ≤ 100 ms | ${verdict(m.agentToUser.p99 <= 100)} |`,
    `| at ${m.rate} msg/s: send→ack p50 / p99 | ${both(m.ack)} | ${both(b.ack)} | | |`,
    `| at ${m.rate} msg/s: persisted messages/s over the window | ${m.persistedPerSecond?.toFixed(0)}/s of ${((m.sent + m.replies) / m.seconds).toFixed(0)}/s sent; backlog drained ${m.drainedSeconds.toFixed(1)} s after | n/a | | |`,
    `| at ${m.rate} msg/s: server CPU / event-loop delay p99; machine busy | ${pct(cpuShare(m.server))}${withBackends(m.backendCpu)} / ${ms(m.server.loopDelayP99Ms)}; ${pct(m.meter.machineBusy)} | ${pct(cpuShare(b.server))} / ${ms(b.server.loopDelayP99Ms)}; ${pct(b.meter.machineBusy)} | | |`,
    ...stepRows,
    `| saturation: max acked msg/s (closed loop, ${SAT_CONCURRENCY.join('/')} in flight) | ${chatMax.perSecond.toFixed(0)}/s at ${chatMax.concurrency} (ack p99 ${ms(chatMax.ack.p99)}, server CPU ${pct(cpuShare(chatMax.server))}${withBackends(chatMax.backendCpu)}) | ${baseMax.perSecond.toFixed(0)}/s at ${baseMax.concurrency} (server CPU ${pct(cpuShare(baseMax.server))}, generator ${pct(baseMax.meter.generatorCpu)}) | ≥ 0.5× baseline | ${ratio.toFixed(2)}× ${verdict(ratio >= 0.5)} |`,
    `| memory per idle user connection: heap+external / RSS | ${kb(chatMem.heap)} / ${kb(chatMem.rss)} | ${kb(baseMem.heap)} / ${kb(baseMem.rss)} | ≤ 30 KB | ${verdict(chatMem.heap <= 30 * 1024 && chatMem.rss <= 30 * 1024)} |`,
    `| user handshakes/s (100 in flight) | ${chat.handshakesPerSecond.toFixed(0)}/s | ${baseline.handshakesPerSecond.toFixed(0)}/s | | |`,
    `| sockets dropped during the phases | ${dropped(chat.disconnects)} | ${dropped(baseline.disconnects)} | 0 | ${verdict(!Object.keys(chat.disconnects).length)} |`,
    `| lost: unacked + undelivered + duplicated, every phase | ${allLost} (main window: ${m.lost.unacked} unacked of which ${m.lost.unsent} unsent on a dropped socket, ${m.lost.undelivered} undelivered, ${m.lost.duplicates} dup) | ${lostTotal(b.lost)} | 0 | ${verdict(allLost === 0)} |`,
  ];
  return [
    `### ${kind}`,
    '',
    `| measure | Chat on ${kind} | bare Socket.IO relay | target | |`,
    '|---|---|---|---|---|',
    ...rows,
    '',
    // Under overload the window counts the selects of sends still queued for their transaction;
    // the first (lowest) rate shows the steady state.
    `SQL statements per message stored (Chat on ${kind}, at ${(chat.steps[0] ?? m).rate} msg/s): ${statementsPerMessage((chat.steps[0] ?? m).statements, (chat.steps[0] ?? m).stored)}.`,
  ].join('\n');
}

const fixtures = makeFixtures(USERS, AGENTS);
const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-bench-chat-'));
const fixturesFile = path.join(workDir, 'fixtures.json');
await fs.writeFile(fixturesFile, JSON.stringify(fixtures));
const loadAtStart = os.loadavg()[0]!;
log(`machine: ${machine()}; load average ${loadAtStart.toFixed(2)}`);

const results: { kind: string; chat: TargetResult }[] = [];
let baseline: TargetResult | undefined;
try {
  if (env.BENCH_BASELINE !== '0') {
    const relay = await startServerChild(path.join(here, 'relay-server.ts'), {
      BENCH_FIXTURES: fixturesFile,
    });
    try {
      baseline = await runTarget({ name: 'baseline', server: relay, persisted: false }, fixtures);
    } finally {
      await relay.close();
    }
  }

  for (const kind of DBS) {
    const database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    if (kind === 'postgres' && !database) continue;
    try {
      const chat = await startServerChild(path.join(here, 'chat-server.ts'), {
        BENCH_FIXTURES: fixturesFile,
        BENCH_DATA_DIR: path.join(workDir, kind),
        BENCH_DB_URL: database?.url ?? '',
      });
      log(
        `[chat-${kind}] seeded ${USERS} users and conversations, ${AGENTS} agents in ${chat.ready.seedSeconds.toFixed(1)} s`,
      );
      try {
        const target: Target = {
          name: `chat-${kind}`,
          server: chat,
          persisted: true,
          database: database?.name,
        };
        results.push({ kind, chat: await runTarget(target, fixtures) });
      } finally {
        await chat.close();
      }
    } finally {
      await database?.drop();
    }
  }
} finally {
  await fs.rm(workDir, { recursive: true, force: true });
}

if (baseline && results.length) {
  const loadAtEnd = os.loadavg()[0]!;
  const generator = [
    ...results.map((r) => `${r.kind} ${pct(r.chat.main.meter.generatorCpu)}`),
    `baseline ${pct(baseline.main.meter.generatorCpu)}`,
  ].join(', ');
  await record(
    'chat-realtime',
    [
      `Machine: ${machine()}; load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end (the 2 cores are shared with PostgreSQL, the load generator and other work on the machine). ` +
        `${USERS.toLocaleString('en')} widget users and ${AGENTS} agents over websocket (socket.io-client in one load-generator process; each server in its own child process; Chat built as \`npm start\` builds it: default pool of 10, job worker on, PGlite ${env.BENCH_PGLITE === 'memory' ? 'in memory' : 'under a data directory'}). ` +
        `Open loop from random users, each message to its user's conversation (one per user, seeded); every agent receives every message; latency is taken at one designated agent per message (n mod ${AGENTS}) and counted from the message's due time; that agent replies to every ${REPLY_EVERY}th, timed at the user's socket. ` +
        `Main window ${RATE} msg/s for ${SECONDS} s${STEP_RATES.length ? `, after ${STEP_RATES.join(' and ')} msg/s for ${STEP_SECONDS} s each` : ''} and a ${WARMUP} s warm-up. ` +
        `Saturation: closed loop, ${SAT_SECONDS} s per step. Memory: server heapUsed+external and RSS after GC, before and after the users connect, ÷ ${USERS.toLocaleString('en')}. ` +
        `Generator CPU during the main window: ${generator}.`,
      '',
      ...results.flatMap((r) => [table(r.kind, r.chat, baseline!), '']),
    ]
      .join('\n')
      .trimEnd(),
  );
}
log(`done ${today()}`);
