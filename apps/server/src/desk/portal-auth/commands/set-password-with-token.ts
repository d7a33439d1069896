import { sha256 } from '../../../platform/web/index.js';
import type { DeskServices } from '../../context.js';
import { hashPassword, isAcceptablePassword } from '../passwords.js';
import {
  consumeToken,
  deleteContactSessions,
  findUsableToken,
  retireContactTokens,
  setContactPassword,
} from '../portal-auth.repository.js';

/**
 * Sets a contact's portal password through a one-time link. A weak password leaves the token
 * usable (the page asks again); success uses it up, retires the contact's other links and ends
 * their sessions elsewhere.
 */
export async function setPasswordWithToken(
  services: DeskServices,
  input: { token: string; password: string },
): Promise<{ contactId: number } | { error: 'invalid_token' | 'weak_password' }> {
  if (typeof input.token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) {
    return { error: 'invalid_token' };
  }
  const tokenHash = sha256(input.token);
  const found = await findUsableToken(services.db, tokenHash, new Date());
  if (!found) return { error: 'invalid_token' };
  if (typeof input.password !== 'string' || !isAcceptablePassword(input.password)) {
    return { error: 'weak_password' };
  }
  const passwordHash = await hashPassword(input.password);
  const contactId = await services.db.transaction().execute(async (trx) => {
    const now = new Date();
    const owner = await consumeToken(trx, tokenHash, now);
    if (owner === undefined) return undefined; // used by a concurrent request meanwhile
    await setContactPassword(trx, owner, passwordHash, now);
    await retireContactTokens(trx, owner, now);
    await deleteContactSessions(trx, owner);
    return owner;
  });
  return contactId === undefined ? { error: 'invalid_token' } : { contactId };
}
