import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/** FAQ import state and progress (I3, B3). Filled by the FAQ import module. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `SELECT 1;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `SELECT 1;`);
}
