import type { FastifyBaseLogger } from 'fastify';
import { findAgentById } from '../agents/index.js';
import { isCsatSuppressed } from '../csat/index.js';
import type { ChatActor, ChatServices } from '../context.js';
import {
  assertCanSeeConversation,
  listMessagesForUser,
  type ConversationRow,
  type MessageRow,
} from '../conversations/index.js';
import type { AgentAvailabilityEvent } from './protocol.js';
import type { SocketIdentity } from './realtime.auth.js';
import {
  conversationForAgents,
  conversationForUser,
  messageForAgent,
  messageForUser,
  type PublicAgent,
} from './realtime.presenter.js';
import { anyAgentAvailable, listMessagesForAgents } from './realtime.repository.js';
import type {
  ChatSocket,
  ConversationRef,
  ConversationRelay,
  ReadRelay,
  TypingRelay,
} from './realtime-wire.js';
import type { SocketLimiter } from './socket-rate-limit.js';
import { createWriteCoalescer } from './write-coalescing.js';

/**
 * One connected socket. `cursors` holds, per conversation, the last sequence number this socket
 * has been given (or was current when it connected); every delivery to the socket runs through
 * `chain` one after another, so messages leave in order and exactly once per socket, and a
 * conversation's state changes in order with its messages.
 */
export interface Peer {
  socket: ChatSocket;
  identity: SocketIdentity;
  /** Who the socket acts as, for the policies. */
  actor: ChatActor;
  cursors: Map<string, number>;
  chain: Promise<void>;
  /** Tasks queued on `chain` and not finished: 0 means a delivery may go out at once. */
  pending: number;
  limiter: SocketLimiter;
  /** This server's base URL as the socket reached it (upload URLs in messages are checked against it). */
  origin: string;
  /** A user socket: the team availability it was last told (undefined until told once). */
  teamAvailable?: boolean;
  /**
   * A user socket: its own conversations as first read, by id. Who owns a conversation (user and
   * site) never changes, so sends skip the read; everything that may change (status, seq) is
   * decided by the write itself.
   */
  ownConversations?: Map<string, ConversationRow>;
}

const PAGE = 200;

/** How long a read of the team's availability serves new sockets without reading again. */
const TEAM_READ_TTL_MS = 30_000;

export type Audience = ReturnType<typeof createAudience>;

/**
 * This process's sockets and the one place that decides, at delivery, which of them receive an
 * event and in which audience's shape. Events from this process and from the others (Redis)
 * arrive here alike.
 */
export function createAudience(services: ChatServices, log: FastifyBaseLogger) {
  const userPeers = new Map<string, Set<Peer>>();
  const agentPeers = new Set<Peer>();
  // Agents receive every message: their writes gather for a few ms; users' leave each turn.
  const agentWrites = createWriteCoalescer(services.config.realtimeCoalesceMs);
  const userWrites = createWriteCoalescer();
  const agentViews = new WeakMap<MessageRow, ReturnType<typeof messageForAgent>>();

  const enqueue = (peer: Peer, task: () => Promise<void> | void) => {
    peer.pending++;
    peer.chain = peer.chain
      .then(task)
      .catch((error: unknown) => {
        log.error({ err: error }, 'realtime delivery failed');
      })
      .finally(() => {
        peer.pending--;
      });
    return peer.chain;
  };

  /** The policy's answer, as a yes/no: checked again on every delivery. */
  const mayReceive = (peer: Peer, conversation: ConversationRef) => {
    try {
      assertCanSeeConversation(peer.actor, conversation);
      return true;
    } catch {
      return false;
    }
  };

  const usersOf = (conversation: ConversationRef) => userPeers.get(conversation.user_id) ?? [];

  /** The agent view of a message: the same for every agent socket, built once per message. */
  const agentViewOf = (row: MessageRow, conversation: ConversationRef) => {
    let message = agentViews.get(row);
    if (!message) {
      message = messageForAgent(row, conversation.user_id);
      agentViews.set(row, message);
    }
    return message;
  };

  /** Sends one message in its audience's shape; a private note never leaves for a user socket. */
  const emitMessage = (peer: Peer, row: MessageRow, conversation: ConversationRef) => {
    if (peer.identity.kind === 'user') {
      if (!mayReceive(peer, conversation)) return;
      const message = messageForUser(row);
      if (!message) return;
      userWrites.hold(peer.socket);
      peer.socket.emit('message:new', { conversationId: row.conversation_id, seq: row.seq, message });
    } else {
      agentWrites.hold(peer.socket);
      peer.socket.emit('message:new', {
        conversationId: row.conversation_id,
        seq: row.seq,
        message: agentViewOf(row, conversation),
      });
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
    let sent = message.seq;
    if (message.seq === cursor + 1) {
      emitMessage(peer, message, conversation);
    } else {
      // Events may arrive out of order (commits finish concurrently): the store has every
      // message up to this one (sequence numbers are taken under the conversation's row lock),
      // and maybe later ones already: the cursor moves to the last one sent, so their own
      // events, when they come, find them sent.
      sent = Math.max(message.seq, await catchUp(peer, conversation, cursor));
    }
    peer.cursors.set(conversation.id, Math.max(sent, peer.cursors.get(conversation.id) ?? 0));
  };

  /**
   * A committed message, to this process's sockets that may receive it. Agent sockets with
   * nothing queued and exactly one message behind in this conversation (the common case) get it
   * at once, together: one broadcast to their rooms, so the packet is encoded once for all of
   * them rather than once per socket. The others take the queued path (order, catch-up).
   */
  const deliverMessage = (conversation: ConversationRef, message: MessageRow) => {
    for (const peer of usersOf(conversation)) void enqueue(peer, () => deliver(peer, conversation, message));
    const ready: Peer[] = [];
    for (const peer of agentPeers) {
      const inStep =
        peer.pending === 0 &&
        peer.socket.connected &&
        (peer.cursors.get(conversation.id) ?? message.seq - 1) === message.seq - 1;
      if (inStep && mayReceive(peer, conversation)) ready.push(peer);
      else if (!inStep) void enqueue(peer, () => deliver(peer, conversation, message));
    }
    if (ready.length === 0) return;
    const payload = {
      conversationId: message.conversation_id,
      seq: message.seq,
      message: agentViewOf(message, conversation),
    };
    for (const peer of ready) {
      agentWrites.hold(peer.socket);
      peer.cursors.set(conversation.id, message.seq);
    }
    if (ready.length === 1) ready[0]!.socket.emit('message:new', payload);
    // Each socket is in the room named by its id; `local`: this process's sockets only.
    else ready[0]!.socket.nsp.local.to(ready.map((peer) => peer.socket.id)).emit('message:new', payload);
  };

  /** A conversation's new state: the agent view to agents, the user view to its own user only. */
  const deliverConversation = ({ change, conversation }: ConversationRelay) => {
    const forAgents = conversationForAgents(conversation, change);
    for (const peer of agentPeers)
      void enqueue(peer, () => {
        if (!peer.socket.connected) return;
        agentWrites.hold(peer.socket);
        peer.socket.emit('conversation:updated', forAgents);
      });
    const users = userPeers.get(conversation.user_id);
    if (!users) return;
    // One lookup of the assigned agent's public face for all of the user's sockets.
    let forUser: Promise<ReturnType<typeof conversationForUser>> | undefined;
    const userView = () =>
      (forUser ??= (async () => {
        const agent: PublicAgent | undefined = conversation.assigned_agent_id
          ? await findAgentById(services.db, conversation.assigned_agent_id)
          : undefined;
        const noCsat =
          change === 'resolution' && conversation.ticket_id
            ? await isCsatSuppressed(services.db, { ticket_id: conversation.ticket_id })
            : false;
        return conversationForUser(conversation, change, agent, noCsat);
      })());
    for (const peer of users)
      void enqueue(peer, async () => {
        if (peer.socket.disconnected || !mayReceive(peer, conversation)) return;
        const view = await userView();
        if (peer.socket.connected) peer.socket.emit('conversation:updated', view);
      });
  };

  /** A user's typing goes to agents; an agent's to the conversation's user. */
  const deliverTyping = ({ conversation, event }: TypingRelay) => {
    if (event.actorType === 'user') {
      for (const peer of agentPeers) peer.socket.emit('typing', event);
      return;
    }
    for (const peer of usersOf(conversation))
      if (mayReceive(peer, conversation)) peer.socket.emit('typing', event);
  };

  /** A read receipt: to the other agent sockets, and an agent's also to the conversation's user. */
  const deliverRead = ({ conversation, receipt, fromSocketId }: ReadRelay) => {
    for (const peer of agentPeers)
      if (peer.socket.id !== fromSocketId) peer.socket.emit('message:read', receipt);
    if (receipt.actorType !== 'agent') return;
    for (const peer of usersOf(conversation))
      if (mayReceive(peer, conversation)) peer.socket.emit('message:read', receipt);
  };

  // Team availability as this process last read it. Reads and the tellings that follow run one
  // after another, so a socket is never left with an older answer than the latest read.
  let team: { available: boolean; readAt: number } | undefined;
  let teamChain = Promise.resolve();
  const teamTask = (task: () => Promise<void>) => {
    teamChain = teamChain.then(task).catch((error: unknown) => {
      log.error({ err: error }, 'team availability check failed');
    });
  };
  const tellTeam = (peer: Peer, available: boolean) => {
    if (peer.socket.disconnected) return;
    peer.teamAvailable = available;
    peer.socket.emit('team:availability', { available });
  };
  /** Reads the team's availability; user sockets told otherwise before hear of the flip. */
  const refreshTeam = async () => {
    const available = await anyAgentAvailable(services.db);
    team = { available, readAt: Date.now() };
    for (const peers of userPeers.values())
      for (const peer of peers)
        if (peer.teamAvailable !== undefined && peer.teamAvailable !== available) tellTeam(peer, available);
    return available;
  };

  /** An agent's availability changed: agents hear it; users only if the team as a whole flipped. */
  const deliverAgentAvailability = (event: AgentAvailabilityEvent) => {
    for (const peer of agentPeers) peer.socket.emit('agent:availability', event);
    teamTask(async () => {
      await refreshTeam();
    });
  };

  const add = (peer: Peer) => {
    if (peer.identity.kind === 'agent') {
      agentPeers.add(peer);
      return;
    }
    const set = userPeers.get(peer.identity.userId) ?? new Set();
    set.add(peer);
    userPeers.set(peer.identity.userId, set);
    // The current team availability, once. Availability events keep the last read current, so
    // a burst of connections costs one query; an old read is refreshed in case an event was lost.
    teamTask(async () => {
      const fresh = team && Date.now() - team.readAt < TEAM_READ_TTL_MS;
      tellTeam(peer, fresh ? team!.available : await refreshTeam());
    });
  };

  const remove = (peer: Peer) => {
    if (peer.identity.kind === 'agent') {
      agentPeers.delete(peer);
      return;
    }
    const set = userPeers.get(peer.identity.userId);
    set?.delete(peer);
    if (set && !set.size) userPeers.delete(peer.identity.userId);
  };

  return {
    add,
    remove,
    agents: () => agentPeers.values(),
    /** Every user socket on this process. */
    users: () => [...userPeers.values()].flatMap((set) => [...set]),
    enqueue,
    mayReceive,
    catchUp,
    deliverMessage,
    deliverConversation,
    deliverTyping,
    deliverRead,
    deliverAgentAvailability,
  };
}
