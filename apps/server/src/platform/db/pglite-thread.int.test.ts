import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type Generated } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';

interface TestDB {
  notes: { id: Generated<number>; body: unknown; at: Date; big: number; label: string };
}

/** How often a 2 ms timer fired while `work` ran: the event loop's freedom during a query. */
async function timerTicksDuring(work: () => Promise<unknown>) {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

const heavyQuery = (db: Database<TestDB>['db']) =>
  sql`SELECT count(*) AS n FROM generate_series(1, 1000000) AS g(i) WHERE i % 7 = 0`.execute(db);

/**
 * Embedded PGlite in a worker thread (pglite-thread.ts), through the same Kysely dialect as the
 * in-thread database: results, errors and transactions as before, the data directory kept, and
 * the event loop free while a query runs.
 */
// A worker thread starts PGlite (and, from source, tsx) on its own: slow on a loaded machine.
describe('PGlite in a worker thread', { timeout: 120_000 }, () => {
  const opened: Database<TestDB>[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close();
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });
  const open = async (options: { dataDir?: string; thread: 'main' | 'worker' }) => {
    const database = await openDatabase<TestDB>({
      dataDir: options.dataDir,
      pgliteThread: options.thread,
      schema: 'app',
    });
    opened.push(database);
    return database;
  };

  it('answers with the same values as in-thread PGlite: Dates, jsonb, int8 as numbers, affected rows', async () => {
    const { db } = await open({ thread: 'worker' });
    await sql`CREATE TABLE notes (id serial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL,
      big bigint NOT NULL, label text UNIQUE)`.execute(db);
    const at = new Date('2026-11-24T10:00:00.123Z');
    const row = await db
      .insertInto('notes')
      .values({ body: JSON.stringify({ a: [1, 'two'] }), at, big: 9_000_000_000, label: 'one' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, body: { a: [1, 'two'] }, at, big: 9_000_000_000, label: 'one' });
    expect(row.at).toBeInstanceOf(Date);
    const updated = await db
      .updateTable('notes')
      .set({ label: 'uno' })
      .where('id', '=', 1)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    // The search path set in the worker holds: the table lives in the product's schema.
    const where = await sql<{
      schemaname: string;
    }>`SELECT schemaname FROM pg_tables WHERE tablename = 'notes'`.execute(db);
    expect(where.rows).toEqual([{ schemaname: 'app' }]);
  });

  it('keeps a database error’s code and constraint; transactions commit and roll back', async () => {
    const { db } = await open({ thread: 'worker' });
    await sql`CREATE TABLE notes (id serial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL,
      big bigint NOT NULL, label text CONSTRAINT notes_label_key UNIQUE)`.execute(db);
    const note = (label: string) => ({ body: '{}', at: new Date(), big: 1, label });
    await db.insertInto('notes').values(note('x')).execute();
    const clash = await db
      .insertInto('notes')
      .values(note('x'))
      .execute()
      .catch((error: unknown) => error);
    expect(clash).toBeInstanceOf(Error);
    expect(clash).toMatchObject({ code: '23505', constraint: 'notes_label_key' });

    await db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values(note('kept')).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values(note('undone')).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const labels = await db.selectFrom('notes').select('label').orderBy('id').execute();
    expect(labels.map((r) => r.label)).toEqual(['x', 'kept']);
    // Concurrent callers are served in turn, none lost.
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db
          .insertInto('notes')
          .values(note(`c${i}`))
          .returning('id')
          .executeTakeFirstOrThrow(),
      ),
    );
    expect(new Set(counts.map((r) => r.id)).size).toBe(40);
  });

  it('keeps its data directory: closed and opened again, the rows are there', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-pglite-thread-'));
    dirs.push(dir);
    const first = await openDatabase<TestDB>({ dataDir: dir, pgliteThread: 'worker' });
    await sql`CREATE TABLE notes (id serial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL,
      big bigint NOT NULL, label text)`.execute(first.db);
    await first.db
      .insertInto('notes')
      .values({ body: '[]', at: new Date(), big: 2, label: 'persisted' })
      .execute();
    await first.close();
    const second = await open({ dataDir: dir, thread: 'worker' });
    const rows = await second.db.selectFrom('notes').select('label').execute();
    expect(rows).toEqual([{ label: 'persisted' }]);
  });

  it('leaves the event loop free while a query runs (in-thread PGlite blocks it)', async () => {
    const worker = await open({ thread: 'worker' });
    const main = await open({ thread: 'main' });
    await heavyQuery(worker.db); // warm both
    await heavyQuery(main.db);
    const start = performance.now();
    const inThread = await timerTicksDuring(() => heavyQuery(main.db));
    const inThreadMs = performance.now() - start;
    const inWorker = await timerTicksDuring(() => heavyQuery(worker.db));
    // The query takes tens of ms; in-thread the timer cannot fire until it ends.
    expect(inThreadMs).toBeGreaterThan(10);
    expect(inThread).toBeLessThanOrEqual(1);
    expect(inWorker).toBeGreaterThanOrEqual(3);
  });

  it('closing stops the worker, even when the database was never queried; later queries fail', async () => {
    const database = await openDatabase<TestDB>({ pgliteThread: 'worker' });
    await database.close();
    await expect(sql`SELECT 1`.execute(database.db)).rejects.toThrow(/closed|stopped/);
  });
});
