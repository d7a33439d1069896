import type { UserMessage } from '../conversations/index.js';

/** Chat's realtime events over Socket.IO (path /socket.io), shared by the widget and the inbox. */

/** Handshake `auth` of a widget user: the account's app id and widget token, the site, and who. */
export type UserHandshake = {
  appId: string;
  widgetToken: string;
  siteId: string;
} & ({ restoreId: string } | { externalId: string; signature?: string; jwt?: string });

/** Handshake `auth` of an agent: the inbox session token from POST /v2/sessions. */
export interface AgentHandshake {
  sessionToken: string;
}

export interface RealtimeError {
  code: string;
  message: string;
  details?: { field: string; code: string; message: string }[];
}

export interface SendPayload {
  /** Omitted by a widget user's first message: a conversation is created for it. */
  conversationId?: string;
  /** The sender's idempotency key: resending it returns the original acknowledgement. */
  clientMessageId: string;
  parts: unknown[];
  /** Agents only: `private` writes a note the user never sees. */
  messageType?: 'normal' | 'private';
}

export type SendAck =
  { ok: true; seq: number; messageId: string; conversationId: string } | { ok: false; error: RealtimeError };

export interface ResumePayload {
  conversationId: string;
  /** The last sequence number the client saw; every message after it is sent, in order. */
  afterSeq: number;
}

export type ResumeAck = { ok: true; lastSeq: number } | { ok: false; error: RealtimeError };

export interface TypingPayload {
  conversationId: string;
  isTyping: boolean;
}

/** A message as delivered: the user audience gets UserMessage, agents the full message. */
export interface MessageNew<M = UserMessage | AgentMessage> {
  conversationId: string;
  seq: number;
  message: M;
}

/** What an agent socket is shown of a message (private notes included). */
export interface AgentMessage {
  id: string;
  conversation_id: string;
  actor_type: 'user' | 'agent' | 'system';
  actor_id: string | null;
  user_id: string;
  message_type: 'normal' | 'private' | 'system';
  message_parts: unknown[];
  message_source: string;
  created_time: string;
  seq: number;
  client_message_id: string | null;
}

export interface ClientToServerEvents {
  'message:send': (payload: SendPayload, ack: (result: SendAck) => void) => void;
  'conversation:resume': (payload: ResumePayload, ack: (result: ResumeAck) => void) => void;
  typing: (payload: TypingPayload) => void;
}

export interface ServerToClientEvents {
  'message:new': (event: MessageNew) => void;
  typing: (event: TypingPayload & { actorType: 'user' | 'agent'; actorId: string }) => void;
}
