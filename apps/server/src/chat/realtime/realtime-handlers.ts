import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { AppError, fieldError, validationError } from '../../platform/http/errors.js';
import { findAgentSessionByHash } from '../agents/index.js';
import type { ChatContext, ChatServices } from '../context.js';
import {
  assertCanSeeConversation,
  assertCanSendAs,
  findConversationById,
  sendMessage,
  type MessageRow,
} from '../conversations/index.js';
import {
  findLiveWidgetSessionHashes,
  findWidgetSessionByHash,
  sendWidgetMessage,
  startWidgetConversation,
  widgetMessageBody,
} from '../widget/index.js';
import type { RealtimeError, ResumeAck, SendAck } from './protocol.js';
import type { Audience, Peer } from './realtime-audience.js';
import { refOf, type ReadRelay, type TypingRelay } from './realtime-wire.js';

const sendPayload = z.object({
  conversationId: z.uuid().optional(),
  clientMessageId: z.string(),
  parts: z.unknown(),
  messageType: z.enum(['normal', 'private']).optional(),
});
/** How many of its own conversations a user socket remembers (see Peer.ownConversations). */
const OWN_CONVERSATIONS_KEPT = 50;

const resumePayload = z.object({ conversationId: z.uuid(), afterSeq: z.number().int().min(0) });
const typingPayload = z.object({ conversationId: z.uuid(), isTyping: z.boolean() });
const readPayload = z.object({ conversationId: z.uuid(), seq: z.number().int().min(1) });

/** Where the ephemeral events go: this process's sockets and, with Redis, the other processes'. */
export interface EphemeralRelay {
  typing(relay: TypingRelay): void;
  read(relay: ReadRelay): void;
}

/**
 * What a socket may ask of the server: send, resume, typing, read receipts. Each checks who the
 * socket is with the conversation policies, then runs the same commands as REST.
 */
export function createHandlers(
  services: ChatServices,
  audience: Audience,
  relay: EphemeralRelay,
  log: FastifyBaseLogger,
) {
  const contextOf = (peer: Peer): ChatContext => ({
    actor: peer.actor,
    db: services.db,
    requestId: randomUUID(),
    log,
    services,
  });

  /** The conversation if this socket may use it; anyone else's looks absent (not_found). */
  const conversationFor = async (peer: Peer, conversationId: string) => {
    const known = peer.ownConversations?.get(conversationId);
    if (known) return known;
    const conversation = await findConversationById(services.db, conversationId);
    if (!conversation) throw new AppError('not_found');
    assertCanSeeConversation(peer.actor, conversation);
    if (peer.identity.kind === 'user') {
      // A visitor has a handful of conversations; the bound only guards against a flood of ids.
      const own = (peer.ownConversations ??= new Map());
      if (own.size >= OWN_CONVERSATIONS_KEPT) own.clear();
      own.set(conversationId, conversation);
    }
    return conversation;
  };

  /** The conversation if it exists and this socket may see it; for events dropped silently. */
  const visibleConversation = async (peer: Peer, conversationId: string) => {
    const conversation = await findConversationById(services.db, conversationId);
    return conversation && audience.mayReceive(peer, conversation) ? conversation : undefined;
  };

  /** A widget user whose session ended (sign-out, expiry, moved site) is disconnected. */
  const assertUserSession = async (peer: Peer) => {
    if (peer.identity.kind !== 'user' || !peer.identity.sessionHash) return;
    if (await findWidgetSessionByHash(services.db, peer.identity.sessionHash)) return;
    setImmediate(() => peer.socket.disconnect(true));
    throw new AppError('invalid_credentials', 'The widget session has ended.');
  };

  /** An agent whose session ended (logout, expiry, deactivation) is disconnected. */
  const assertAgentSession = async (peer: Peer) => {
    if (peer.identity.kind !== 'agent') return;
    if (await findAgentSessionByHash(services.db, peer.identity.sessionHash)) return;
    // After the refusal's acknowledgement has gone out.
    setImmediate(() => peer.socket.disconnect(true));
    throw new AppError('invalid_credentials', 'The agent session has ended.');
  };

  const send = async (peer: Peer, raw: unknown): Promise<SendAck> => {
    const payload = parsePayload(sendPayload, raw);
    const ctx = contextOf(peer);
    const { identity } = peer;
    if (identity.kind === 'agent') {
      await assertAgentSession(peer);
      if (!payload.conversationId) throw invalid('conversationId', 'An agent names the conversation');
      const conversation = await conversationFor(peer, payload.conversationId);
      assertCanSendAs(ctx.actor, 'agent', identity.agentId);
      const { message } = await sendMessage(ctx, {
        conversationId: payload.conversationId,
        conversation,
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
    await assertUserSession(peer);
    assertCanSendAs(ctx.actor, 'user', identity.userId);
    // The same commands as the widget's REST sends: text, and images/files uploaded to this Chat.
    const body = parsePayload(widgetMessageBody, {
      message_parts: payload.parts,
      client_message_id: payload.clientMessageId,
    });
    const baseUrl = services.config.publicUrl ?? peer.origin;
    if (payload.conversationId) {
      const conversation = await conversationFor(peer, payload.conversationId);
      const { message } = await sendWidgetMessage(ctx, conversation, body, baseUrl);
      return ackOf(message);
    }
    // The first message of a new conversation: its resend names no conversation either.
    const { message } = await startWidgetConversation(ctx, body, baseUrl);
    return ackOf(message);
  };

  const resume = async (peer: Peer, raw: unknown): Promise<ResumeAck> => {
    const payload = parsePayload(resumePayload, raw);
    const conversation = await conversationFor(peer, payload.conversationId);
    let lastSeq = payload.afterSeq;
    await audience.enqueue(peer, async () => {
      lastSeq = await audience.catchUp(peer, conversation, payload.afterSeq);
      const cursor = Math.max(lastSeq, conversation.last_seq, peer.cursors.get(conversation.id) ?? 0);
      peer.cursors.set(conversation.id, cursor);
    });
    return { ok: true, lastSeq };
  };

  const typing = async (peer: Peer, raw: unknown) => {
    const parsed = typingPayload.safeParse(raw);
    if (!parsed.success) return;
    const { conversationId, isTyping } = parsed.data;
    const conversation = await visibleConversation(peer, conversationId);
    if (!conversation) return;
    relay.typing({
      conversation: refOf(conversation),
      event: { conversationId, isTyping, ...actorOf(peer) },
    });
  };

  const read = async (peer: Peer, raw: unknown) => {
    const parsed = readPayload.safeParse(raw);
    if (!parsed.success) return;
    const { conversationId, seq } = parsed.data;
    const conversation = await visibleConversation(peer, conversationId);
    // Nobody reads past the last message.
    if (!conversation || seq > conversation.last_seq) return;
    relay.read({
      conversation: refOf(conversation),
      receipt: { conversationId, seq, ...actorOf(peer) },
      fromSocketId: peer.socket.id,
    });
  };

  /** A failed command as the client sees it: a stable code; 5xx details stay in the log. */
  const errorOf = (error: unknown): RealtimeError => {
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
  };

  return { send, resume, typing, read, assertAgentSession, assertUserSession, errorOf };
}

const actorOf = (peer: Peer) =>
  peer.identity.kind === 'user'
    ? { actorType: 'user' as const, actorId: peer.identity.userId }
    : { actorType: 'agent' as const, actorId: peer.identity.agentId };

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

/** Disconnects the user sockets whose widget session has ended (one query per 500 sockets). */
export async function disconnectEndedWidgetSessions(db: ChatServices['db'], peers: Peer[]) {
  const withSession = peers.filter((peer) => peer.identity.kind === 'user' && peer.identity.sessionHash);
  for (let i = 0; i < withSession.length; i += 500) {
    const chunk = withSession.slice(i, i + 500);
    const hashOf = (peer: Peer) => (peer.identity.kind === 'user' ? peer.identity.sessionHash! : '');
    const live = await findLiveWidgetSessionHashes(db, chunk.map(hashOf));
    for (const peer of chunk) if (!live.has(hashOf(peer))) peer.socket.disconnect(true);
  }
}
