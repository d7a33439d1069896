import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { execStatements } from '../db/exec-statements.js';
import { freshDatabase, TEST_DATABASE_KINDS } from '../../test/databases.js';
import { claimJobs, createJobWorker, enqueueJob, JOBS_TABLE_SQL, type Job } from './index.js';

describe.each(TEST_DATABASE_KINDS)('durable job queue (%s)', (kind) => {
  let database: Database<unknown>;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    database = await freshDatabase<unknown>(kind, 5, 'jobs_test');
    db = database.db;
    await execStatements(db, JOBS_TABLE_SQL);
  });
  afterAll(async () => database?.close());

  const jobRow = async (id: string) =>
    (
      await sql<{ status: string; attempts: number; run_at: Date; last_error: string | null }>`
        SELECT status, attempts, run_at, last_error FROM jobs WHERE id = ${id}`.execute(db)
    ).rows[0]!;

  it('runs a due job once and marks it done', async () => {
    const seen: unknown[] = [];
    const id = await enqueueJob(db, 'q.ok', { n: 1 });
    const worker = createJobWorker({ db, handlers: { 'q.ok': async (payload) => void seen.push(payload) } });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('does not run a job before its run_at, nor jobs of other queues', async () => {
    const later = await enqueueJob(db, 'q.later', {}, { runAt: new Date(Date.now() + 60_000) });
    await enqueueJob(db, 'q.other', {});
    const worker = createJobWorker({ db, handlers: { 'q.later': async () => undefined } });
    expect(await worker.runOnce()).toBe(0);
    expect((await jobRow(later)).status).toBe('pending');
  });

  it('retries with exponential backoff and fails for good after max attempts', async () => {
    const id = await enqueueJob(db, 'q.fail', {}, { maxAttempts: 2 });
    const attempts: number[] = [];
    const worker = createJobWorker({
      db,
      handlers: {
        'q.fail': async (_payload, job: Job) => {
          attempts.push(job.attempts);
          throw new Error(`boom ${job.attempts}`);
        },
      },
      backoffMs: (n) => n * 60_000,
    });
    const before = Date.now();
    await worker.runOnce();
    const first = await jobRow(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom 1' });
    expect(new Date(first.run_at).getTime()).toBeGreaterThanOrEqual(before + 59_000);
    expect(await worker.runOnce()).toBe(0);
    await sql`UPDATE jobs SET run_at = ${new Date()} WHERE id = ${id}`.execute(db);
    await worker.runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 2, last_error: 'boom 2' });
    expect(attempts).toEqual([1, 2]);
  });

  it('housekeeping prunes done jobs after a day and failed ones after 30 days, never pending ones, and runs product tasks', async () => {
    const ago = (ms: number) => new Date(Date.now() - ms);
    const day = 24 * 3600_000;
    const ids = {
      oldDone: await enqueueJob(db, 'q.keep', {}),
      newDone: await enqueueJob(db, 'q.keep', {}),
      oldFailed: await enqueueJob(db, 'q.keep', {}),
      recentFailed: await enqueueJob(db, 'q.keep', {}),
      oldPending: await enqueueJob(db, 'q.keep', {}),
    };
    const age = async (id: string, status: string, at: Date) =>
      sql`UPDATE jobs SET status = ${status}, updated_at = ${at} WHERE id = ${id}`.execute(db);
    await age(ids.oldDone, 'done', ago(2 * day));
    await age(ids.newDone, 'done', ago(day / 2));
    await age(ids.oldFailed, 'failed', ago(31 * day));
    await age(ids.recentFailed, 'failed', ago(2 * day));
    await age(ids.oldPending, 'pending', ago(90 * day));
    let productTaskRuns = 0;
    const worker = createJobWorker({
      db,
      handlers: {},
      housekeeping: [
        async () => {
          productTaskRuns++;
          throw new Error('a failing task does not stop the others');
        },
        async () => void productTaskRuns++,
      ],
    });
    await worker.runHousekeeping();
    const left = await sql<{
      id: string;
    }>`SELECT id FROM jobs WHERE id IN (${sql.join(Object.values(ids))})`.execute(db);
    expect(new Set(left.rows.map((r) => r.id))).toEqual(
      new Set([ids.newDone, ids.recentFailed, ids.oldPending]),
    );
    expect(productTaskRuns).toBe(2);
    await sql`DELETE FROM jobs WHERE queue = 'q.keep'`.execute(db);
  });

  it('a job enqueued in a rolled-back transaction never exists', async () => {
    let id = '';
    await expect(
      db.transaction().execute(async (trx) => {
        id = await enqueueJob(trx, 'q.tx', {});
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await jobRow(id)).toBeUndefined();
  });

  it('two claimers never take the same job (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 6; i++) await enqueueJob(db, 'q.race', { i });
    const [a, b] = await Promise.all([
      claimJobs(db, ['q.race'], 4, 60_000),
      claimJobs(db, ['q.race'], 4, 60_000),
    ]);
    const ids = [...a, ...b].map((job) => job.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('the poller picks up jobs after start and stops cleanly', async () => {
    const seen: unknown[] = [];
    const worker = createJobWorker({
      db,
      pollIntervalMs: 20,
      handlers: { 'q.poll': async (payload) => void seen.push(payload) },
    });
    worker.start();
    await enqueueJob(db, 'q.poll', { hello: true });
    worker.poke();
    const deadline = Date.now() + 5000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(seen).toEqual([{ hello: true }]);
  });
});
