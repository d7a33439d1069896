import type { FastifyBaseLogger } from 'fastify';
import type { ChatActor } from './context.js';
import type { ConversationRow, MessageRow } from './conversations/conversation.repository.js';
import type { ChatDb } from './db.js';

/**
 * What happened in Chat, as recorded by commands inside their transaction. Listeners only hear
 * about it after the transaction committed, so nobody is told about a write that was rolled back.
 */
export type ChatEvent =
  | { type: 'message_create'; conversation: ConversationRow; message: MessageRow }
  /** A new conversation, recorded before its first messages (realtime only, no webhook). */
  | { type: 'conversation_create'; conversation: ConversationRow }
  | { type: 'conversation_assignment'; conversation: ConversationRow }
  | { type: 'conversation_resolution'; conversation: ConversationRow }
  | { type: 'conversation_reopen'; conversation: ConversationRow }
  /** An agent's availability changed (realtime only, no webhook). */
  | { type: 'agent_availability'; agent: { id: string; availability: 'available' | 'away' } };

/** The events about one conversation (they carry its row as of the event). */
export type ConversationEvent = Extract<ChatEvent, { conversation: ConversationRow }>;

/** The events that have webhooks (chat-v2.md B7); the others are for realtime only. */
export type WebhookChatEvent = Extract<
  ChatEvent,
  { type: 'message_create' | 'conversation_assignment' | 'conversation_resolution' | 'conversation_reopen' }
>;

const WEBHOOK_EVENT_TYPES: ReadonlySet<ChatEvent['type']> = new Set<WebhookChatEvent['type']>([
  'message_create',
  'conversation_assignment',
  'conversation_resolution',
  'conversation_reopen',
]);

export const isWebhookEvent = (event: ChatEvent): event is WebhookChatEvent =>
  WEBHOOK_EVENT_TYPES.has(event.type);

export type ChatEventListener = (event: ChatEvent) => void | Promise<void>;

/**
 * Hears an event INSIDE the transaction that recorded it (`db` is that open transaction), so what
 * it writes (e.g. durable webhook jobs) commits or rolls back with the event. A failure fails the
 * transaction. `actor` is who ran the command.
 */
export type ChatRecordedListener = (db: ChatDb, event: ChatEvent, actor: ChatActor) => Promise<void>;

/** An in-process bus for events after commit (realtime delivery, later webhooks). */
export interface ChatEventBus {
  /** Adds a listener; returns a function that removes it. */
  onCommitted(listener: ChatEventListener): () => void;
  /** Hands committed events to every listener, in order; a listener's error is logged, never thrown. */
  emitCommitted(events: readonly ChatEvent[]): void;
  /**
   * Adds a listener run inside the recording transaction; returns a function that removes it.
   * `interest` answers, without I/O, whether the listener would act on an event type now: false
   * (certainly not), true, or undefined (cannot tell). Without it the listener counts as interested.
   */
  onRecorded(
    listener: ChatRecordedListener,
    interest?: (type: ChatEvent['type']) => boolean | undefined,
  ): () => void;
  /**
   * Whether some recorded-listener may act on events of this type (true when any cannot tell). A
   * write whose event nobody records may skip its explicit transaction (the message fast path).
   */
  recordedInterest(type: ChatEvent['type']): boolean;
  /** Runs the recorded-listeners for each event, in order, in `db`; the first failure is thrown. */
  emitRecorded(db: ChatDb, events: readonly ChatEvent[], actor: ChatActor): Promise<void>;
}

/** A new bus; `log` receives listener failures. */
export function createChatEventBus(log: () => FastifyBaseLogger | undefined): ChatEventBus {
  const listeners = new Set<ChatEventListener>();
  const recordedListeners = new Set<ChatRecordedListener>();
  const interests = new Map<
    ChatRecordedListener,
    ((type: ChatEvent['type']) => boolean | undefined) | undefined
  >();
  const report = (error: unknown, event: ChatEvent) =>
    log()?.error({ err: error, event: event.type }, 'chat event listener failed');
  return {
    onCommitted(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onRecorded(listener, interest) {
      recordedListeners.add(listener);
      interests.set(listener, interest);
      return () => {
        interests.delete(listener);
        return recordedListeners.delete(listener);
      };
    },
    recordedInterest(type) {
      for (const listener of recordedListeners) {
        const interest = interests.get(listener);
        if (!interest || interest(type) !== false) return true;
      }
      return false;
    },
    async emitRecorded(db, events, actor) {
      for (const event of events) {
        for (const listener of recordedListeners) await listener(db, event, actor);
      }
    },
    emitCommitted(events) {
      for (const event of events) {
        for (const listener of listeners) {
          try {
            const result = listener(event);
            if (result instanceof Promise) result.catch((error: unknown) => report(error, event));
          } catch (error) {
            report(error, event);
          }
        }
      }
    },
  };
}
