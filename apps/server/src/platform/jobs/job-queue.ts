import { randomUUID } from 'node:crypto';
import { sql, type QueryExecutorProvider } from 'kysely';

/**
 * A durable job queue on a product's own database. The product's migration creates the `jobs`
 * table (see JOBS_TABLE_SQL); this module knows nothing about what the jobs do. Every query is raw
 * `sql` because the table is not part of any one product's Kysely types and because claiming
 * needs `FOR UPDATE SKIP LOCKED`, which lets several workers poll one table without blocking.
 */

/** The DDL a product's migration runs to create the table this queue uses. */
export const JOBS_TABLE_SQL = `
  CREATE TABLE jobs (
    id uuid PRIMARY KEY,
    queue text NOT NULL,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    run_at timestamptz NOT NULL,
    locked_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX jobs_due_idx ON jobs (status, run_at);
`;

/** A database handle or an open transaction of any product. */
export type JobsDb = QueryExecutorProvider;

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  queue: string;
  payload: unknown;
  status: JobStatus;
  /** Attempts so far, including the one being run. */
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

export interface EnqueueOptions {
  /** Default 6. */
  maxAttempts?: number;
  /** Default now. */
  runAt?: Date;
}

/** Adds a job; pass an open transaction so the job exists only if the transaction commits. */
export async function enqueueJob(db: JobsDb, queue: string, payload: unknown, options: EnqueueOptions = {}) {
  const id = randomUUID();
  const now = new Date();
  await sql`
    INSERT INTO jobs (id, queue, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
    VALUES (${id}, ${queue}, ${JSON.stringify(payload)}::jsonb, 'pending', 0, ${options.maxAttempts ?? 6},
            ${options.runAt ?? now}, ${now}, ${now})
  `.execute(db);
  return id;
}

/**
 * Claims up to `limit` due jobs of the given queues: pending ones whose run_at has come, and
 * running ones whose worker died (locked longer than `staleAfterMs`). Each claim counts an attempt.
 */
export async function claimJobs(
  db: JobsDb,
  queues: readonly string[],
  limit: number,
  staleAfterMs: number,
): Promise<Job[]> {
  if (queues.length === 0) return [];
  const now = new Date();
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  const result = await sql<Job>`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_at = ${now}, updated_at = ${now}
    WHERE id IN (
      SELECT id FROM jobs
      WHERE queue IN (${sql.join(queues)})
        AND ((status = 'pending' AND run_at <= ${now}) OR (status = 'running' AND locked_at < ${staleBefore}))
      ORDER BY run_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, queue, payload, status, attempts, max_attempts, run_at
  `.execute(db);
  return result.rows;
}

/** Marks a claimed job done. */
export async function completeJob(db: JobsDb, id: string) {
  const now = new Date();
  await sql`UPDATE jobs SET status = 'done', locked_at = NULL, last_error = NULL, updated_at = ${now} WHERE id = ${id}`.execute(
    db,
  );
}

/** Records a failed attempt: retried at `retryAt`, or failed for good once its attempts are used up. */
export async function failJob(db: JobsDb, job: Job, error: string, retryAt: Date) {
  const now = new Date();
  const status: JobStatus = job.attempts >= job.max_attempts ? 'failed' : 'pending';
  await sql`
    UPDATE jobs SET status = ${status}, run_at = ${retryAt}, locked_at = NULL, last_error = ${error.slice(0, 2000)},
      updated_at = ${now}
    WHERE id = ${job.id}
  `.execute(db);
  return status;
}

/**
 * Deletes finished jobs: done ones finished before `doneBefore`, failed ones before `failedBefore`
 * (kept longer, for inspection). Returns how many were deleted.
 */
export async function pruneJobs(db: JobsDb, cutoffs: { doneBefore: Date; failedBefore: Date }) {
  const result = await sql`
    DELETE FROM jobs
    WHERE (status = 'done' AND updated_at < ${cutoffs.doneBefore})
       OR (status = 'failed' AND updated_at < ${cutoffs.failedBefore})
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
