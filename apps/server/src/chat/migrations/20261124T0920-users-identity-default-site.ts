import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Users module: the `default` site every widget without a site id lands in, and the account's
 * identity verification switch with its signing secret (AES-256-GCM sealed, see secret-box.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    INSERT INTO sites (id, name) VALUES ('default', 'Default site') ON CONFLICT (id) DO NOTHING;

    ALTER TABLE accounts ADD COLUMN identity_verification boolean NOT NULL DEFAULT false;
    ALTER TABLE accounts ADD COLUMN identity_secret_encrypted text;

    CREATE INDEX users_site_created_idx ON users (site_id, created_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    DROP INDEX users_site_created_idx;
    ALTER TABLE accounts DROP COLUMN identity_secret_encrypted;
    ALTER TABLE accounts DROP COLUMN identity_verification;
  `,
  );
}
