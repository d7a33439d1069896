import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/database.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (.ci/run sets it). */
export const TEST_DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A new, empty database on the TEST_DATABASE_URL server: its URL, and how to drop it again. */
export async function freshPostgresUrl(prefix = 'tandem_test') {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * A fresh, empty database for one test suite: in-memory PGlite, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL, dropped again on close.
 */
export async function freshDatabase<DB>(
  kind: DatabaseKind,
  poolSize = 5,
  schema?: string,
): Promise<Database<DB>> {
  if (kind === 'pglite') return openDatabase<DB>({ schema });
  const fresh = await freshPostgresUrl();
  const database = await openDatabase<DB>({ url: fresh.url, poolSize, schema });
  return {
    ...database,
    async close() {
      await database.close();
      await fresh.drop();
    },
  };
}
