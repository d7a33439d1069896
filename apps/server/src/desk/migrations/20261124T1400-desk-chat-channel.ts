import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * The chat channel (Admin > Channels > Chat): one row saying whether portals carry Chat's widget,
 * which Chat (URL, app id, public widget token) and, sealed with AES-256-GCM, the identity
 * secret that signs contacts' external ids and the Chat API token that manages portal sites.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE chat_channel (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      enabled boolean NOT NULL DEFAULT false,
      chat_url text,
      app_id text,
      widget_token text,
      identity_secret_sealed text,
      api_token_sealed text,
      verified_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE chat_channel;`);
}
