import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * GET /tickets may order by due_by or status; without an index each such page sorts every
 * ticket of the last 30 days (~50 ms at 100k tickets). With one it reads a page off the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE INDEX tickets_due_by_idx ON tickets (due_by DESC, id DESC);
    CREATE INDEX tickets_status_idx ON tickets (status DESC, id DESC);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP INDEX tickets_due_by_idx, tickets_status_idx;`);
}
