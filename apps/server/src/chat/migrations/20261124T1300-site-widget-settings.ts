import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Per-site widget settings (pre-chat form, greeting, colour, launcher side), admin-managed
 * through the sites API and validated there (decisions/0011). `prechat_form` goes: nothing ever
 * wrote it, and the pre-chat form is now part of `widget_settings`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    ALTER TABLE sites ADD COLUMN widget_settings jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE sites DROP COLUMN prechat_form;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    ALTER TABLE sites ADD COLUMN prechat_form jsonb;
    ALTER TABLE sites DROP COLUMN widget_settings;
  `,
  );
}
