import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * The agent a conversation was assigned to when it was last resolved: CSAT credits that agent,
 * even if the conversation is reassigned before the user rates it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    ALTER TABLE conversations ADD COLUMN resolved_agent_id uuid REFERENCES agents(id) ON DELETE SET NULL;
    CREATE INDEX csat_responses_agent_idx ON csat_responses (agent_id, created_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    DROP INDEX csat_responses_agent_idx;
    ALTER TABLE conversations DROP COLUMN resolved_agent_id;
  `,
  );
}
