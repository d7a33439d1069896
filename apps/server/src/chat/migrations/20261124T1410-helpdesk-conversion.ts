import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Field mappings (I2), conversions (I6, B2) and the conversation → ticket link. A conversation
 * holds at most one ticket link; its conversion row (one per conversation, the primary key) is
 * what concurrent converts and the queued retry serialize on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    ALTER TABLE conversations ADD COLUMN ticket_id bigint;
    ALTER TABLE conversations ADD COLUMN ticket_url text;

    CREATE TABLE helpdesk_field_mappings (
      ticket_field text PRIMARY KEY,
      attribute text NOT NULL,
      fixed_value jsonb,
      show_field boolean NOT NULL DEFAULT false,
      -- The helpdesk field as it was when the mapping was saved (mapping health compares it).
      field_type text NOT NULL,
      field_label text NOT NULL,
      position integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE helpdesk_conversions (
      conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
      state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
      -- The agent's last request ({mode, ticket_id, fields, resolve}): kept so nothing typed is lost.
      input jsonb NOT NULL,
      requested_by jsonb NOT NULL,
      error jsonb,
      ticket_id bigint,
      ticket_url text,
      run_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    DROP TABLE helpdesk_conversions;
    DROP TABLE helpdesk_field_mappings;
    ALTER TABLE conversations DROP COLUMN ticket_url;
    ALTER TABLE conversations DROP COLUMN ticket_id;
  `,
  );
}
