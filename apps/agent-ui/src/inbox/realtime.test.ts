import { describe, expect, it } from 'vitest';
import type { Message } from './chat-api.js';
import { mergeMessages } from './realtime.js';

const message = (seq: number, text = `m${seq}`): Message => ({
  id: `id-${seq}`,
  conversation_id: 'c',
  actor_type: 'user',
  actor_id: null,
  user_id: 'u',
  message_type: 'normal',
  message_parts: [{ text: { content: text } }],
  message_source: 'web',
  created_time: '2026-01-01T00:00:00Z',
  seq,
  client_message_id: null,
});

describe('mergeMessages', () => {
  it('keeps each message once, in sequence order, whichever way it arrived first', () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(3, 'again')]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(merged).toHaveLength(3);
  });

  it('starts a thread that was not loaded', () => {
    expect(mergeMessages(undefined, [message(1)]).map((m) => m.seq)).toEqual([1]);
  });
});
