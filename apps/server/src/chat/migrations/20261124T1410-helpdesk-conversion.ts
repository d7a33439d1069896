import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/** Field mappings, conversions and conversation↔ticket links (I2, I6, B2). Filled by the conversion module. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `SELECT 1;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `SELECT 1;`);
}
