import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversation.cursor.js';

describe('conversation cursor', () => {
  it('round-trips the exact PostgreSQL timestamp text and id, URL-safe', () => {
    const key = { updatedAt: '2026-11-24 09:15:00.123456+00', id: '0b6c8d1e-5f4a-4b3c-9d2e-1f0a9b8c7d6e' };
    const cursor = encodeConversationCursor(key);
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodeConversationCursor(cursor)).toEqual(key);
  });

  it('refuses foreign or tampered cursors with a field error on cursor', () => {
    const bad = [
      'not a cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["yesterday","0b6c8d1e-5f4a-4b3c-9d2e-1f0a9b8c7d6e"]').toString('base64url'),
      Buffer.from('["2026-11-24 09:15:00+00","1; DROP TABLE"]').toString('base64url'),
    ];
    for (const cursor of bad) {
      let error: unknown;
      try {
        decodeConversationCursor(cursor);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).fieldErrors).toEqual([
        expect.objectContaining({ field: 'cursor', code: 'invalid_value' }),
      ]);
    }
  });
});
