import { sql, type Kysely } from 'kysely';

/**
 * Runs a DDL script statement by statement: PGlite's extended protocol takes one statement per
 * query. Statements are separated by a semicolon at the end of a line.
 */
export async function execStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
