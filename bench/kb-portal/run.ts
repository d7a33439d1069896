/**
 * bench/kb-portal: a portal with 10,000 published articles in 200 folders. Measures the portal
 * search page and the article page, next to a bare Fastify baseline doing the core query of each
 * (one full-text SELECT; one SELECT by id) on the same database.
 *
 *   npm run bench:kb            # PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, and PGlite
 *
 * Targets (PostgreSQL): search p95 ≤ 50 ms, article page p95 ≤ 20 ms. autocannon reports p97.5,
 * not p95; the table shows p97.5, which is stricter.
 */
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.js';
import type { DeskDB } from '../../apps/server/src/desk/db.js';
import { buildDeskApp } from '../../apps/server/src/desk/index.js';
import { articleSearchVector } from '../../apps/server/src/desk/kb-search/index.js';
import type { Database } from '../../apps/server/src/platform/db/database.js';
import { freshDatabase, type DatabaseKind } from '../../apps/server/src/test/databases.js';
import { failures, load, machine, record, today, type Figures } from '../lib/harness.js';

const KEY = 'bench-admin-api-key-0123456789';
const auth = `Basic ${Buffer.from(`${KEY}:X`).toString('base64')}`;
const duration = Number(process.env.BENCH_DURATION ?? 10);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const targets = (process.env.BENCH_TARGETS ?? (serverUrl ? 'postgres,pglite' : 'pglite')).split(
  ',',
) as DatabaseKind[];
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;

const FOLDERS = 200;
const ARTICLES = 10_000;
const EN = ['ticket', 'chat', 'widget', 'password', 'login', 'invoice', 'refund', 'agent', 'portal', 'email'];
const JA = [
  'チケット',
  'チャット',
  '変換',
  'パスワード',
  'ログイン',
  '請求書',
  '返金',
  'ポータル',
  '連携',
  '設定',
];
const TERMS = [...EN, ...JA, 'reset password', 'チャットをチケット'];

/** Loads the knowledge base with set-based inserts (seeding is not what is measured). */
async function seed(database: Database<DeskDB>) {
  const db = database.db;
  const category = await db
    .insertInto('solution_categories')
    .values({ name: 'Help', description: 'Everything', created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const folders = await db
    .insertInto('solution_folders')
    .values(
      Array.from({ length: FOLDERS }, (_, i) => ({
        category_id: category.id,
        name: `Folder ${i + 1}`,
        visibility: 1,
        created_at: new Date(),
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  const ids: number[] = [];
  for (let start = 0; start < ARTICLES; start += 500) {
    const rows = Array.from({ length: Math.min(500, ARTICLES - start) }, (_, k) => {
      const n = start + k;
      const en = EN[n % EN.length]!;
      const ja = JA[(n * 7) % JA.length]!;
      const title = n % 2 ? `How to ${en} number ${n}` : `${ja}の使い方 ${n}`;
      const text = `This article explains the ${en} feature and ${EN[(n + 3) % EN.length]} settings. ${ja}を${JA[(n + 1) % JA.length]}する方法を説明します。 Article ${n}.`;
      return {
        folder_id: folders[n % FOLDERS]!.id,
        title,
        description: `<p>${text}</p>`,
        description_text: text,
        status: 2,
        tags: [en],
        seo_data: '{}',
        search_vector: articleSearchVector({ title, description_text: text, tags: [en] }),
        created_at: new Date(),
        updated_at: new Date(),
      };
    });
    const inserted = await db.insertInto('solution_articles').values(rows).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  await sql`ANALYZE`.execute(db);
  return { categoryId: category.id, articleIds: ids };
}

async function baseline(database: Database<DeskDB>) {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/article/:id', async (request) => {
    const { rows } = await sql`SELECT id, title, description, folder_id, updated_at FROM solution_articles
      WHERE id = ${Number(request.params.id)} AND status = 2 AND deleted_at IS NULL`.execute(database.db);
    return rows[0];
  });
  app.get<{ Querystring: { term: string } }>('/search', async (request) => {
    const { rows } = await sql`SELECT id, title FROM solution_articles
      WHERE search_vector @@ plainto_tsquery('simple', ${request.query.term}) AND status = 2 AND deleted_at IS NULL
      ORDER BY ts_rank(search_vector, plainto_tsquery('simple', ${request.query.term})) DESC LIMIT 30`.execute(
      database.db,
    );
    return rows;
  });
  return { app, address: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

async function benchTarget(kind: DatabaseKind) {
  const database = await freshDatabase<DeskDB>(kind, 10);
  const config = {
    ...loadConfig({ DESK_ADMIN_API_KEY: KEY }).desk,
    dataDir: path.join(os.tmpdir(), `tandem-bench-kb-${Date.now()}`),
    rateLimitPerMinute: 100_000_000,
  };
  const desk = await buildDeskApp({ config, logger: false, database });
  const address = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`[${kind}] seeding ${ARTICLES} articles in ${FOLDERS} folders...\n`);
  const { categoryId, articleIds } = await seed(database);
  const portal = await desk.app.inject({
    method: 'POST',
    url: '/api/v2/portals',
    headers: { authorization: auth, 'content-type': 'application/json' },
    payload: { name: 'Bench help center', category_ids: [categoryId] },
  });
  if (portal.statusCode !== 201) throw new Error(`portal setup failed: ${portal.statusCode} ${portal.body}`);
  const base = await baseline(database);

  const sample = (n: number) =>
    Array.from({ length: n }, (_, i) => articleIds[(i * 37) % articleIds.length]!);
  const articlePaths = sample(500);
  const encoded = TERMS.map((t) => encodeURIComponent(t));
  const results: Record<string, Figures> = {};
  const spec = (url: string, paths: string[]) => ({
    url,
    method: 'GET',
    connections: 8,
    duration,
    headers: {},
    paths,
  });
  results.baseArticle = await load(
    spec(
      base.address,
      articlePaths.map((id) => `/article/${id}`),
    ),
  );
  results.article = await load(
    spec(
      address,
      articlePaths.map((id) => `/support/solutions/articles/${id}`),
    ),
  );
  results.baseSearch = await load(
    spec(
      base.address,
      encoded.map((t) => `/search?term=${t}`),
    ),
  );
  results.search = await load(
    spec(
      address,
      encoded.map((t) => `/support/search?term=${t}`),
    ),
  );
  await base.app.close();
  await desk.close();
  await database.close();
  return results;
}

const rows: string[] = [];
for (const kind of targets) {
  const r = await benchTarget(kind);
  const line = (name: string, f: Figures, b: Figures, baseName: string) =>
    `| ${today()} | ${kind} | ${name} | ${f.rps.toFixed(0)}/s | ${f.p50} / ${f.p97_5} / ${f.p99} ms | ${baseName}: ${b.rps.toFixed(0)}/s, p97.5 ${b.p97_5} ms | ${(f.rps / b.rps).toFixed(2)}× | ${failures(f)} |`;
  rows.push(
    line('portal article page', r.article!, r.baseArticle!, 'SELECT by id'),
    line('portal search page (EN + JA terms)', r.search!, r.baseSearch!, 'full-text SELECT LIMIT 30'),
  );
}
await record(
  'kb-portal',
  [
    `Machine: ${machine()}. ${ARTICLES.toLocaleString('en')} published articles in ${FOLDERS} folders; ${duration} s per run, 8 connections; autocannon in a separate process. p97.5 stands in for p95 (stricter).`,
    '',
    '| date | database | page | throughput | p50 / p97.5 / p99 | baseline (same run) | ratio | errors |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
