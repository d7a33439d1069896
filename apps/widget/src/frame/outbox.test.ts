import type { SendAck, SendPayload } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { createDelivery, loadOutbox, outboxKey, type KeyValueStorage, type OutboxEntry } from './outbox.js';

/** localStorage's behaviour, in memory. */
function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/**
 * Chat's side of `message:send` as the contract states it: idempotent by client id (a resend
 * answers the original), a first message without a conversation starts one. `loseAcks` stores
 * the message but the acknowledgement never arrives (a drop mid-flight).
 */
function fakeServer() {
  const stored = new Map<string, { seq: number; conversationId: string }>();
  let conversations = 0;
  let seq = 0;
  const server = {
    online: false,
    loseAcks: 0,
    refuse: undefined as { code: string; retryAfterMs?: number } | undefined,
    sends: [] as SendPayload[],
    stored,
    transport: {
      connected: () => server.online,
      send: async (payload: SendPayload): Promise<SendAck | undefined> => {
        server.sends.push(payload);
        if (!server.online) return undefined;
        if (server.refuse) {
          const error = { ...server.refuse, message: 'refused' };
          server.refuse = undefined;
          return { ok: false, error };
        }
        let row = stored.get(payload.clientMessageId);
        if (!row) {
          const conversationId = payload.conversationId ?? `c${++conversations}`;
          row = { seq: ++seq, conversationId };
          stored.set(payload.clientMessageId, row);
        }
        if (server.loseAcks > 0) {
          server.loseAcks--;
          return undefined;
        }
        return { ok: true, seq: row.seq, messageId: `m${row.seq}`, conversationId: row.conversationId };
      },
    },
  };
  return server;
}

/** Lets the flush an `add` started run to its end (the fake transport answers at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const entry = (clientId: string, conversationId?: string): OutboxEntry => ({
  clientId,
  ...(conversationId ? { conversationId } : {}),
  parts: [{ text: { content: clientId } }],
  createdTime: '2026-01-01T00:00:00.000Z',
});

function setup(storage = memoryStorage(), server = fakeServer()) {
  const key = outboxKey('tok', 'site', 'user-1');
  const sent: string[] = [];
  const refused: string[] = [];
  const timers: (() => void)[] = [];
  let conversation: string | undefined;
  const delivery = createDelivery({
    storage,
    key,
    transport: server.transport,
    currentConversation: () => conversation,
    onSent: (e, ack) => {
      sent.push(e.clientId);
      conversation ??= ack.conversationId;
    },
    onRefused: (e) => refused.push(e.clientId),
    later: (run) => void timers.push(run),
  });
  const runTimers = async () => {
    for (const run of timers.splice(0)) run();
    await settle();
  };
  return { storage, key, server, delivery, sent, refused, timers, runTimers };
}

describe('outbox delivery', () => {
  it('keeps messages written offline in storage and sends each once, in order, when connected', async () => {
    const { storage, key, server, delivery, sent } = setup();
    delivery.add(entry('a'));
    delivery.add(entry('b'));
    await settle();
    expect(server.stored.size).toBe(0);
    expect(loadOutbox(storage, key).map((e) => e.clientId)).toEqual(['a', 'b']);

    server.online = true;
    await delivery.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(server.stored.size).toBe(2);
    expect(storage.data.has(key)).toBe(false);
  });

  it('sends the first message of a new conversation before the next, which then names it', async () => {
    const { server, delivery } = setup();
    server.online = true;
    delivery.add(entry('first'));
    delivery.add(entry('second'));
    await settle();
    expect(server.sends.map((s) => [s.clientMessageId, s.conversationId])).toEqual([
      ['first', undefined],
      ['second', 'c1'],
    ]);
    expect(new Set([...server.stored.values()].map((r) => r.conversationId))).toEqual(new Set(['c1']));
  });

  it('resends with the same client id when an acknowledgement is lost, so it is stored once', async () => {
    const { server, delivery, sent, timers, runTimers } = setup();
    server.online = true;
    server.loseAcks = 1;
    delivery.add(entry('a', 'c9'));
    await settle();
    expect(sent).toEqual([]);
    expect(timers).toHaveLength(1);
    await runTimers();
    expect(sent).toEqual(['a']);
    expect(server.sends.map((s) => s.clientMessageId)).toEqual(['a', 'a']);
    expect(server.stored.size).toBe(1);
    expect(delivery.entries()).toEqual([]);
  });

  it('survives a reload: a new page resends what the old one never had acknowledged', async () => {
    const first = setup();
    first.delivery.add(entry('a', 'c1'));
    first.delivery.add(entry('b', 'c1'));
    await settle();
    first.server.online = true;
    first.server.loseAcks = 1;
    await first.delivery.flush();
    expect(first.server.stored.size).toBe(1);

    // The page reloads: same storage and server, a new delivery.
    const second = setup(first.storage, first.server);
    expect(second.delivery.entries().map((e) => e.clientId)).toEqual(['a', 'b']);
    await second.delivery.flush();
    expect(second.sent).toEqual(['a', 'b']);
    expect(first.server.stored.size).toBe(2);
    expect(first.storage.data.size).toBe(0);
  });

  it('waits out a rate limit and retries; a refusal for good leaves the outbox and is reported', async () => {
    const { server, delivery, sent, refused, timers, runTimers } = setup();
    server.online = true;
    server.refuse = { code: 'rate_limited', retryAfterMs: 500 };
    delivery.add(entry('a', 'c1'));
    await settle();
    expect(timers).toHaveLength(1);
    await runTimers();
    expect(sent).toEqual(['a']);

    server.refuse = { code: 'validation_failed' };
    delivery.add(entry('b', 'c1'));
    delivery.add(entry('c', 'c1'));
    await settle();
    expect(refused).toEqual(['b']);
    expect(sent).toEqual(['a', 'c']);
    expect(server.stored.has('b')).toBe(false);
  });

  it('forgets a discarded entry and ignores unreadable storage', async () => {
    const storage = memoryStorage();
    const key = outboxKey('tok', 'site', 'user-1');
    storage.setItem(key, '{not json');
    expect(loadOutbox(storage, key)).toEqual([]);
    storage.setItem(key, JSON.stringify([entry('ok'), { clientId: 3 }, null]));
    expect(loadOutbox(storage, key).map((e) => e.clientId)).toEqual(['ok']);
    const { delivery } = setup(storage);
    delivery.discard('ok');
    expect(delivery.entries()).toEqual([]);
    expect(storage.data.has(key)).toBe(false);
  });
});
