import type { Migration } from 'kysely';
import * as core from './20261124T0600-desk-core.js';
import * as defaults from './20261124T0601-desk-defaults.js';
import * as ticketListOrderIndexes from './20261124T0710-tickets-list-order-indexes.js';
import * as revisions from './20261124T0720-desk-revisions.js';
import * as solutionsPortals from './20261124T0800-desk-solutions-portals.js';

/** Desk's migrations in order. Landed migrations are frozen: add a new file, never edit one. */
export const deskMigrations: Record<string, Migration> = {
  '20261124T0600-desk-core': core,
  '20261124T0601-desk-defaults': defaults,
  '20261124T0710-tickets-list-order-indexes': ticketListOrderIndexes,
  '20261124T0720-desk-revisions': revisions,
  '20261124T0800-desk-solutions-portals': solutionsPortals,
};
