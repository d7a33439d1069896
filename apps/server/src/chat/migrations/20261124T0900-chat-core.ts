import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Chat's account (app id, widget token), its agents and API tokens, and the rate-limit windows.
 * Chat's tables live in the `chat` schema of its own database (see openDatabase).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      app_id uuid NOT NULL UNIQUE,
      widget_token text NOT NULL UNIQUE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE agents (
      id uuid PRIMARY KEY,
      email text NOT NULL,
      first_name text NOT NULL,
      last_name text,
      password_hash text,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
      availability text NOT NULL DEFAULT 'away' CHECK (availability IN ('available', 'away')),
      max_concurrent_chats integer NOT NULL DEFAULT 5,
      avatar_url text,
      is_deactivated boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX agents_email_key ON agents (lower(email));

    -- Bearer tokens for the REST API, stored as SHA-256 hashes; revoked tokens stay for the audit trail.
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      last_used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE rate_limit_windows (
      bucket text NOT NULL,
      window_start bigint NOT NULL,
      used integer NOT NULL,
      PRIMARY KEY (bucket, window_start)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE rate_limit_windows, api_tokens, agents, accounts;`);
}
