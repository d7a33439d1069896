import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** What the dialect needs of PGlite: PGlite itself (in this thread) or PGliteThread (a worker). */
export interface PGliteClient {
  readonly waitReady: Promise<void>;
  readonly closed: boolean;
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number | undefined }>;
  close(): Promise<void>;
}

/**
 * Kysely dialect for embedded PGlite. PGlite is one in-process connection, so connections are
 * handed out one at a time: a transaction holds the connection until it commits or rolls back,
 * and other queries wait in line instead of interleaving with it.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGliteClient) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;
  constructor(private readonly client: PGliteClient) {
    this.connection = new PGliteConnection(client);
  }
  async init() {
    await this.client.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = release;
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection) {
    (conn as PGliteConnection).release();
  }
  async destroy() {
    await this.queue;
    if (!this.client.closed) await this.client.close();
  }
}

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
/** The most time queries run back to back before the event loop gets a turn. */
const YIELD_EVERY_MS = 5;

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  constructor(private readonly client: PGliteClient) {}
  /** When the event loop last got a turn (as far as this connection saw). */
  private sliceStart = performance.now();
  private turnWatched = false;
  /** Resets the slice when the loop next reaches its check phase, however it gets there. */
  private noteLoopTurn() {
    if (this.turnWatched) return;
    this.turnWatched = true;
    setImmediate(() => {
      this.turnWatched = false;
      this.sliceStart = performance.now();
    });
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // PGlite runs each query synchronously on this thread, and the queue hands the connection on
    // in microtasks, so a backlog of queries would starve the event loop (heartbeats missed,
    // sockets dropped). Once a slice of queries has run without a macrotask, yield one so socket
    // I/O and timers run; yielding before every query instead costs a loop turn per query.
    this.noteLoopTurn();
    if (performance.now() - this.sliceStart >= YIELD_EVERY_MS) await nextMacrotask();
    const result = await this.client.query<R>(compiled.sql, compiled.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on embedded PGlite');
  }
}
