import type { ChatDb, HelpdeskKeyOwner } from '../db.js';
import { findHelpdeskConnection } from './helpdesk-connection.js';

/**
 * Saves the connected helpdesk (one row, id 1): a new URL and key replace the old ones, the
 * switches stay as they were.
 */
export async function saveHelpdeskConnection(
  db: ChatDb,
  values: { url: string; api_key_encrypted: string; key_owner: HelpdeskKeyOwner; verified_at: Date },
) {
  const now = new Date();
  const row = { ...values, key_owner: JSON.stringify(values.key_owner), updated_at: now };
  await db
    .insertInto('helpdesk_connections')
    .values({ id: 1, ...row, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** The saved pair, sealed key included: for Authenticate only. */
export function findHelpdeskCredentials(db: ChatDb) {
  return db
    .selectFrom('helpdesk_connections')
    .select(['url', 'api_key_encrypted'])
    .where('id', '=', 1)
    .executeTakeFirst();
}

/**
 * Records who owns the saved key as a re-check found them; `verifiedAt` only when the check
 * passed. Guarded by the sealed key read before the check, so a key replaced meanwhile keeps
 * its own owner. Returns false when nothing matched.
 */
export async function recordKeyOwner(
  db: ChatDb,
  sealedKey: string,
  owner: HelpdeskKeyOwner,
  verifiedAt: Date | undefined,
): Promise<boolean> {
  const result = await db
    .updateTable('helpdesk_connections')
    .set({
      key_owner: JSON.stringify(owner),
      ...(verifiedAt ? { verified_at: verifiedAt } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', 1)
    .where('api_key_encrypted', '=', sealedKey)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Changes the switches given; undefined when no helpdesk is connected. */
export async function updateHelpdeskSettings(
  db: ChatDb,
  settings: Partial<
    Record<
      'conversion_mandatory' | 'no_csat_for_converted' | 'live_faq_sync' | 'ticket_replies_to_chat',
      boolean
    >
  >,
) {
  const result = await db
    .updateTable('helpdesk_connections')
    .set({ ...settings, updated_at: new Date() })
    .where('id', '=', 1)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findHelpdeskConnection(db);
}

/** Forgets the helpdesk: URL, sealed key, key owner and switches. */
export async function deleteHelpdeskConnection(db: ChatDb) {
  await db.deleteFrom('helpdesk_connections').where('id', '=', 1).execute();
}
