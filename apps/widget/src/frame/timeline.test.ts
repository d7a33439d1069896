import type { UserMessage } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  addPending,
  agentRead,
  emptyTimeline,
  markFailed,
  markRead,
  markSent,
  receive,
  seenMessageSeq,
  unreadCount,
  type PendingMessage,
} from './timeline.js';

const message = (seq: number, actor: UserMessage['actor_type'] = 'agent', clientId: string | null = null) =>
  ({
    id: `m${seq}`,
    conversation_id: 'c1',
    actor_type: actor,
    actor_id: actor === 'system' ? null : `${actor}-1`,
    message_type: actor === 'system' ? 'system' : 'normal',
    message_parts: [{ text: { content: `message ${seq}` } }],
    created_time: '2026-01-01T00:00:00.000Z',
    seq,
    client_message_id: clientId,
  }) satisfies UserMessage;

const pending = (clientId: string): PendingMessage => ({
  clientId,
  parts: [{ text: { content: clientId } }],
  createdTime: '2026-01-01T00:00:00.000Z',
  status: 'sending',
});

describe('timeline', () => {
  it('keeps each sequence number once, in order, whatever order and how often they arrive', () => {
    let t = emptyTimeline();
    t = receive(t, [message(3), message(1)]).timeline;
    const again = receive(t, [message(1), message(2), message(3)]);
    expect(again.added.map((m) => m.seq)).toEqual([2]);
    expect(again.timeline.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(again.timeline.lastSeq).toBe(3);
    // Nothing new: the very same timeline comes back.
    expect(receive(again.timeline, [message(2)]).timeline).toBe(again.timeline);
  });

  it('replaces a pending message by its stored copy (same client id), showing it once', () => {
    let t = addPending(emptyTimeline(), pending('a'));
    t = addPending(t, pending('b'));
    t = addPending(t, pending('a'));
    expect(t.pending.map((p) => p.clientId)).toEqual(['b', 'a']);
    t = receive(t, [message(1, 'user', 'a')]).timeline;
    expect(t.pending.map((p) => p.clientId)).toEqual(['b']);
    expect(t.messages).toHaveLength(1);
    // A resend of a message the server already showed is not shown as pending again.
    expect(addPending(t, pending('a'))).toBe(t);
  });

  it('moves lastSeq only with delivered messages, never with an acknowledgement', () => {
    let t = receive(emptyTimeline(), [message(1)]).timeline;
    t = addPending(t, pending('a'));
    t = markSent(t, 'a', 5, 'm5');
    expect(t.pending[0]).toMatchObject({ status: 'sent', seq: 5, messageId: 'm5' });
    expect(t.lastSeq).toBe(1);
    t = markFailed(t, 'a', 'too long');
    expect(t.pending[0]).toMatchObject({ status: 'failed', error: 'too long' });
  });

  it('counts unseen messages from agents and the system, not the visitor’s own', () => {
    let t = receive(emptyTimeline(), [message(1, 'user'), message(2), message(3, 'system')]).timeline;
    expect(unreadCount(t)).toBe(2);
    t = markRead(t);
    expect(t.readSeq).toBe(3);
    expect(unreadCount(t)).toBe(0);
    expect(markRead(t)).toBe(t);
    t = receive(t, [message(4, 'user'), message(5)]).timeline;
    expect(unreadCount(t)).toBe(1);
  });

  it('shows "Seen" on the visitor’s latest message once an agent has read up to it', () => {
    let t = receive(emptyTimeline(), [message(1, 'user'), message(2), message(3, 'user')]).timeline;
    expect(seenMessageSeq(t)).toBeUndefined();
    t = agentRead(t, 2);
    expect(seenMessageSeq(t)).toBeUndefined();
    t = agentRead(t, 3);
    expect(seenMessageSeq(t)).toBe(3);
    expect(agentRead(t, 1)).toBe(t);
    // A newer message of theirs not yet read: no "Seen" anywhere.
    expect(seenMessageSeq(addPending(t, pending('x')))).toBeUndefined();
  });
});
