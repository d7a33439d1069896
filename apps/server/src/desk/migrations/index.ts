import type { Migration } from 'kysely';
import * as core from './20261124T0600-desk-core.js';
import * as defaults from './20261124T0601-desk-defaults.js';
import * as ticketListOrderIndexes from './20261124T0710-tickets-list-order-indexes.js';
import * as revisions from './20261124T0720-desk-revisions.js';
import * as solutionsPortals from './20261124T0800-desk-solutions-portals.js';
import * as portalAuthSignInFailures from './20261124T0820-portal-auth-sign-in-failures.js';
import * as kbSearchTitleVector from './20261124T0830-kb-search-title-vector.js';
import * as chatChannel from './20261124T1400-desk-chat-channel.js';
import * as agentSessions from './20261124T1500-desk-agent-sessions.js';

/** Desk's migrations in order. Landed migrations are frozen: add a new file, never edit one. */
export const deskMigrations: Record<string, Migration> = {
  '20261124T0600-desk-core': core,
  '20261124T0601-desk-defaults': defaults,
  '20261124T0710-tickets-list-order-indexes': ticketListOrderIndexes,
  '20261124T0720-desk-revisions': revisions,
  '20261124T0800-desk-solutions-portals': solutionsPortals,
  '20261124T0820-portal-auth-sign-in-failures': portalAuthSignInFailures,
  '20261124T0830-kb-search-title-vector': kbSearchTitleVector,
  '20261124T1400-desk-chat-channel': chatChannel,
  '20261124T1500-desk-agent-sessions': agentSessions,
};
