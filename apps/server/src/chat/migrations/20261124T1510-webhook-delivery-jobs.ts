import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Each delivery attempt remembers its queue job, so the delivery log can show when a failed
 * delivery is retried next and how many attempts it has. No foreign key: finished jobs are pruned
 * while the log keeps its entries longer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `ALTER TABLE webhook_deliveries ADD COLUMN job_id uuid;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `ALTER TABLE webhook_deliveries DROP COLUMN job_id;`);
}
