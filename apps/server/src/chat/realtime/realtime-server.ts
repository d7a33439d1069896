import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { AppError, fieldError, validationError } from '../../platform/http/errors.js';
import { findAgentSessionByHash } from '../agents/index.js';
import type { ChatActor, ChatContext, ChatServices } from '../context.js';
import {
  findConversationById,
  listMessagesForUser,
  sendMessage,
  type ConversationRow,
  type MessageRow,
} from '../conversations/index.js';
import { createConversation } from '../conversations/commands/create-conversation.js';
import type { CreateConversationBody } from '../conversations/conversation.schemas.js';
import type { ChatEvent } from '../events.js';
import type {
  ClientToServerEvents,
  RealtimeError,
  ResumeAck,
  SendAck,
  SendPayload,
  ServerToClientEvents,
} from './protocol.js';
import { authenticateHandshake, HandshakeError, type SocketIdentity } from './realtime.auth.js';
import { messageForAgent, messageForUser } from './realtime.presenter.js';
import {
  findUserMessageByClientId,
  listConversationSeqsOfUser,
  listMessagesForAgents,
} from './realtime.repository.js';

type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

/**
 * One connected socket. `cursors` holds, per conversation, the last sequence number this socket
 * has been given (or was current when it connected); every delivery to the socket runs through
 * `chain` one after another, so messages leave in order and exactly once per socket.
 */
interface Peer {
  socket: ChatSocket;
  identity: SocketIdentity;
  cursors: Map<string, number>;
  chain: Promise<void>;
}

const PAGE = 200;

/** The token id of a widget user's socket commands (see contextOf). */
const WIDGET_ACTOR_ID = 'realtime-widget-user';

const sendPayload = z.object({
  conversationId: z.uuid().optional(),
  clientMessageId: z.string(),
  parts: z.unknown(),
  messageType: z.enum(['normal', 'private']).optional(),
});
const resumePayload = z.object({ conversationId: z.uuid(), afterSeq: z.number().int().min(0) });
const typingPayload = z.object({ conversationId: z.uuid(), isTyping: z.boolean() });

/** What realtime delivery needs of a conversation to decide who may receive its messages. */
type ConversationRef = Pick<ConversationRow, 'id' | 'user_id' | 'site_id'>;

/** A committed message as it travels between Chat processes (dates as ISO strings). */
interface WireMessage {
  conversation: ConversationRef;
  message: Omit<MessageRow, 'created_at'> & { created_at: string };
}

interface InterServerEvents {
  'chat:message': (wire: WireMessage) => void;
}

type RealtimeIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

export interface RealtimeServer {
  io: RealtimeIo;
}

const toWire = (conversation: ConversationRef, message: MessageRow): WireMessage => ({
  conversation,
  message: { ...message, created_at: message.created_at.toISOString() },
});

const fromWire = (wire: WireMessage) => ({
  conversation: wire.conversation,
  message: { ...wire.message, created_at: new Date(wire.message.created_at) } as MessageRow,
});

/** The publishing and subscribing Redis connections of the Socket.IO adapter. */
function connectRedis(url: string) {
  const pub = new Redis(url, { maxRetriesPerRequest: 2 });
  return { pub, sub: pub.duplicate() };
}

/**
 * Chat's realtime delivery (C6) on the app's HTTP server at /socket.io: widget users and agents
 * connect with handshake credentials; messages reach sockets from the event bus after commit,
 * the audience checked again at delivery (a user socket: its own conversations, never a note).
 */
export function attachRealtime(app: FastifyInstance, services: ChatServices): RealtimeServer {
  const io: RealtimeIo = new Server(app.server, {
    path: '/socket.io',
    serveClient: false,
    // The widget runs on customers' sites; sockets authenticate by handshake, not cookies.
    cors: { origin: '*' },
  });
  const userPeers = new Map<string, Set<Peer>>();
  const agentPeers = new Set<Peer>();
  const log = app.log;

  const enqueue = (peer: Peer, task: () => Promise<void>) => {
    peer.chain = peer.chain.then(task).catch((error: unknown) => {
      log.error({ err: error }, 'realtime delivery failed');
    });
    return peer.chain;
  };

  const mayReceive = (peer: Peer, conversation: ConversationRef) =>
    peer.identity.kind === 'agent' ||
    (conversation.user_id === peer.identity.userId && conversation.site_id === peer.identity.siteId);

  /** Sends one message in its audience's shape; a private note never leaves for a user socket. */
  const emitMessage = (peer: Peer, row: MessageRow, conversation: ConversationRef) => {
    if (peer.identity.kind === 'user') {
      if (conversation.user_id !== peer.identity.userId) return;
      const message = messageForUser(row);
      if (message)
        peer.socket.emit('message:new', { conversationId: row.conversation_id, seq: row.seq, message });
    } else {
      const message = messageForAgent(row, conversation.user_id);
      peer.socket.emit('message:new', { conversationId: row.conversation_id, seq: row.seq, message });
    }
  };

  /** Sends every stored message after the socket's cursor (pages, in order); returns the last seq sent. */
  const catchUp = async (peer: Peer, conversation: ConversationRef, afterSeq: number) => {
    let cursor = afterSeq;
    for (;;) {
      const rows =
        peer.identity.kind === 'user'
          ? await listMessagesForUser(services.db, conversation.id, cursor, PAGE)
          : await listMessagesForAgents(services.db, conversation.id, cursor, PAGE);
      if (peer.socket.disconnected) return cursor;
      for (const row of rows) emitMessage(peer, row, conversation);
      if (rows.length) cursor = rows[rows.length - 1]!.seq;
      if (rows.length < PAGE) return cursor;
    }
  };

  const deliver = async (peer: Peer, conversation: ConversationRef, message: MessageRow) => {
    if (peer.socket.disconnected || !mayReceive(peer, conversation)) return;
    // A conversation first seen now: a user's was created after it connected (send it all);
    // for agents, live delivery starts here.
    const cursor = peer.cursors.get(conversation.id) ?? (peer.identity.kind === 'user' ? 0 : message.seq - 1);
    if (message.seq <= cursor) return;
    if (message.seq === cursor + 1) {
      emitMessage(peer, message, conversation);
    } else {
      // Events may arrive out of order (commits finish concurrently): the store has every
      // message up to this one (sequence numbers are taken under the conversation's row lock).
      await catchUp(peer, conversation, cursor);
    }
    peer.cursors.set(conversation.id, Math.max(message.seq, peer.cursors.get(conversation.id) ?? 0));
  };

  const redis = services.config.redisUrl ? connectRedis(services.config.redisUrl) : undefined;

  /** Hands a committed message to this process's sockets that may receive it. */
  const deliverLocally = (conversation: ConversationRef, message: MessageRow) => {
    for (const peer of userPeers.get(conversation.user_id) ?? [])
      void enqueue(peer, () => deliver(peer, conversation, message));
    for (const peer of agentPeers) void enqueue(peer, () => deliver(peer, conversation, message));
  };

  const onEvent = (event: ChatEvent) => {
    if (event.type !== 'message_create') return;
    const conversation: ConversationRef = {
      id: event.conversation.id,
      user_id: event.conversation.user_id,
      site_id: event.conversation.site_id,
    };
    deliverLocally(conversation, event.message);
    // Other Chat processes (Redis adapter) deliver to their own sockets, checking again there.
    if (redis) io.serverSideEmit('chat:message', toWire(conversation, event.message));
  };
  const unsubscribe = services.events.onCommitted(onEvent);

  if (redis) {
    io.adapter(createAdapter(redis.pub, redis.sub, { key: 'tandem-chat#socket.io' }));
    io.on('chat:message', (wire) => {
      const { conversation, message } = fromWire(wire);
      deliverLocally(conversation, message);
    });
  }

  io.use((socket, next) => {
    authenticateHandshake(services, socket.handshake.auth).then(
      (handshake) => {
        socket.data = handshake;
        next();
      },
      (error: unknown) => {
        if (error instanceof HandshakeError) return next(error);
        log.error({ err: error }, 'realtime handshake failed');
        next(new HandshakeError('internal_error', 'The server could not check the credentials.'));
      },
    );
  });

  io.on('connection', (socket) => {
    const { identity, resume } = socket.data as Awaited<ReturnType<typeof authenticateHandshake>>;
    const peer: Peer = { socket, identity, cursors: new Map(), chain: Promise.resolve() };
    if (identity.kind === 'user') {
      const set = userPeers.get(identity.userId) ?? new Set();
      set.add(peer);
      userPeers.set(identity.userId, set);
      void socket.join(`user:${identity.userId}`);
    } else {
      agentPeers.add(peer);
      void socket.join(['agents', `agent:${identity.agentId}`]);
    }
    // First in the chain: cursors as of now, then what the handshake asked to resume; live
    // events queue behind it, so resumed messages come first, in order, each once.
    void enqueue(peer, async () => {
      if (identity.kind === 'user') {
        for (const row of await listConversationSeqsOfUser(services.db, identity.userId))
          peer.cursors.set(row.id, row.last_seq);
      }
      for (const [conversationId, afterSeq] of Object.entries(resume)) {
        const conversation = await findConversationById(services.db, conversationId);
        if (!conversation || !mayReceive(peer, conversation)) continue;
        const sent = await catchUp(peer, conversation, afterSeq);
        peer.cursors.set(conversationId, Math.max(sent, conversation.last_seq));
      }
    });

    socket.on('disconnect', () => {
      if (identity.kind === 'user') {
        const set = userPeers.get(identity.userId);
        set?.delete(peer);
        if (set && !set.size) userPeers.delete(identity.userId);
      } else agentPeers.delete(peer);
    });

    socket.on('message:send', (payload, ack) => {
      if (typeof ack !== 'function') return;
      handleSend(peer, payload).then(ack, (error: unknown) => ack({ ok: false, error: errorOf(error) }));
    });

    socket.on('conversation:resume', (payload, ack) => {
      if (typeof ack !== 'function') return;
      handleResume(peer, payload).then(ack, (error: unknown) => ack({ ok: false, error: errorOf(error) }));
    });

    socket.on('typing', (payload) => {
      void relayTyping(peer, payload).catch((error: unknown) =>
        log.warn({ err: error }, 'typing relay failed'),
      );
    });
  });

  const contextOf = (identity: SocketIdentity): ChatContext => {
    // ChatActor has no widget-user kind yet (adding one touches other modules' exhaustive
    // checks): the user's socket acts as the least-privileged system actor. The realtime
    // handlers themselves enforce what a user may do (own conversations, no private notes),
    // and sendMessage/createConversation read only actorType/actorId, never ctx.actor.
    const actor: ChatActor =
      identity.kind === 'user'
        ? { kind: 'token', tokenId: WIDGET_ACTOR_ID, role: 'agent' }
        : { kind: 'agent', agentId: identity.agentId, role: identity.role };
    return { actor, db: services.db, requestId: randomUUID(), log, services };
  };

  /** The conversation if this socket may use it; a user's other conversations look absent. */
  const conversationFor = async (peer: Peer, conversationId: string) => {
    const conversation = await findConversationById(services.db, conversationId);
    if (!conversation || !mayReceive(peer, conversation)) throw new AppError('not_found');
    return conversation;
  };

  const handleSend = async (peer: Peer, raw: SendPayload): Promise<SendAck> => {
    const payload = parsePayload(sendPayload, raw);
    const ctx = contextOf(peer.identity);
    const { identity } = peer;
    if (identity.kind === 'agent') {
      await assertAgentSession(peer);
      if (!payload.conversationId) throw invalid('conversationId', 'An agent names the conversation');
      await conversationFor(peer, payload.conversationId);
      const { message } = await sendMessage(ctx, {
        conversationId: payload.conversationId,
        actorType: 'agent',
        actorId: identity.agentId,
        messageType: payload.messageType ?? 'normal',
        messageParts: payload.parts,
        clientMessageId: payload.clientMessageId,
        source: 'inbox',
      });
      return ackOf(message);
    }
    if (payload.messageType === 'private') throw invalid('messageType', 'Only agents write private notes');
    if (payload.conversationId) {
      await conversationFor(peer, payload.conversationId);
      const { message } = await sendMessage(ctx, {
        conversationId: payload.conversationId,
        actorType: 'user',
        actorId: identity.userId,
        messageParts: payload.parts,
        clientMessageId: payload.clientMessageId,
        source: 'web',
      });
      return ackOf(message);
    }
    // The first message of a new conversation: its resend names no conversation either.
    const original = await findUserMessageByClientId(services.db, identity.userId, payload.clientMessageId);
    if (original) return ackOf(original);
    const created = await createConversation(
      ctx,
      {
        users: [{ id: identity.userId }],
        messages: [
          {
            actor_type: 'user',
            actor_id: identity.userId,
            message_type: 'normal',
            message_parts: payload.parts as FirstMessage['message_parts'],
            client_message_id: payload.clientMessageId,
          },
        ],
      },
      'web',
    );
    const first = created.messages[0];
    if (!first) throw new AppError('internal_error');
    return ackOf(first);
  };

  const handleResume = async (peer: Peer, raw: unknown): Promise<ResumeAck> => {
    const payload = parsePayload(resumePayload, raw);
    const conversation = await conversationFor(peer, payload.conversationId);
    let lastSeq = payload.afterSeq;
    await enqueue(peer, async () => {
      lastSeq = await catchUp(peer, conversation, payload.afterSeq);
      const cursor = Math.max(lastSeq, conversation.last_seq, peer.cursors.get(conversation.id) ?? 0);
      peer.cursors.set(conversation.id, cursor);
    });
    return { ok: true, lastSeq };
  };

  const relayTyping = async (peer: Peer, raw: unknown) => {
    const parsed = typingPayload.safeParse(raw);
    if (!parsed.success) return;
    const { conversationId, isTyping } = parsed.data;
    const conversation = await findConversationById(services.db, conversationId);
    if (!conversation || !mayReceive(peer, conversation)) return;
    if (peer.identity.kind === 'user') {
      for (const agent of agentPeers)
        agent.socket.emit('typing', {
          conversationId,
          isTyping,
          actorType: 'user',
          actorId: peer.identity.userId,
        });
    } else {
      for (const user of userPeers.get(conversation.user_id) ?? [])
        user.socket.emit('typing', {
          conversationId,
          isTyping,
          actorType: 'agent',
          actorId: peer.identity.agentId,
        });
    }
  };

  /** An agent whose session ended (logout, expiry, deactivation) is disconnected. */
  const assertAgentSession = async (peer: Peer) => {
    if (peer.identity.kind !== 'agent') return;
    if (await findAgentSessionByHash(services.db, peer.identity.sessionHash)) return;
    // After the refusal's acknowledgement has gone out.
    setImmediate(() => peer.socket.disconnect(true));
    throw new AppError('invalid_credentials', 'The agent session has ended.');
  };
  // Agents that only listen are checked too, once a minute.
  const sweep = setInterval(() => {
    for (const peer of agentPeers) assertAgentSession(peer).catch(() => undefined);
  }, 60_000);
  sweep.unref();

  app.addHook('preClose', async () => {
    clearInterval(sweep);
    unsubscribe();
    io.disconnectSockets(true);
    io.engine.close();
    if (redis) await Promise.allSettled([redis.pub.quit(), redis.sub.quit()]);
  });

  function errorOf(error: unknown): RealtimeError {
    if (error instanceof AppError) {
      return {
        code: error.code,
        message: error.code === 'validation_failed' ? 'Validation failed' : error.message,
        ...(error.fieldErrors.length
          ? { details: error.fieldErrors.map(({ field, code, message }) => ({ field, code, message })) }
          : {}),
      };
    }
    log.error({ err: error }, 'realtime command failed');
    return { code: 'internal_error', message: 'Something went wrong on the server.' };
  }

  return { io };
}

type FirstMessage = NonNullable<CreateConversationBody['messages']>[number];

const ackOf = (message: MessageRow): SendAck => ({
  ok: true,
  seq: message.seq,
  messageId: message.id,
  conversationId: message.conversation_id,
});

const invalid = (field: string, message: string) => fieldError(field, 'invalid_value', message);

function parsePayload<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw validationError(
    parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || 'payload',
      code: 'invalid_value' as const,
      message: issue.message,
    })),
  );
}
