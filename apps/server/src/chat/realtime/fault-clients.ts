import { expect } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  MessageNew,
  SendAck,
  SendPayload,
  ServerToClientEvents,
} from './protocol.js';

/**
 * Clients for the delivery-contract fault suites: they behave as a careful widget or inbox does
 * (reconnect by themselves, resume every followed conversation from the last sequence they saw,
 * resend an unacknowledged message with the same client id, respect rate limits) and record
 * everything they receive across reconnects, so a test can check exactly-once, in-order delivery.
 */

export type OkAck = Extract<SendAck, { ok: true }>;
type FaultSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A message as a client saw it, or as it is stored: what exactly-once, in order compares. */
export interface SeenMessage {
  seq: number;
  id: string;
  clientMessageId: string | null;
}

export interface FaultClient {
  name: string;
  socket: FaultSocket;
  /** Resumed on every (re)connect from the last sequence this client saw in it. */
  follow(conversationId: string): void;
  /** Every `message:new` of the conversation, in arrival order, across all reconnects. */
  seen(conversationId: string): SeenMessage[];
  /** Handshakes, connects, disconnects and the seqs received in a conversation, in order (for failures). */
  history(conversationId: string): string[];
  /** `message:new` events of a closed connection emitted late by socket.io-client, dropped. */
  readonly staleDropped: number;
  /** Disconnects caused by dropTransport (the client's own count of them). */
  readonly forcedDrops: number;
  /** Disconnects for any other reason (the server went away or disconnected the socket). */
  readonly otherDrops: number;
  /** Sends repeated with the same client id after a dropped connection or a lost ack. */
  resends: number;
  /** `rate_limited` acknowledgements received (each waited out and resent). */
  rateLimited: number;
  /** Cuts the transport as a network failure does (the client reconnects by itself); false if not connected. */
  dropTransport(): boolean;
  /** Resolves once connected; rejects after `timeoutMs`. */
  whenConnected(timeoutMs: number): Promise<void>;
  close(): void;
}

export interface FaultClientOptions {
  /** Awaited before every handshake: a client that comes back only when the test lets it. */
  gate?: () => Promise<void>;
}

/** A reconnecting client; `auth` is its handshake without `resume`, which it adds itself. */
export function faultClient(
  url: string,
  name: string,
  auth: Record<string, unknown>,
  options: FaultClientOptions = {},
): FaultClient {
  const followed = new Set<string>();
  const received = new Map<string, SeenMessage[]>();
  const events: { conversationId?: string; text: string }[] = [];
  const note = (text: string, conversationId?: string) =>
    events.push({ text: `${Date.now() % 100_000} ${text}`, ...(conversationId ? { conversationId } : {}) });
  const lastSeq = (conversationId: string) => received.get(conversationId)?.at(-1)?.seq ?? 0;
  const socket: FaultSocket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 10,
    reconnectionDelayMax: 100,
    forceNew: true,
    auth: (cb) => {
      note('handshake requested');
      void Promise.resolve(options.gate?.()).then(() => {
        const resume = Object.fromEntries([...followed].map((id) => [id, lastSeq(id)]));
        for (const [id, seq] of Object.entries(resume)) note(`handshake resume after ${seq}`, id);
        cb({ ...auth, resume });
      });
    },
  });
  // socket.io-client hands packets to listeners a tick after decoding them; one that arrives
  // while its connection is closing is buffered and emitted when the NEXT connection opens,
  // before 'connect'. It belongs to the gone connection, whose handshake resume did not count it:
  // the new connection replays it. A careful client (the widget keys its timeline by seq) drops
  // such stale events; counting them apart keeps the server's exactly-once check strict.
  let live = false;
  socket.on('connect', () => {
    live = true;
    note(`connected ${socket.id}`);
  });
  socket.on('message:new', (event: MessageNew) => {
    if (!live) {
      stale++;
      note(`stale seq ${event.seq} (from a closed connection) dropped`, event.conversationId);
      return;
    }
    note(`seq ${event.seq} on ${socket.id}`, event.conversationId);
    const list = received.get(event.conversationId) ?? [];
    list.push({ seq: event.seq, id: event.message.id, clientMessageId: event.message.client_message_id });
    received.set(event.conversationId, list);
  });
  let stale = 0;
  let forcedDrops = 0;
  let otherDrops = 0;
  let dropping = false;
  socket.on('disconnect', (reason) => {
    live = false;
    note(`disconnected (${reason})`);
    if (dropping) forcedDrops++;
    else if (reason !== 'io client disconnect') otherDrops++;
    dropping = false;
  });
  return {
    name,
    socket,
    follow: (conversationId) => void followed.add(conversationId),
    seen: (conversationId) => received.get(conversationId) ?? [],
    history: (conversationId) =>
      events.filter((e) => !e.conversationId || e.conversationId === conversationId).map((e) => e.text),
    get staleDropped() {
      return stale;
    },
    get forcedDrops() {
      return forcedDrops;
    },
    get otherDrops() {
      return otherDrops;
    },
    resends: 0,
    rateLimited: 0,
    dropTransport() {
      if (!socket.connected) return false;
      dropping = true;
      socket.io.engine.close();
      return true;
    },
    whenConnected: (timeoutMs) =>
      new Promise((resolve, reject) => {
        if (socket.connected) return resolve();
        const timer = setTimeout(() => {
          socket.off('connect', onConnect);
          reject(new Error(`${name} did not connect within ${timeoutMs} ms`));
        }, timeoutMs);
        const onConnect = () => {
          clearTimeout(timer);
          resolve();
        };
        socket.once('connect', onConnect);
      }),
    close: () => socket.close(),
  };
}

/**
 * Sends until acknowledged: after a dropped connection or a lost ack it resends the same client
 * id (the server answers a resend with the original acknowledgement), and a `rate_limited` answer
 * is waited out. Any other refusal fails the test. Bounded by time, not attempts.
 */
export async function sendUntilAcked(
  c: FaultClient,
  payload: SendPayload,
  timeoutMs = 30_000,
): Promise<OkAck> {
  const deadline = Date.now() + timeoutMs;
  let lost = false;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`${c.name}: ${payload.clientMessageId} never acknowledged`);
    if (!c.socket.connected) {
      await c.whenConnected(left).catch(() => undefined);
      continue;
    }
    if (lost) c.resends++;
    let ack: SendAck;
    try {
      ack = (await c.socket.timeout(Math.min(left, 10_000)).emitWithAck('message:send', payload)) as SendAck;
    } catch {
      lost = true; // the connection dropped before the ack arrived (or it took too long): resend
      continue;
    }
    lost = false;
    if (ack.ok) return ack;
    if (ack.error.code === 'rate_limited') {
      c.rateLimited++;
      await sleep((ack.error as { retryAfterMs?: number }).retryAfterMs ?? 200);
      continue;
    }
    throw new Error(`${c.name}: ${payload.clientMessageId} refused: ${JSON.stringify(ack.error)}`);
  }
}

/**
 * At most one send start per `intervalMs` (below the server's per-socket rate), as a client that
 * queues its outbox does. `kick` lets the next send go at once (still within the burst).
 */
export function pacer(intervalMs: number) {
  let next = 0;
  let release: (() => void) | undefined;
  return {
    async wait() {
      const ms = next - Date.now();
      if (ms > 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          release = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      release = undefined;
      next = Date.now() + intervalMs;
    },
    kick() {
      release?.();
    },
  };
}

/**
 * Drops transports at `count` random moments within `withinMs`, taking turns between the groups
 * (e.g. users, agents) and picking a connected client of the group at random. Returns the number
 * of drops done.
 */
export async function dropAtRandomMoments(groups: FaultClient[][], count: number, withinMs: number) {
  const started = Date.now();
  const moments = Array.from({ length: count }, () => Math.random() * withinMs).sort((a, b) => a - b);
  let done = 0;
  for (const [i, moment] of moments.entries()) {
    await sleep(started + moment - Date.now());
    const group = groups[i % groups.length]!;
    // A victim that is connected right now: it may take a moment if the group is reconnecting.
    const deadline = Date.now() + 10_000;
    let victims = group.filter((c) => c.socket.connected);
    while (!victims.length && Date.now() < deadline) {
      await sleep(5);
      victims = group.filter((c) => c.socket.connected);
    }
    const victim = victims[Math.floor(Math.random() * victims.length)];
    if (victim?.dropTransport()) done++;
  }
  return done;
}

/** Waits until `check` holds, failing after `timeoutMs` (by time, whatever the machine's load). */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The client saw exactly the stored messages of the conversation: each once, in seq order. */
export function expectSeenExactlyOnce(c: FaultClient, conversationId: string, stored: SeenMessage[]) {
  expect(
    stored.map((m) => m.seq),
    'stored seqs are contiguous',
  ).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
  expect(
    c.seen(conversationId),
    `${c.name} in ${conversationId}; its history:\n${c.history(conversationId).join('\n')}\n`,
  ).toEqual(stored);
}

/** Each acknowledgement names the stored message with its client id (same conversation, seq, id). */
export function expectAcksMatchStore(acks: Map<string, OkAck>, stored: Map<string, SeenMessage[]>) {
  const byClientId = new Map<string, OkAck>();
  for (const [conversationId, messages] of stored)
    for (const m of messages)
      if (m.clientMessageId)
        byClientId.set(m.clientMessageId, { ok: true, conversationId, seq: m.seq, messageId: m.id });
  const mismatched = [...acks].filter(([clientId, ack]) => {
    const row = byClientId.get(clientId);
    return (
      !row ||
      row.seq !== ack.seq ||
      row.messageId !== ack.messageId ||
      row.conversationId !== ack.conversationId
    );
  });
  expect(mismatched, 'acknowledged messages missing from the store or stored differently').toEqual([]);
}
