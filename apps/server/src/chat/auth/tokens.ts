import { createHash, randomBytes } from 'node:crypto';

/** API tokens: 43 random URL-safe characters (256 bits), so SHA-256 at rest is enough (see decision 0001). */
export function generateApiToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}
