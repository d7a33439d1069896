import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Agent sign-in sessions of the Desk agent UI (/a): the token is kept hashed, with the CSRF token
 * the UI echoes in `X-CSRF-Token` and an expiry. Deleting the agent's contact ends its sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE agent_sessions (
      token_hash text PRIMARY KEY,
      agent_id integer NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agent_sessions_agent_idx ON agent_sessions (agent_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE agent_sessions;`);
}
