import { createHash, randomBytes } from 'node:crypto';
import type { ChatDb } from '../db.js';
import { findUserByRestoreHash } from './user.repository.js';

/**
 * Restore ids let a returning visitor's widget resume the same user (chat-v2.md B8). They are
 * 192-bit random strings, so a SHA-256 hash at rest is enough (as for API tokens).
 */
export function generateRestoreId(): string {
  return randomBytes(24).toString('base64url');
}

export function hashRestoreId(restoreId: string): string {
  return createHash('sha256').update(restoreId, 'utf8').digest('hex');
}

/**
 * The user a widget's restore id belongs to, only within the given site: a restore id from
 * another site finds nothing (C3).
 */
export function findUserByRestoreId(db: ChatDb, siteId: string, restoreId: string) {
  return findUserByRestoreHash(db, siteId, hashRestoreId(restoreId));
}
