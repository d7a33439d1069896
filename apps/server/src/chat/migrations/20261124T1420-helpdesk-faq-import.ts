import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * FAQ import from the helpdesk (I3) and live sync (B3): the saved selection and sync cursor (one
 * row), each import run with its progress, and what each imported article and folder looked like
 * when last written, so a re-import of something unchanged writes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE helpdesk_faq_state (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      -- Helpdesk folder and article ids (strings) the admin picked.
      folder_ids jsonb NOT NULL DEFAULT '[]',
      article_ids jsonb NOT NULL DEFAULT '[]',
      preserve_category_text boolean NOT NULL DEFAULT false,
      -- The helpdesk's change feed position after the last complete run: {since, seen[]} or null.
      change_cursor jsonb,
      -- How often live sync looks at the helpdesk (B3 promises changes within 60 s).
      sync_interval_seconds integer NOT NULL DEFAULT 20 CHECK (sync_interval_seconds BETWEEN 1 AND 30),
      last_sync_at timestamptz,
      last_sync_result jsonb,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE helpdesk_faq_imports (
      id uuid PRIMARY KEY,
      state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
      folder_ids jsonb NOT NULL,
      article_ids jsonb NOT NULL,
      preserve_category_text boolean NOT NULL,
      -- Who started it: {kind, id, role}; the import writes the FAQ as them.
      actor jsonb NOT NULL,
      done integer NOT NULL DEFAULT 0,
      total integer,
      created integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      unchanged integer NOT NULL DEFAULT 0,
      removed integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      started_at timestamptz,
      finished_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX helpdesk_faq_imports_state_idx ON helpdesk_faq_imports (state);

    -- One row per imported helpdesk article: a hash of the helpdesk's content last written to
    -- Chat, and the Chat article's updated_at after that write (a later Chat-side edit differs).
    CREATE TABLE helpdesk_faq_articles (
      article_id text PRIMARY KEY,
      folder_id text NOT NULL,
      content_hash text NOT NULL,
      chat_updated_at timestamptz NOT NULL,
      imported_at timestamptz NOT NULL
    );

    -- One row per imported helpdesk folder, likewise for its Chat category.
    CREATE TABLE helpdesk_faq_folders (
      folder_id text PRIMARY KEY,
      content_hash text NOT NULL,
      chat_updated_at timestamptz NOT NULL,
      imported_at timestamptz NOT NULL
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `DROP TABLE helpdesk_faq_folders; DROP TABLE helpdesk_faq_articles; DROP TABLE helpdesk_faq_imports; DROP TABLE helpdesk_faq_state;`,
  );
}
