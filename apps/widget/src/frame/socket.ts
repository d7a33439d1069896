import type {
  ClientToServerEvents,
  MessageNew,
  ReadReceipt,
  SendAck,
  SendPayload,
  ServerToClientEvents,
  TypingEvent,
  UserConversationUpdate,
  UserMessage,
} from '@tandem/protocol';
import { io, type Socket } from 'socket.io-client';

/** A widget user's handshake with a widget session token (decision 0009). */
export interface WidgetHandshake {
  appId?: string;
  widgetToken: string;
  siteId: string;
  userSessionToken: string;
  /** Per conversation, the last sequence number seen: the server replays what came after. */
  resume: Record<string, number>;
}

export interface RealtimeHandlers {
  message(event: MessageNew<UserMessage>): void;
  conversation(event: UserConversationUpdate): void;
  typing(event: TypingEvent): void;
  read(event: ReadReceipt): void;
  team(available: boolean): void;
  connected(): void;
  disconnected(): void;
  /** The handshake was refused (`code` from the server, e.g. invalid_credentials). */
  refused(code: string): void;
}

export interface Realtime {
  connected(): boolean;
  send(payload: SendPayload): Promise<SendAck | undefined>;
  typing(conversationId: string, isTyping: boolean): void;
  read(conversationId: string, seq: number): void;
  /** Asks for every message after `afterSeq` (they arrive as `message:new`). */
  resume(conversationId: string, afterSeq: number): void;
  connect(): void;
  disconnect(): void;
}

const ACK_TIMEOUT_MS = 10_000;

/**
 * The realtime client on Chat's Socket.IO endpoint. The handshake is read again on every
 * (re)connection, so it resumes each conversation from the last sequence number seen then.
 */
export function connectRealtime(handshake: () => WidgetHandshake, on: RealtimeHandlers): Realtime {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: (cb) => cb({ ...handshake() }),
  });
  socket.on('connect', on.connected);
  socket.on('disconnect', on.disconnected);
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    // A refusal by the server (not a network failure) is not retried by Socket.IO itself.
    if (!socket.active) on.refused(error.data?.code ?? 'refused');
  });
  socket.on('message:new', (event) => on.message(event as MessageNew<UserMessage>));
  socket.on('conversation:updated', (event) => {
    if ('csatOffer' in event) on.conversation(event);
  });
  socket.on('typing', on.typing);
  socket.on('message:read', on.read);
  socket.on('team:availability', (event) => on.team(event.available));

  return {
    connected: () => socket.connected,
    send: (payload) =>
      new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit('message:send', payload, (error: Error | null, ack: SendAck) => {
          resolve(error ? undefined : ack);
        });
      }),
    typing: (conversationId, isTyping) => {
      if (socket.connected) socket.emit('typing', { conversationId, isTyping });
    },
    read: (conversationId, seq) => {
      if (socket.connected) socket.emit('message:read', { conversationId, seq });
    },
    resume: (conversationId, afterSeq) => {
      if (socket.connected)
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emit('conversation:resume', { conversationId, afterSeq }, () => undefined);
    },
    connect: () => {
      if (!socket.connected) socket.connect();
    },
    disconnect: () => {
      socket.disconnect();
    },
  };
}
