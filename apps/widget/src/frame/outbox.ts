import type { RealtimeError, SendAck, SendPayload } from '@tandem/protocol';

/**
 * The delivery contract on the visitor's side: every outgoing message gets a client id once,
 * is kept in storage (per widget token, site and user) until the server acknowledges it, and is
 * resent with the same client id after a reconnect or a reload, so the server stores it exactly
 * once. Messages leave one at a time, in the order they were written.
 */
export interface OutboxEntry {
  clientId: string;
  /** The conversation it was written in; none for the first message of a new one. */
  conversationId?: string;
  parts: unknown[];
  createdTime: string;
}

/** The part of `Storage` the outbox needs (localStorage in the browser). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const outboxKey = (widgetToken: string, siteId: string, userId: string) =>
  `tandem:outbox:${widgetToken}:${siteId}:${userId}`;

const isEntry = (value: unknown): value is OutboxEntry => {
  const entry = value as OutboxEntry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.clientId === 'string' &&
    Array.isArray(entry.parts) &&
    typeof entry.createdTime === 'string' &&
    (entry.conversationId === undefined || typeof entry.conversationId === 'string')
  );
};

/** The stored entries; anything unreadable (another version, a full disk, privacy mode) is none. */
export function loadOutbox(storage: KeyValueStorage | undefined, key: string): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

export function saveOutbox(storage: KeyValueStorage | undefined, key: string, entries: OutboxEntry[]) {
  try {
    if (entries.length) storage?.setItem(key, JSON.stringify(entries));
    else storage?.removeItem(key);
  } catch {
    // Storage refused (quota, privacy mode): the entries still live in memory for this page.
  }
}

/** How the outbox reaches the server: a socket's `message:send` with its acknowledgement. */
export interface OutboxTransport {
  connected(): boolean;
  /** The acknowledgement, or undefined when none came (timeout, disconnect): try again later. */
  send(payload: SendPayload): Promise<SendAck | undefined>;
}

export interface DeliveryOptions {
  storage: KeyValueStorage | undefined;
  key: string;
  transport: OutboxTransport;
  /** The conversation to send an entry without one to, once it is known (the first ack names it). */
  currentConversation(): string | undefined;
  onSent(entry: OutboxEntry, ack: Extract<SendAck, { ok: true }>): void;
  /** Refused for good (validation, not found): it leaves the outbox. */
  onRefused(entry: OutboxEntry, error: RealtimeError): void;
  /** setTimeout in the browser. */
  later?: (run: () => void, ms: number) => void;
}

/** Errors worth trying again: the same request may succeed later. */
const TRANSIENT = new Set(['rate_limited', 'internal_error', 'invalid_credentials']);
export const RETRY_MS = 2000;

export interface Delivery {
  /** Keeps the entry and sends it when it can (a known client id is not added twice). */
  add(entry: OutboxEntry): void;
  /** Sends what is waiting, one at a time, while connected. */
  flush(): Promise<void>;
  entries(): readonly OutboxEntry[];
  /** Forgets an entry (the visitor discarded it). */
  discard(clientId: string): void;
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const { storage, key, transport } = options;
  const later = options.later ?? ((run, ms) => void setTimeout(run, ms));
  let entries = loadOutbox(storage, key);
  let flushing: Promise<void> | undefined;
  let again = false;
  let retryScheduled = false;

  const persist = () => saveOutbox(storage, key, entries);
  const remove = (clientId: string) => {
    entries = entries.filter((e) => e.clientId !== clientId);
    persist();
  };
  const retryLater = (ms: number) => {
    if (retryScheduled) return;
    retryScheduled = true;
    later(() => {
      retryScheduled = false;
      void flush();
    }, ms);
  };

  const run = async () => {
    while (transport.connected()) {
      const entry = entries[0];
      if (!entry) return;
      const conversationId = entry.conversationId ?? options.currentConversation();
      const ack = await transport.send({
        clientMessageId: entry.clientId,
        parts: entry.parts,
        ...(conversationId ? { conversationId } : {}),
      });
      if (!ack) return retryLater(RETRY_MS);
      if (ack.ok) {
        remove(entry.clientId);
        options.onSent(entry, ack);
        continue;
      }
      if (TRANSIENT.has(ack.error.code)) return retryLater(ack.error.retryAfterMs ?? RETRY_MS);
      remove(entry.clientId);
      options.onRefused(entry, ack.error);
    }
  };

  const flush = (): Promise<void> => {
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = run().finally(() => {
      flushing = undefined;
      if (again) {
        again = false;
        void flush();
      }
    });
    return flushing;
  };

  return {
    add(entry) {
      if (!entries.some((e) => e.clientId === entry.clientId)) {
        entries = [...entries, entry];
        persist();
      }
      void flush();
    },
    flush,
    entries: () => entries,
    discard: remove,
  };
}
