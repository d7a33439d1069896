import { randomToken, sha256 } from '../../../platform/web/index.js';
import type { DeskServices } from '../../context.js';
import { verifyPassword } from '../passwords.js';
import {
  deleteExpiredSessions,
  findPortalContactByEmail,
  insertSession,
  markContactSignedIn,
} from '../portal-auth.repository.js';
import { SESSION_TTL_SECONDS } from '../session.js';
import { admitSignIn, signInBuckets } from '../throttle.js';

export type SignInResult =
  | { sessionToken: string; csrfToken: string; contactId: number }
  | { error: 'invalid_credentials' | 'throttled'; retryAfterSeconds?: number };

/**
 * Signs a contact in to a portal with email and password. Throttled per email and per IP over a
 * sliding window; an unknown email costs the same hash check as a wrong password. Success starts
 * a session (its token goes into `sessionCookie`) and marks the contact active.
 */
export async function signIn(
  services: DeskServices,
  input: { portalId: number; email: string; password: string; ip: string },
): Promise<SignInResult> {
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  const { db } = services;

  const admitted = await admitSignIn(db, signInBuckets(email, input.ip));
  if ('retryAfterSeconds' in admitted)
    return { error: 'throttled', retryAfterSeconds: admitted.retryAfterSeconds };

  const contact = email && email.length <= 254 ? await findPortalContactByEmail(db, email) : undefined;
  const ok = await verifyPassword(contact?.password_hash, password);
  if (!contact || !ok) {
    await admitted.attempt.failed();
    return { error: 'invalid_credentials' };
  }

  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      token_hash: sha256(sessionToken),
      contact_id: contact.id,
      portal_id: input.portalId,
      csrf_token: csrfToken,
      expires_at: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
    });
    await markContactSignedIn(trx, contact.id, now);
    await deleteExpiredSessions(trx, contact.id, now);
    await admitted.attempt.succeeded(trx);
  });
  return { sessionToken, csrfToken, contactId: contact.id };
}
