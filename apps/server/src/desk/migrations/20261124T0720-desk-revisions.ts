import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Revision counters for data that every request reads but that rarely changes (ticket field
 * definitions). Writers bump the counter in their transaction; the auth query reads it, so a
 * process can serve the definitions from memory while the revision it last loaded is current.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE desk_revisions (
      name text PRIMARY KEY,
      revision bigint NOT NULL DEFAULT 0
    );
    INSERT INTO desk_revisions (name, revision) VALUES ('ticket_fields', 0);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE desk_revisions;`);
}
