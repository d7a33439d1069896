import { fieldError } from '../../platform/http/errors.js';
import type { ConversationKey } from './conversation.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PostgreSQL's text form of a timestamptz, e.g. `2026-11-24 09:15:00.123456+00`.
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)$/;

/** An opaque, URL-safe cursor for the page after `key`. */
export function encodeConversationCursor(key: ConversationKey): string {
  return Buffer.from(JSON.stringify([key.updatedAt, key.id])).toString('base64url');
}

/** The key inside a cursor from encodeConversationCursor; 400 on anything else. */
export function decodeConversationCursor(cursor: string): ConversationKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      PG_TIMESTAMP.test(value[0]) &&
      UUID.test(value[1])
    ) {
      return { updatedAt: value[0], id: value[1] };
    }
  } catch {
    // Not base64 JSON: reported below like any other foreign value.
  }
  throw fieldError('cursor', 'invalid_value', 'It should be a next_cursor returned by this endpoint');
}
