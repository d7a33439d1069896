/**
 * bench/integration: the helpdesk FAQ import (I3) at size. A Desk with 10,000 published articles
 * in 200 folders (seeded straight into its database; not measured) and a Chat, each listening on
 * 127.0.0.1 in this process, linked over real HTTP as two separately hosted products are.
 *
 *   npm run bench:integration          # PGlite for both (default)
 *   BENCH_TARGETS=postgres,pglite ...  # PostgreSQL too (BENCH_DATABASE_URL or TEST_DATABASE_URL)
 *   BENCH_INTEGRATION_PARTS=import     # skip the conversion part (bench/integration/run-convert.ts, when present)
 *
 * Measured from POST /faq-imports to the import reading `done`: the first import of everything
 * (target ≤ 20 s), a re-import with nothing changed (target ≤ 2 s; Desk's change feed lets it
 * skip the tree), and the same re-import made to walk the whole tree, as against a helpdesk
 * without that feed (plain Freshdesk).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.js';
import type { ChatDB } from '../../apps/server/src/chat/db.js';
import { buildChatApp, CHAT_SCHEMA } from '../../apps/server/src/chat/index.js';
import { secretBoxOf } from '../../apps/server/src/chat/users/identity-secret-box.js';
import type { DeskDB } from '../../apps/server/src/desk/db.js';
import { buildDeskApp } from '../../apps/server/src/desk/index.js';
import { articleSearchVector } from '../../apps/server/src/desk/kb-search/index.js';
import type { Database } from '../../apps/server/src/platform/db/database.js';
import { freshDatabase, type DatabaseKind } from '../../apps/server/src/test/databases.js';
import { machine, record, today } from '../lib/harness.js';

const DESK_KEY = 'bench-admin-api-key-0123456789';
const CHAT_TOKEN = 'bench-chat-api-token-0123456789-abcdef';
const FOLDERS = 200;
const ARTICLES = 10_000;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
const targets = (process.env.BENCH_TARGETS ?? 'pglite').split(',') as DatabaseKind[];
const parts = (process.env.BENCH_INTEGRATION_PARTS ?? 'import,convert').split(',');

/** Categories, 200 folders and 10,000 published articles, with their change records, set-based. */
async function seed(database: Database<DeskDB>) {
  const db = database.db;
  const now = new Date();
  const categories = await db
    .insertInto('solution_categories')
    .values(
      Array.from({ length: 4 }, (_, i) => ({
        name: `Area ${i + 1}`,
        description: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .returning('id')
    .execute();
  const folders = await db
    .insertInto('solution_folders')
    .values(
      Array.from({ length: FOLDERS }, (_, i) => ({
        category_id: categories[i % categories.length]!.id,
        name: `Folder ${i + 1}`,
        description: `Questions about topic ${i + 1}`,
        visibility: 1,
        position: Math.floor(i / categories.length) + 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .returning('id')
    .execute();
  for (let start = 0; start < ARTICLES; start += 500) {
    const rows = Array.from({ length: Math.min(500, ARTICLES - start) }, (_, k) => {
      const n = start + k;
      const title = `How to use feature ${n}`;
      const text = `This article explains feature ${n}: where to find it, how to set it up and what to do when it fails. チャットをチケットに変換する方法 ${n}.`;
      return {
        folder_id: folders[n % FOLDERS]!.id,
        title,
        description: `<h2>${title}</h2><p>${text}</p><ul><li>Step one</li><li>Step <b>two</b></li></ul>`,
        description_text: text,
        status: 2,
        tags: [`topic-${n % 20}`],
        seo_data: '{}',
        position: Math.floor(n / FOLDERS) + 1,
        search_vector: articleSearchVector({ title, description_text: text, tags: [`topic-${n % 20}`] }),
        created_at: now,
        updated_at: now,
      };
    });
    const inserted = await db.insertInto('solution_articles').values(rows).returning('id').execute();
    await db
      .insertInto('solution_changes')
      .values(
        inserted.flatMap((r) => [
          { entity: 'article' as const, entity_id: r.id, action: 'created' as const, changed_at: now },
          { entity: 'article' as const, entity_id: r.id, action: 'published' as const, changed_at: now },
        ]),
      )
      .execute();
  }
  await sql`ANALYZE`.execute(db);
  return folders.map((f) => f.id);
}

async function benchTarget(kind: DatabaseKind) {
  const deskDb = await freshDatabase<DeskDB>(kind, 10);
  const desk = await buildDeskApp({
    config: {
      ...loadConfig({ DESK_ADMIN_API_KEY: DESK_KEY }).desk,
      dataDir: path.join(os.tmpdir(), `tandem-bench-int-desk-${Date.now()}`),
      rateLimitPerMinute: 100_000_000,
    },
    logger: false,
    database: deskDb,
  });
  const deskUrl = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  const chatDb = await freshDatabase<ChatDB>(kind, 10, CHAT_SCHEMA);
  const chat = await buildChatApp({
    config: {
      ...loadConfig({ CHAT_API_TOKEN: CHAT_TOKEN, CHAT_ADMIN_EMAIL: 'owner@example.com' }).chat,
      dataDir: path.join(os.tmpdir(), `tandem-bench-int-chat-${Date.now()}`),
      rateLimitPerMinute: 100_000_000,
      allowPrivateNetworkUrls: true,
    },
    logger: false,
    database: chatDb,
    worker: { pollIntervalMs: 100 },
  });
  const chatUrl = await chat.app.listen({ host: '127.0.0.1', port: 0 });

  process.stdout.write(`[${kind}] seeding ${ARTICLES} articles in ${FOLDERS} folders...\n`);
  const folderIds = await seed(deskDb);
  // The connection as Chat's connect step stores it (that step is not what is measured).
  const now = new Date();
  await chat.services.db
    .insertInto('helpdesk_connections')
    .values({
      id: 1,
      url: deskUrl,
      api_key_encrypted: await secretBoxOf(chat.services).seal(DESK_KEY),
      created_at: now,
      updated_at: now,
    })
    .execute();

  const headers = { authorization: `Bearer ${CHAT_TOKEN}`, 'content-type': 'application/json' };
  /** One import over HTTP, timed from the POST until GET says done (polled every 50 ms). */
  async function timedImport(body: unknown) {
    const started = performance.now();
    const res = await fetch(`${chatUrl}/v2/integrations/helpdesk/faq-imports`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    let maxDoneWhileRunning = 0;
    for (;;) {
      const poll = (await (
        await fetch(`${chatUrl}/v2/integrations/helpdesk/faq-imports/${id}`, { headers })
      ).json()) as Record<string, unknown> & { state: string; done: number; total: number | null };
      if (poll.state === 'running' && poll.total)
        maxDoneWhileRunning = Math.max(maxDoneWhileRunning, poll.done);
      if (poll.state === 'done' || poll.state === 'failed') {
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `[${kind}] ${seconds.toFixed(2)} s: ${JSON.stringify({ ...poll, selection: undefined, errors: (poll.errors as unknown[]).length })}\n`,
        );
        if (poll.state !== 'done') throw new Error(`import failed: ${JSON.stringify(poll.errors)}`);
        return { seconds, result: poll, maxDoneWhileRunning };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const first = await timedImport({ folder_ids: folderIds });
  const count = await chat.services.db
    .selectFrom('faq_articles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) !== ARTICLES)
    throw new Error(`expected ${ARTICLES} articles in Chat, found ${count.n}`);
  const quiet = await timedImport({});
  // As against a helpdesk without Desk's change feed: forget the feed's position, walk the tree.
  await chat.services.db.updateTable('helpdesk_faq_state').set({ change_cursor: null }).execute();
  const walked = await timedImport({});

  await chat.close();
  await desk.close();
  await chatDb.close();
  await deskDb.close();
  return { first, quiet, walked, load: os.loadavg()[0]! };
}

const rows: string[] = [];
const startLoad = os.loadavg()[0]!;
if (parts.includes('import')) {
  for (const kind of targets) {
    const r = await benchTarget(kind);
    const verdict = (seconds: number, target: number) => (seconds <= target ? 'met' : '**missed**');
    rows.push(
      `| ${today()} | ${kind} | import all (${ARTICLES.toLocaleString('en')} articles, ${FOLDERS} folders) | ${r.first.seconds.toFixed(2)} s | ≤ 20 s | ${verdict(r.first.seconds, 20)} | created ${String(r.first.result.created)}; progress seen up to ${r.first.maxDoneWhileRunning} while running |`,
      `| ${today()} | ${kind} | re-import, nothing changed (change feed quiet) | ${r.quiet.seconds.toFixed(2)} s | ≤ 2 s | ${verdict(r.quiet.seconds, 2)} | unchanged ${String(r.quiet.result.unchanged)} |`,
      `| ${today()} | ${kind} | re-import, nothing changed (whole tree read, as without the feed) | ${r.walked.seconds.toFixed(2)} s | ≤ 2 s | ${verdict(r.walked.seconds, 2)} | unchanged ${String(r.walked.result.unchanged)}; 0 writes |`,
    );
  }
  await record(
    'integration: helpdesk FAQ import',
    [
      `Machine: ${machine()}; load average ${startLoad.toFixed(2)} at start (other work shares the machine). Desk and Chat in one process, each on its own database and 127.0.0.1 port, linked over real HTTP with Desk's admin API key; Chat's job worker polls every 100 ms. Times are from the POST to GET reading \`done\` (polled every 50 ms). Seeding (set-based, straight into Desk's database) is not measured.`,
      '',
      '| date | database | run | time | target | | notes |',
      '|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

if (parts.includes('convert')) {
  const convert = new URL('./run-convert.ts', import.meta.url);
  if (existsSync(convert)) await import(convert.href);
}
