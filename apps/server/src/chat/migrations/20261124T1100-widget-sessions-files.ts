import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Widget sessions (a widget user's bearer token for the /v2/widget routes, SHA-256 at rest like
 * agent sessions) and uploaded files (metadata; the bytes live under DATA_DIR, addressed by
 * `storage_key`; the id is the capability in the download URL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE widget_sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      site_id text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX widget_sessions_user_idx ON widget_sessions (user_id, expires_at);

    CREATE TABLE files (
      id uuid PRIMARY KEY,
      storage_key text NOT NULL,
      name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('image', 'file')),
      uploaded_by_type text NOT NULL CHECK (uploaded_by_type IN ('user', 'agent', 'system')),
      uploaded_by_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE files; DROP TABLE widget_sessions;`);
}
