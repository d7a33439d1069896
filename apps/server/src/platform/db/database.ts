import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect, type PGliteClient } from './pglite-dialect.js';
import { PGliteThread } from './pglite-thread.js';

// COUNT(*) and other int8 results fit easily in a JS number for this product's sizes.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface Database<DB> {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; without it an embedded PGlite database is used. */
  url?: string | undefined;
  /** Directory for PGlite files; `undefined` keeps PGlite in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /** Told when the server drops an idle pooled connection (logged by the caller). */
  onIdleError?: (error: Error) => void;
  /**
   * Keep this product's tables in their own PostgreSQL schema (created when missing, first on
   * the search path), so two products pointed at one database never share a table.
   */
  schema?: string;
  /**
   * Where embedded PGlite runs: `worker` (a worker thread, so queries never block the event loop
   * and the database gets its own core) or `main` (this thread; cheaper to start, for tests).
   */
  pgliteThread?: 'main' | 'worker';
}

/** Opens the product's database: PostgreSQL when a URL is given, embedded PGlite otherwise. */
export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  if (options.url) {
    if (schema) {
      const client = new pg.Client({ connectionString: options.url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema},public` } : {}),
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next checkout.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
  if (options.pgliteThread === 'worker') {
    const thread = new PGliteThread({ dataDir: options.dataDir, schema });
    try {
      await thread.waitReady;
    } catch (error) {
      await thread.close().catch(() => undefined);
      throw error;
    }
    const db = new Kysely<DB>({ dialect: new PGliteDialect(thread) });
    return { db, kind: 'pglite', close: () => closeEmbedded(db, thread) };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) },
  });
  if (schema)
    await client.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public;`);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', close: () => closeEmbedded(db, client) };
}

/** Kysely closes PGlite only if it was ever queried; a database opened and closed unused is closed here. */
async function closeEmbedded<DB>(db: Kysely<DB>, client: PGliteClient) {
  await db.destroy();
  if (!client.closed) await client.close();
}
