/**
 * Counts the SQL statements the Chat server runs, by kind, for the bench's "what limits it":
 * wraps `query` of the pg client, of PGlite and of PGlite in a worker thread (the drivers under
 * Kysely) in this process.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PGliteThread } from '../../apps/server/src/platform/db/pglite-thread.js';

const counts = new Map<string, number>();
// Kysely compiles the same few statements over and over: classify each text once.
const kinds = new Map<string, string>();

/** `select messages(client_message_id)`, `update conversations`, `begin`, ... */
export function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim().toLowerCase();
  const verb = text.split(' ', 1)[0] ?? '';
  const tables = [...text.matchAll(/(?:from|into|update|join) "?(?:\w+"?\.)?"?([a-z_]+)"?/g)].map(
    (m) => m[1],
  );
  const where = verb === 'select' ? /where \(?"?(?:\w+"?\.)?"?([a-z_]+)"?/.exec(text)?.[1] : undefined;
  return `${verb} ${[...new Set(tables)].join(',')}${where ? ` (${where})` : ''}`.trim();
}

function wrap(target: { query: (...args: never[]) => unknown }) {
  const original = target.query;
  target.query = function (this: unknown, ...args: never[]) {
    const first = args[0] as unknown;
    const sql = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    let kind = kinds.get(sql);
    if (kind === undefined) kinds.set(sql, (kind = statementKind(sql)));
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return original.apply(this, args);
  } as typeof original;
}

export function countStatements() {
  wrap(pg.Client.prototype as never);
  wrap(PGlite.prototype as never);
  wrap(PGliteThread.prototype as never);
}

/** The counts since the previous call. */
export function takeStatementCounts(): Record<string, number> {
  const result = Object.fromEntries(counts);
  counts.clear();
  return result;
}
