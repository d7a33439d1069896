import { Worker } from 'node:worker_threads';
import type { PGliteClient } from './pglite-dialect.js';

/** How the worker opens its database (validated by openDatabase). */
export interface WorkerOptions {
  dataDir?: string | undefined;
  schema?: string | undefined;
}

/** What the main thread asks; sent with an `id` the reply carries back. */
export type ThreadCall = { kind: 'query'; sql: string; params: unknown[] } | { kind: 'close' };
export type ThreadRequest = ThreadCall & { id: number };

export type ThreadReply =
  | { id: number; rows: unknown[]; affectedRows?: number | undefined }
  | { id: number; error: Record<string, unknown> };

/**
 * The worker next to this file. Built, it is pglite-worker.js. From source (tests, tsx) it is the
 * .ts file, which a worker can only load after registering tsx's loader in its own thread.
 */
function startWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: options });
  const source = new URL('./pglite-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData: options });
}

/**
 * Embedded PGlite in a worker thread. PGlite runs its WASM PostgreSQL synchronously on the thread
 * that owns it; here that is a worker, so the server's event loop keeps serving sockets and HTTP
 * while a query runs, and the two use two cores. Requests go one at a time (the dialect hands the
 * one connection out in turn); rows come back by structured clone (Dates and JSON intact), and
 * database errors keep their fields (code, constraint, detail) for the callers that read them.
 */
export class PGliteThread implements PGliteClient {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve(reply: ThreadReply): void; reject(error: Error): void }
  >();
  private nextId = 1;
  private stopped: Error | undefined;
  closed = false;
  readonly waitReady: Promise<void>;

  constructor(options: WorkerOptions) {
    this.worker = startWorker(options);
    this.waitReady = new Promise((resolve, reject) => {
      this.waiting.set(0, {
        resolve: (reply) => ('error' in reply ? reject(asError(reply.error)) : resolve()),
        reject,
      });
    });
    this.worker.on('message', (reply: ThreadReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply);
    });
    const stop = (error: Error) => {
      this.stopped ??= error;
      this.closed = true;
      for (const waiter of this.waiting.values()) waiter.reject(this.stopped);
      this.waiting.clear();
    };
    this.worker.on('error', (error) => stop(error));
    this.worker.on('exit', (code) => stop(new Error(`the database worker stopped (exit code ${code})`)));
  }

  private send(call: ThreadCall): Promise<ThreadReply> {
    // Closed covers stopped too: a worker that stopped on its own is closed with its reason.
    if (this.closed) return Promise.reject(this.stopped ?? new Error('the database is closed'));
    const id = this.nextId++;
    const request: ThreadRequest = { ...call, id };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async query<R>(
    sql: string,
    params: unknown[] = [],
  ): Promise<{ rows: R[]; affectedRows?: number | undefined }> {
    const reply = await this.send({ kind: 'query', sql, params });
    if ('error' in reply) throw asError(reply.error);
    return { rows: reply.rows as R[], affectedRows: reply.affectedRows };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.send({ kind: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }
}

/** A database error as the caller would have got it in-thread: message plus code, constraint... */
function asError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'database error')), fields);
}
