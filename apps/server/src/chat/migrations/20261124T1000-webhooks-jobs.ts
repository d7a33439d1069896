import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';
import { JOBS_TABLE_SQL } from '../../platform/jobs/index.js';

/**
 * The durable job queue (platform/jobs) and outgoing webhooks: admin-registered URLs, their
 * sealed signing secrets, and a log of every delivery attempt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, JOBS_TABLE_SQL);
  await execStatements(
    db,
    `
    CREATE TABLE webhooks (
      id uuid PRIMARY KEY,
      url text NOT NULL,
      events text[] NOT NULL,
      secret_encrypted text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      event text NOT NULL,
      status_code integer,
      error text,
      attempt integer NOT NULL,
      duration_ms integer NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    DROP TABLE webhook_deliveries;
    DROP TABLE webhooks;
    DROP TABLE jobs;
  `,
  );
}
