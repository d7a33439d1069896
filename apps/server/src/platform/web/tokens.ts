import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An unguessable token (256 bits, base64url): session ids, one-time links, CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a token: what gets stored, so a database leak does not leak live tokens. */
export function sha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** String equality whose time does not depend on where the strings differ. */
export function timingSafeEqualString(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the length check cannot leak either.
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
