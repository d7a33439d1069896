import type { FastifyInstance } from 'fastify';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { ChatActor, ChatServices } from '../context.js';
import { findConversationById, type MessageRow } from '../conversations/index.js';
import type { ChatEvent } from '../events.js';
import type { AgentAvailabilityEvent, ConversationChange, RealtimeError } from './protocol.js';
import { authenticateHandshake, HandshakeError, type SocketIdentity } from './realtime.auth.js';
import { snapshotOf } from './realtime.presenter.js';
import { listConversationSeqsOfUser } from './realtime.repository.js';
import { createAudience, type Peer } from './realtime-audience.js';
import { createHandlers, disconnectEndedWidgetSessions, type EphemeralRelay } from './realtime-handlers.js';
import {
  fromWire,
  refOf,
  toWire,
  type ConversationRef,
  type ConversationRelay,
  type RealtimeIo,
} from './realtime-wire.js';
import {
  createSocketLimiter,
  resolveLimits,
  type LimitedEvent,
  type RealtimeLimitsOverride,
} from './socket-rate-limit.js';

export interface RealtimeServer {
  io: RealtimeIo;
}

export interface RealtimeOptions {
  /** Per-socket rate limits instead of REALTIME_LIMITS (tests). */
  limits?: RealtimeLimitsOverride;
}

const CHANGES: Partial<Record<ChatEvent['type'], ConversationChange>> = {
  conversation_create: 'created',
  conversation_assignment: 'assignment',
  conversation_resolution: 'resolution',
  conversation_reopen: 'reopen',
};

/** The publishing and subscribing Redis connections of the Socket.IO adapter. */
function connectRedis(url: string) {
  const pub = new Redis(url, { maxRetriesPerRequest: 2 });
  return { pub, sub: pub.duplicate() };
}

const actorOf = (identity: SocketIdentity): ChatActor =>
  identity.kind === 'user'
    ? { kind: 'user', userId: identity.userId, siteId: identity.siteId }
    : { kind: 'agent', agentId: identity.agentId, role: identity.role };

/**
 * Chat's realtime delivery (C6) on the app's HTTP server at /socket.io: widget users and agents
 * connect with handshake credentials; messages and conversation changes reach sockets from the
 * event bus after commit, the audience checked again at delivery (a user socket: its own
 * conversations, never a note). With Redis, every event also goes to the other Chat processes,
 * which deliver it to their own sockets, checking the audience there.
 */
export function attachRealtime(
  app: FastifyInstance,
  services: ChatServices,
  options: RealtimeOptions = {},
): RealtimeServer {
  const io: RealtimeIo = new Server(app.server, {
    path: '/socket.io',
    serveClient: false,
    // The widget runs on customers' sites; sockets authenticate by handshake, not cookies.
    cors: { origin: '*' },
  });
  const log = app.log;
  const limits = resolveLimits(options.limits);
  const audience = createAudience(services, log);
  const redis = services.config.redisUrl ? connectRedis(services.config.redisUrl) : undefined;

  // Each goes to this process's sockets, then to the other processes (serverSideEmit never
  // comes back to its sender).
  const cluster = {
    message(conversation: ConversationRef, message: MessageRow) {
      audience.deliverMessage(conversation, message);
      if (redis) io.serverSideEmit('chat:message', toWire(conversation, message));
    },
    conversation(relay: ConversationRelay) {
      audience.deliverConversation(relay);
      if (redis) io.serverSideEmit('chat:conversation', relay);
    },
    availability(event: AgentAvailabilityEvent) {
      audience.deliverAgentAvailability(event);
      if (redis) io.serverSideEmit('chat:agent-availability', event);
    },
  };
  const ephemeral: EphemeralRelay = {
    typing(relay) {
      audience.deliverTyping(relay);
      if (redis) io.serverSideEmit('chat:typing', relay);
    },
    read(relay) {
      audience.deliverRead(relay);
      if (redis) io.serverSideEmit('chat:read', relay);
    },
  };
  const handlers = createHandlers(services, audience, ephemeral, log);

  const onEvent = (event: ChatEvent) => {
    if (event.type === 'message_create') return cluster.message(refOf(event.conversation), event.message);
    if (event.type === 'agent_availability')
      return cluster.availability({
        agentId: event.agent.id,
        availability_status: event.agent.availability === 'available' ? 'AVAILABLE' : 'UNAVAILABLE',
      });
    const change = CHANGES[event.type];
    if (change) cluster.conversation({ change, conversation: snapshotOf(event.conversation) });
  };
  const unsubscribe = services.events.onCommitted(onEvent);

  if (redis) {
    io.adapter(createAdapter(redis.pub, redis.sub, { key: 'tandem-chat#socket.io' }));
    io.on('chat:message', (wire) => {
      const { conversation, message } = fromWire(wire);
      audience.deliverMessage(conversation, message);
    });
    io.on('chat:conversation', (relay) => audience.deliverConversation(relay));
    io.on('chat:typing', (relay) => audience.deliverTyping(relay));
    io.on('chat:read', (relay) => audience.deliverRead(relay));
    io.on('chat:agent-availability', (event) => audience.deliverAgentAvailability(event));
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

  /**
   * Takes a token for the event; undefined when allowed, else the refusal. A socket far over the
   * limit is disconnected (after its acknowledgement has gone out).
   */
  const limited = (peer: Peer, event: LimitedEvent): RealtimeError | undefined => {
    const taken = peer.limiter.take(event);
    if (taken.ok) return undefined;
    if (taken.hammering && peer.socket.connected) {
      log.warn({ event, kind: peer.identity.kind }, 'realtime socket disconnected for flooding');
      setImmediate(() => peer.socket.disconnect(true));
    }
    return {
      code: 'rate_limited',
      message: `Too many requests; retry in ${taken.retryAfterMs} ms.`,
      retryAfterMs: taken.retryAfterMs,
    };
  };

  io.on('connection', (socket) => {
    const { identity, resume } = socket.data;
    const peer: Peer = {
      socket,
      identity,
      actor: actorOf(identity),
      cursors: new Map(),
      chain: Promise.resolve(),
      pending: 0,
      limiter: createSocketLimiter(limits[identity.kind], limits),
      origin: `${socket.handshake.secure ? 'https' : 'http'}://${socket.handshake.headers.host ?? 'localhost'}`,
    };
    audience.add(peer);
    // First in the chain: cursors as of now, then what the handshake asked to resume; live
    // events queue behind it, so resumed messages come first, in order, each once.
    void audience.enqueue(peer, async () => {
      if (identity.kind === 'user') {
        for (const row of await listConversationSeqsOfUser(services.db, identity.userId))
          peer.cursors.set(row.id, row.last_seq);
      }
      for (const [conversationId, afterSeq] of Object.entries(resume)) {
        const conversation = await findConversationById(services.db, conversationId);
        if (!conversation || !audience.mayReceive(peer, conversation)) continue;
        const sent = await audience.catchUp(peer, conversation, afterSeq);
        peer.cursors.set(conversationId, Math.max(sent, conversation.last_seq));
      }
    });

    socket.on('disconnect', () => audience.remove(peer));

    socket.on('message:send', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const refused = limited(peer, 'send');
      if (refused) return ack({ ok: false, error: refused });
      handlers
        .send(peer, payload)
        .then(ack, (error: unknown) => ack({ ok: false, error: handlers.errorOf(error) }));
    });

    socket.on('conversation:resume', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const refused = limited(peer, 'resume');
      if (refused) return ack({ ok: false, error: refused });
      handlers
        .resume(peer, payload)
        .then(ack, (error: unknown) => ack({ ok: false, error: handlers.errorOf(error) }));
    });

    // Ephemeral: over the limit, dropped without a word.
    socket.on('typing', (payload) => {
      if (limited(peer, 'typing')) return;
      handlers
        .typing(peer, payload)
        .catch((error: unknown) => log.warn({ err: error }, 'typing relay failed'));
    });

    socket.on('message:read', (payload) => {
      if (limited(peer, 'read')) return;
      handlers.read(peer, payload).catch((error: unknown) => log.warn({ err: error }, 'read relay failed'));
    });
  });

  // Sockets that only listen are checked too, once a minute: agents, and widget users who
  // connected with a widget session (signed out or expired → disconnected).
  const sweep = setInterval(() => {
    for (const peer of audience.agents()) handlers.assertAgentSession(peer).catch(() => undefined);
    void disconnectEndedWidgetSessions(services.db, audience.users()).catch((error: unknown) =>
      log.warn({ err: error }, 'widget session sweep failed'),
    );
  }, 60_000);
  sweep.unref();

  app.addHook('preClose', async () => {
    clearInterval(sweep);
    unsubscribe();
    io.disconnectSockets(true);
    io.engine.close();
    if (redis) await Promise.allSettled([redis.pub.quit(), redis.sub.quit()]);
  });

  return { io };
}
