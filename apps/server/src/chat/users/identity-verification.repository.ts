import type { ChatDb } from '../db.js';

/** The account's identity verification switch and sealed signing secret. */
export function findIdentitySettings(db: ChatDb) {
  return db
    .selectFrom('accounts')
    .select(['id', 'identity_verification', 'identity_secret_encrypted'])
    .executeTakeFirstOrThrow();
}

export async function setIdentityVerification(db: ChatDb, enabled: boolean) {
  await db.updateTable('accounts').set({ identity_verification: enabled, updated_at: new Date() }).execute();
}

export async function setIdentitySecret(db: ChatDb, sealed: string) {
  await db
    .updateTable('accounts')
    .set({ identity_secret_encrypted: sealed, updated_at: new Date() })
    .execute();
}
