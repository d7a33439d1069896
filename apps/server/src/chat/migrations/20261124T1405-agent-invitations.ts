import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/** Agent invitations (B4: agents imported from the helpdesk set their own password). Filled by the helpdesk module. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `SELECT 1;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `SELECT 1;`);
}
