import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { ThreadReply, ThreadRequest, WorkerOptions } from './pglite-thread.js';

/**
 * The worker-thread side of PGliteThread: owns the embedded database and answers one request at
 * a time, so the WASM PostgreSQL never runs on the server's event-loop thread.
 */
const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread');
const options = workerData as WorkerOptions;

/** The database error's fields (code, constraint, detail...) as plain data that survives the copy. */
function plainError(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { message: error.message, name: error.name };
  for (const [key, value] of Object.entries(error))
    if (value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  return fields;
}

const reply = (message: ThreadReply) => port.postMessage(message);

try {
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) },
  });
  if (options.schema)
    await client.exec(
      `CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}, public;`,
    );
  port.on('message', async (request: ThreadRequest) => {
    try {
      if (request.kind === 'query') {
        const result = await client.query(request.sql, request.params);
        reply({ id: request.id, rows: result.rows, affectedRows: result.affectedRows });
      } else {
        await client.close();
        reply({ id: request.id, rows: [] });
        port.close();
      }
    } catch (error) {
      reply({ id: request.id, error: plainError(error) });
    }
  });
  reply({ id: 0, rows: [] });
} catch (error) {
  reply({ id: 0, error: plainError(error) });
}
