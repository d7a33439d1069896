import type { FastifyBaseLogger } from 'fastify';
import { claimJobs, completeJob, failJob, pruneJobs, type Job, type JobsDb } from './job-queue.js';

/** Runs one job; throwing (or rejecting) means the attempt failed and the job is retried later. */
export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

export interface JobWorkerOptions {
  db: JobsDb;
  /** A handler per queue name; only these queues are claimed. */
  handlers: Record<string, JobHandler>;
  log?: () => FastifyBaseLogger | undefined;
  /** How often to look for due jobs; default 1000 ms. */
  pollIntervalMs?: number;
  /** Jobs claimed per poll (run concurrently); default 10. */
  batchSize?: number;
  /** Delay before the retry after failed attempt n (1-based); default 10 s × 2^(n-1). */
  backoffMs?: (attempt: number) => number;
  /** A running job locked longer than this is taken to be orphaned by a dead worker; default 5 min. */
  staleAfterMs?: number;
  /** How long finished jobs are kept: done ones default 1 day, failed ones default 30 days. */
  retention?: { doneMs: number; failedMs: number };
  /** Other periodic cleanup the product wants (e.g. pruning delivery logs), run with the job pruning. */
  housekeeping?: (() => Promise<unknown>)[];
  /** How often housekeeping runs (first run one interval after start); default 1 h. */
  housekeepingEveryMs?: number;
}

export interface JobWorker {
  start(): void;
  /** Looks for due jobs now instead of at the next tick (e.g. right after a commit enqueued one). */
  poke(): void;
  /** Claims and runs due jobs once; resolves when they finished. */
  runOnce(): Promise<number>;
  /** Prunes finished jobs and runs the product's housekeeping once; failures are logged. */
  runHousekeeping(): Promise<void>;
  /** Stops polling and waits for the jobs in flight. */
  stop(): Promise<void>;
}

/** The default backoff: 10 s, 20 s, 40 s, ... */
export const exponentialBackoff =
  (baseMs = 10_000) =>
  (attempt: number) =>
    baseMs * 2 ** Math.max(0, attempt - 1);

/** A poller over the jobs table; the product starts it when its role includes `worker`. */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const backoffMs = options.backoffMs ?? exponentialBackoff();
  const staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
  const queues = Object.keys(options.handlers);
  const retention = options.retention ?? { doneMs: 24 * 3600_000, failedMs: 30 * 24 * 3600_000 };
  let timer: NodeJS.Timeout | undefined;
  let housekeepingTimer: NodeJS.Timeout | undefined;
  let housekeepingRun: Promise<void> = Promise.resolve();
  let running = false;
  let stopped = true;
  let again = false;
  let current: Promise<unknown> = Promise.resolve();

  async function runJob(job: Job) {
    const handler = options.handlers[job.queue]!;
    try {
      await handler(job.payload, job);
      await completeJob(options.db, job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const status = await failJob(options.db, job, message, new Date(Date.now() + backoffMs(job.attempts)));
      options
        .log?.()
        ?.warn({ job: job.id, queue: job.queue, attempt: job.attempts, status, err: error }, 'job failed');
    }
  }

  async function runOnce() {
    const jobs = await claimJobs(options.db, queues, batchSize, staleAfterMs);
    await Promise.all(jobs.map(runJob));
    return jobs.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }

  function tick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    current = runOnce()
      .catch((error: unknown) => options.log?.()?.error({ err: error }, 'job poll failed'))
      .then((count) => {
        running = false;
        // A full batch or a poke while busy: more may be due, so look again at once.
        schedule(again || count === batchSize ? 0 : pollIntervalMs);
      });
  }

  async function runHousekeeping() {
    const now = Date.now();
    const tasks = [
      () =>
        pruneJobs(options.db, {
          doneBefore: new Date(now - retention.doneMs),
          failedBefore: new Date(now - retention.failedMs),
        }),
      ...(options.housekeeping ?? []),
    ];
    for (const task of tasks) {
      await task().catch((error: unknown) =>
        options.log?.()?.error({ err: error }, 'job housekeeping failed'),
      );
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
      housekeepingTimer = setInterval(() => {
        housekeepingRun = runHousekeeping();
      }, options.housekeepingEveryMs ?? 3600_000);
      housekeepingTimer.unref();
    },
    poke() {
      if (running) again = true;
      else schedule(0);
    },
    runOnce,
    runHousekeeping,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(housekeepingTimer);
      await Promise.all([current, housekeepingRun]);
    },
  };
}
