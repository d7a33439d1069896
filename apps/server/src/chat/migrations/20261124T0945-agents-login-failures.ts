import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/** Failed inbox logins per email, to throttle password guessing (5 per email per 15 minutes). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE agent_login_failures (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- Lower-cased, and for any email tried, known agent or not, so the throttle reveals nothing.
      email text NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agent_login_failures_email_idx ON agent_login_failures (email, failed_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE agent_login_failures;`);
}
