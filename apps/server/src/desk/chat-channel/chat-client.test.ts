import { describe, expect, it } from 'vitest';
import { ChatCallError, normalizeChatUrl } from './chat-client.js';

describe('normalizeChatUrl', () => {
  it.each([
    ['https://chat.example.com/', 'https://chat.example.com'],
    ['https://chat.example.com/v2/widget/bootstrap', 'https://chat.example.com'],
    ['http://127.0.0.1:3001', 'http://127.0.0.1:3001'],
    ['https://example.com/chat/', 'https://example.com/chat'],
  ])('%s → %s', (input, expected) => expect(normalizeChatUrl(input)).toBe(expected));

  it.each(['chat example com', 'ftp://chat.example.com', 'https://user:pw@chat.example.com', 'nope'])(
    'refuses %s as malformed, about chat_url',
    (input) => {
      const error = (() => {
        try {
          normalizeChatUrl(input);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ChatCallError);
      expect(error).toMatchObject({ problem: 'malformed_url', field: 'chat_url' });
    },
  );
});
