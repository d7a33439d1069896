/**
 * Chat's realtime contract over Socket.IO (path /socket.io), shared by the widget and the inbox.
 *
 * Two audiences: widget users and agents. The server decides who receives every event and checks
 * it again at delivery: a user socket only ever hears of its own conversations (on its own site),
 * never a private note, a group id or another user's activity. Messages are durable (sequenced,
 * resumable); typing, read receipts and availability are ephemeral (never stored, not replayed).
 *
 * Every client event is rate limited per socket (token buckets, see socket-rate-limit.ts): a send
 * or resume over the limit is acknowledged `{ok:false, error:{code:'rate_limited', retryAfterMs}}`
 * and stores nothing; typing and read receipts over the limit are dropped; a socket that keeps
 * going far over a limit is disconnected.
 */

/** A message as a widget user sees it (chat-v2.md B4 fields; never a private note). */
export interface UserMessage {
  id: string;
  conversation_id: string;
  actor_type: 'user' | 'agent' | 'system';
  actor_id: string | null;
  /** No `private`: a private note has no way into this shape. */
  message_type: 'normal' | 'system';
  message_parts: unknown[];
  created_time: string;
  seq: number;
  client_message_id: string | null;
}

/**
 * Handshake `auth` of a widget user: the account's widget token (the app id is optional: the token
 * names the account; when sent it must match), the site, and who.
 */
export type UserHandshake = {
  appId?: string;
  widgetToken: string;
  siteId: string;
} & ({ restoreId: string } | { externalId: string; signature?: string; jwt?: string });

/** Handshake `auth` of an agent: the inbox session token from POST /v2/sessions. */
export interface AgentHandshake {
  sessionToken: string;
}

export interface RealtimeError {
  /** Stable: `validation_failed`, `not_found`, `invalid_credentials`, `rate_limited`, `internal_error`, … */
  code: string;
  message: string;
  details?: { field: string; code: string; message: string }[];
  /** With `rate_limited`: when the same request would be accepted (resend the same client id then). */
  retryAfterMs?: number;
}

/** `message:send`: a message from the socket's user or agent. */
export interface SendPayload {
  /** Omitted by a widget user's first message: a conversation is created for it. */
  conversationId?: string;
  /** The sender's idempotency key: resending it returns the original acknowledgement. */
  clientMessageId: string;
  parts: unknown[];
  /** Agents only: `private` writes a note the user never sees. */
  messageType?: 'normal' | 'private';
}

/** The acknowledgement of `message:send`, once the message is stored (or was already). */
export type SendAck =
  { ok: true; seq: number; messageId: string; conversationId: string } | { ok: false; error: RealtimeError };

/** `conversation:resume`: replay a conversation after a sequence number. */
export interface ResumePayload {
  conversationId: string;
  /** The last sequence number the client saw; every message after it is sent, in order. */
  afterSeq: number;
}

export type ResumeAck = { ok: true; lastSeq: number } | { ok: false; error: RealtimeError };

/** `typing` from a client: the socket's user or agent is (or stopped) typing in a conversation. */
export interface TypingPayload {
  conversationId: string;
  isTyping: boolean;
}

/**
 * `typing` to a client (ephemeral): a user's typing goes to agent sockets, an agent's to the
 * conversation's user.
 */
export interface TypingEvent extends TypingPayload {
  actorType: 'user' | 'agent';
  actorId: string;
}

/** `message:read` from a client: it has shown every message of the conversation up to `seq`. */
export interface ReadPayload {
  conversationId: string;
  seq: number;
}

/**
 * `message:read` to a client (ephemeral, not stored): a user's read goes to agent sockets; an
 * agent's read goes to the conversation's user and to the other agent sockets.
 */
export interface ReadReceipt extends ReadPayload {
  actorType: 'user' | 'agent';
  actorId: string;
}

/** `message:new`: a message as delivered: the user audience gets UserMessage, agents the full message. */
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

/** What made a conversation change: created, (re/un)assigned, resolved or reopened. */
export type ConversationChange = 'created' | 'assignment' | 'resolution' | 'reopen';

type ConversationStatus = 'new' | 'assigned' | 'resolved' | 'reopened';

/**
 * `conversation:updated` to an agent socket: the conversation's state after `change`. Every agent
 * socket hears of every conversation (the inbox's views are filters).
 */
export interface AgentConversationUpdate {
  conversationId: string;
  change: ConversationChange;
  status: ConversationStatus;
  assignedAgentId: string | null;
  assignedGroupId: string | null;
  userId: string;
  updatedTime: string;
  /** The last sequence number taken (private notes included). */
  lastSeq: number;
}

/**
 * `conversation:updated` to the conversation's own user: no group, no internal field, only the
 * assigned agent's public face.
 */
export interface UserConversationUpdate {
  conversationId: string;
  change: ConversationChange;
  status: ConversationStatus;
  assignedAgent: { name: string; avatarUrl: string | null } | null;
  /**
   * Set only in the update of a resolve: the CSAT survey is offered once per resolve, and a rating
   * sent now applies to resolve number `resolveNumber` (a second rating of it is refused).
   */
  csatOffer: { resolveNumber: number } | null;
}

/** `agent:availability` to agent sockets (ephemeral): an agent became available or away. */
export interface AgentAvailabilityEvent {
  agentId: string;
  availability_status: 'AVAILABLE' | 'UNAVAILABLE';
}

/**
 * `team:availability` to widget user sockets (ephemeral): whether any agent is available. Sent
 * once on connect, then only when it flips.
 */
export interface TeamAvailabilityEvent {
  available: boolean;
}

export interface ClientToServerEvents {
  'message:send': (payload: SendPayload, ack: (result: SendAck) => void) => void;
  'conversation:resume': (payload: ResumePayload, ack: (result: ResumeAck) => void) => void;
  typing: (payload: TypingPayload) => void;
  'message:read': (payload: ReadPayload) => void;
}

export interface ServerToClientEvents {
  'message:new': (event: MessageNew) => void;
  typing: (event: TypingEvent) => void;
  'message:read': (event: ReadReceipt) => void;
  /** Agent sockets get AgentConversationUpdate, user sockets UserConversationUpdate. */
  'conversation:updated': (event: AgentConversationUpdate | UserConversationUpdate) => void;
  /** Agent sockets only. */
  'agent:availability': (event: AgentAvailabilityEvent) => void;
  /** Widget user sockets only. */
  'team:availability': (event: TeamAvailabilityEvent) => void;
}
