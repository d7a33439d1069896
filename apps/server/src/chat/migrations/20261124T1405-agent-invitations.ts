import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Agent invitations (B4): an agent imported from the helpdesk has no password yet and sets one
 * through a single-use link. Only the SHA-256 of the token is stored; it expires after 7 days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE agent_invitations (
      id uuid PRIMARY KEY,
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agent_invitations_agent_id ON agent_invitations (agent_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE agent_invitations;`);
}
