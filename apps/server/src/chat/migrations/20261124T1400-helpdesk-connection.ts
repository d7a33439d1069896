import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * The helpdesk connection (I1) and the integration's switches (I4, I5, B3, B6): one row for the
 * account. The admin's API key is sealed with AES-256-GCM and never leaves through any API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE helpdesk_connections (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      url text NOT NULL,
      api_key_encrypted text NOT NULL,
      -- Who the key belongs to, as the last Authenticate found it: {id, name, email, roles, ticket_scope, occasional}.
      key_owner jsonb,
      verified_at timestamptz,
      conversion_mandatory boolean NOT NULL DEFAULT false,
      no_csat_for_converted boolean NOT NULL DEFAULT false,
      live_faq_sync boolean NOT NULL DEFAULT false,
      ticket_replies_to_chat boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `DROP TABLE helpdesk_connections;`);
}
