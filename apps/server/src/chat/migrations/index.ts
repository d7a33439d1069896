import type { Migration } from 'kysely';
import * as core from './20261124T0900-chat-core.js';
import * as domain from './20261124T0910-chat-domain.js';

/** Chat's migrations in order. Landed migrations are frozen: add a new file, never edit one. */
export const chatMigrations: Record<string, Migration> = {
  '20261124T0900-chat-core': core,
  '20261124T0910-chat-domain': domain,
};
