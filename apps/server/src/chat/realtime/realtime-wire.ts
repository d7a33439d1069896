import type { Server, Socket } from 'socket.io';
import type { ConversationRow, MessageRow } from '../conversations/index.js';
import type {
  AgentAvailabilityEvent,
  ClientToServerEvents,
  ConversationChange,
  ReadReceipt,
  ServerToClientEvents,
  TypingEvent,
} from './protocol.js';
import type { Handshake } from './realtime.auth.js';
import type { ConversationSnapshot } from './realtime.presenter.js';

/**
 * What one Chat process tells the others (Socket.IO serverSideEmit over the Redis adapter). Each
 * carries what the receiving process needs to decide the audience itself, so every process
 * checks every delivery to its own sockets; payloads are plain JSON.
 */

/** What delivery needs of a conversation to decide who may receive its events. */
export type ConversationRef = Pick<ConversationRow, 'id' | 'user_id' | 'site_id'>;

/** A committed message (dates as ISO strings). */
export interface WireMessage {
  conversation: ConversationRef;
  message: Omit<MessageRow, 'created_at'> & { created_at: string };
}

export interface ConversationRelay {
  change: ConversationChange;
  conversation: ConversationSnapshot;
}

export interface TypingRelay {
  conversation: ConversationRef;
  event: TypingEvent;
}

/** `fromSocketId`: the socket that read, which is not told of its own receipt. */
export interface ReadRelay {
  conversation: ConversationRef;
  receipt: ReadReceipt;
  fromSocketId: string;
}

export interface InterServerEvents {
  'chat:message': (wire: WireMessage) => void;
  'chat:conversation': (relay: ConversationRelay) => void;
  'chat:typing': (relay: TypingRelay) => void;
  'chat:read': (relay: ReadRelay) => void;
  'chat:agent-availability': (event: AgentAvailabilityEvent) => void;
}

export type RealtimeIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, Handshake>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, Handshake>;

export const refOf = (row: ConversationRef): ConversationRef => ({
  id: row.id,
  user_id: row.user_id,
  site_id: row.site_id,
});

export const toWire = (conversation: ConversationRef, message: MessageRow): WireMessage => ({
  conversation: refOf(conversation),
  message: { ...message, created_at: message.created_at.toISOString() },
});

export const fromWire = (wire: WireMessage) => ({
  conversation: wire.conversation,
  message: { ...wire.message, created_at: new Date(wire.message.created_at) } as MessageRow,
});
