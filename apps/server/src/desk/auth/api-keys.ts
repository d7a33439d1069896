import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are 32 random base62-ish characters. They carry enough entropy that a fast SHA-256
 * is the right hash at rest (a slow password hash would cost every request tens of ms).
 */
export function generateApiKey(): string {
  return randomBytes(24).toString('base64url').replace(/[-_]/g, 'x').slice(0, 32);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The API key from `Authorization: Basic base64(key:X)`, or null when absent or malformed. */
export function apiKeyFromAuthorization(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  return key.length > 0 ? key : null;
}
