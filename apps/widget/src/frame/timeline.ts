import type { UserMessage } from '@tandem/protocol';

/** A message of ours the server has not shown us yet: sending, acknowledged, or refused. */
export interface PendingMessage {
  clientId: string;
  parts: unknown[];
  createdTime: string;
  status: 'sending' | 'sent' | 'failed';
  /** Set once acknowledged (the message itself may still be on its way). */
  seq?: number;
  messageId?: string;
  /** Why it was refused (shown next to it). */
  error?: string;
}

/**
 * One conversation as the widget shows it: the server's messages by sequence number (each once)
 * and ours not yet seen come back. `lastSeq` only moves with messages the server delivered in
 * order (REST history, `message:new`), never with an acknowledgement, so resuming from it cannot
 * skip a message.
 */
export interface Timeline {
  messages: UserMessage[];
  pending: PendingMessage[];
  lastSeq: number;
  /** The highest sequence number the visitor has seen. */
  readSeq: number;
  /** The highest sequence number an agent has read (for "Seen"). */
  seenSeq: number;
}

export const emptyTimeline = (readSeq = 0): Timeline => ({
  messages: [],
  pending: [],
  lastSeq: 0,
  readSeq,
  seenSeq: 0,
});

/**
 * Merges delivered messages: duplicates (same seq) are dropped, order is by seq, and a pending
 * message of ours is replaced by its stored copy (same client id). Returns the messages that
 * were new.
 */
export function receive(timeline: Timeline, incoming: readonly UserMessage[]) {
  const bySeq = new Map(timeline.messages.map((m) => [m.seq, m]));
  const added: UserMessage[] = [];
  for (const message of incoming) {
    if (!Number.isInteger(message.seq) || bySeq.has(message.seq)) continue;
    bySeq.set(message.seq, message);
    added.push(message);
  }
  if (!added.length) return { timeline, added };
  const arrived = new Set(added.map((m) => m.client_message_id).filter(Boolean));
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return {
    timeline: {
      ...timeline,
      messages,
      pending: timeline.pending.filter((p) => !arrived.has(p.clientId)),
      lastSeq: Math.max(timeline.lastSeq, ...added.map((m) => m.seq)),
    },
    added,
  };
}

/** Shows a message of ours at once, as sending (a resend of the same client id is not doubled). */
export function addPending(timeline: Timeline, pending: PendingMessage): Timeline {
  if (timeline.messages.some((m) => m.client_message_id === pending.clientId)) return timeline;
  const others = timeline.pending.filter((p) => p.clientId !== pending.clientId);
  return { ...timeline, pending: [...others, pending] };
}

function updatePending(timeline: Timeline, clientId: string, change: Partial<PendingMessage>): Timeline {
  if (!timeline.pending.some((p) => p.clientId === clientId)) return timeline;
  return {
    ...timeline,
    pending: timeline.pending.map((p) => (p.clientId === clientId ? { ...p, ...change } : p)),
  };
}

/** The server stored it: the pending entry shows as sent until the message itself arrives. */
export const markSent = (timeline: Timeline, clientId: string, seq: number, messageId: string) =>
  updatePending(timeline, clientId, { status: 'sent', seq, messageId, error: undefined });

export const markFailed = (timeline: Timeline, clientId: string, error: string) =>
  updatePending(timeline, clientId, { status: 'failed', error });

export const markSending = (timeline: Timeline, clientId: string) =>
  updatePending(timeline, clientId, { status: 'sending', error: undefined });

export const dropPending = (timeline: Timeline, clientId: string): Timeline => ({
  ...timeline,
  pending: timeline.pending.filter((p) => p.clientId !== clientId),
});

const fromOthers = (m: UserMessage) => m.actor_type !== 'user';

/** Messages from agents and the system the visitor has not seen yet. */
export const unreadCount = (timeline: Timeline) =>
  timeline.messages.filter((m) => m.seq > timeline.readSeq && fromOthers(m)).length;

/** Everything delivered so far is seen; returns the same timeline when nothing changes. */
export function markRead(timeline: Timeline): Timeline {
  if (timeline.readSeq >= timeline.lastSeq) return timeline;
  return { ...timeline, readSeq: timeline.lastSeq };
}

/** An agent's read receipt (ephemeral): it only ever moves forward. */
export function agentRead(timeline: Timeline, seq: number): Timeline {
  if (!(seq > timeline.seenSeq)) return timeline;
  return { ...timeline, seenSeq: seq };
}

/**
 * The visitor's message that shows "Seen": their latest one, when an agent has read up to it
 * (or past it). Undefined otherwise.
 */
export function seenMessageSeq(timeline: Timeline): number | undefined {
  const own = timeline.messages.filter((m) => m.actor_type === 'user');
  const latest = own.at(-1);
  if (!latest || timeline.pending.length) return undefined;
  return latest.seq <= timeline.seenSeq ? latest.seq : undefined;
}
