import type {
  AgentConversationUpdate,
  AgentHandshake,
  AgentMessage,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@tandem/protocol/chat-realtime';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Conversation, Message } from './chat-api.js';

/** Adds messages to a conversation's cached thread: by seq, each once. */
export function mergeMessages(current: Message[] | undefined, incoming: Message[]): Message[] {
  const bySeq = new Map((current ?? []).map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Lists refetch at most this often while events arrive (a busy inbox sends many). */
const LIST_REFRESH_MS = 300;

function applyMessage(client: QueryClient, message: AgentMessage) {
  const key = ['messages', message.conversation_id];
  const cached = client.getQueryData<Message[]>(key);
  if (!cached) return;
  const last = cached.at(-1)?.seq ?? 0;
  // A gap (missed while away): the thread refetches from the API rather than guess.
  if (message.seq > last + 1) void client.invalidateQueries({ queryKey: key });
  else client.setQueryData<Message[]>(key, mergeMessages(cached, [message]));
}

function applyUpdate(client: QueryClient, update: AgentConversationUpdate) {
  client.setQueryData<Conversation>(['conversation', update.conversationId], (cached) =>
    cached
      ? {
          ...cached,
          status: update.status,
          assigned_agent_id: update.assignedAgentId,
          assigned_group_id: update.assignedGroupId,
          updated_time: update.updatedTime,
        }
      : cached,
  );
}

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The agent's socket (the realtime contract, packages/protocol/src/chat-realtime.ts): message:new
 * and conversation:updated keep the cached threads, conversations and lists current. Returns
 * whether it is connected; `onSessionEnded` hears a refused session; `onSocket` may add its own
 * listeners to each new socket (Desk's chat panel: typing, unread, notifications).
 */
export function useAgentSocket(
  token: string,
  onSessionEnded: () => void,
  onSocket?: (socket: AgentSocket) => void,
): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(true);
  const ended = useRef(onSessionEnded);
  ended.current = onSessionEnded;
  const attach = useRef(onSocket);
  attach.current = onSocket;

  useEffect(() => {
    const socket: AgentSocket = io({
      path: '/socket.io',
      transports: ['websocket'],
      auth: { sessionToken: token } satisfies AgentHandshake,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshLists = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => void client.invalidateQueries({ queryKey: ['conversations'] }),
        LIST_REFRESH_MS,
      );
    };
    let everConnected = false;

    socket.on('connect', () => {
      setConnected(true);
      // Back after a break: whatever happened meanwhile is read again from the API.
      if (everConnected) void client.invalidateQueries();
      everConnected = true;
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      setConnected(false);
      if (error.data?.code === 'invalid_credentials') ended.current();
    });
    socket.on('message:new', (event) => {
      applyMessage(client, event.message as AgentMessage);
      refreshLists();
    });
    socket.on('conversation:updated', (event) => {
      applyUpdate(client, event as AgentConversationUpdate);
      refreshLists();
    });
    attach.current?.(socket);
    return () => {
      clearTimeout(timer);
      socket.close();
    };
  }, [token, client]);

  return connected;
}
