import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ChatConfig } from '../config.js';
import type { RateLimitStore } from '../platform/http/rate-limit.js';
import type { ChatDB, ChatDb, ChatRole } from './db.js';
import type { MessageWriter } from './conversations/message-writer.js';
import type { ChatEvent, ChatEventBus } from './events.js';

/** Long-lived things Chat's routes and commands need; built once in chat-app.ts. */
export interface ChatServices {
  db: Kysely<ChatDB>;
  config: ChatConfig;
  rateLimitStore: RateLimitStore;
  /** Events after commit: commands record them, listeners (realtime delivery) hear them. */
  events: ChatEventBus;
  /** The message write's fast path, batched (group commit) per database. */
  messageWriter: MessageWriter;
}

/**
 * Staff: an API token (account-wide, acting with its creator's role), or an agent signed in to the
 * inbox with an agent session (POST /v2/sessions).
 */
export type StaffActor =
  { kind: 'token'; tokenId: string; role: ChatRole } | { kind: 'agent'; agentId: string; role: ChatRole };

/**
 * Who acts: staff, or a widget user (authenticated by app id + widget token + site + restore id or
 * verified external id), who may only touch their own conversations on their own site.
 */
export type ChatActor = StaffActor | { kind: 'user'; userId: string; siteId: string };

/** What every command receives: who acts, the database or open transaction, the request id. */
export interface ChatContext {
  actor: ChatActor;
  db: ChatDb;
  requestId: string;
  log: FastifyBaseLogger;
  services: ChatServices;
  /** Inside inTransaction: the events recorded so far, emitted once the transaction commits. */
  pendingEvents?: ChatEvent[];
}

/**
 * Runs `fn` in one transaction; the context it gets carries the transaction. Events recorded
 * in it reach the bus's listeners only after the commit, and never after a rollback.
 */
export async function inTransaction<T>(ctx: ChatContext, fn: (ctx: ChatContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  const pendingEvents: ChatEvent[] = [];
  const result = await ctx.services.db.transaction().execute(async (trx) => {
    const value = await fn({ ...ctx, db: trx, pendingEvents });
    // Recorded-listeners write in this same transaction (durable webhook jobs), so they exist iff it commits.
    await ctx.services.events.emitRecorded(trx, pendingEvents, ctx.actor);
    return value;
  });
  ctx.services.events.emitCommitted(pendingEvents);
  return result;
}

/**
 * Records an event for after the commit of the current transaction; outside inTransaction the
 * write has already committed, so it is emitted at once.
 */
export function recordEvent(ctx: ChatContext, event: ChatEvent) {
  if (ctx.pendingEvents) {
    ctx.pendingEvents.push(event);
    return;
  }
  // Outside a transaction the write already committed: emit at once; recorded-listeners run on their own.
  ctx.services.events.emitCommitted([event]);
  ctx.services.events
    .emitRecorded(ctx.db, [event], ctx.actor)
    .catch((error: unknown) =>
      ctx.log.error({ err: error, event: event.type }, 'chat event listener failed'),
    );
}

/** An owner or admin (never a widget user). */
export const isChatAdmin = (actor: ChatActor): actor is StaffActor & { role: 'owner' | 'admin' } =>
  actor.kind !== 'user' && (actor.role === 'owner' || actor.role === 'admin');

/** Staff of any role; a widget user is not. */
export const isStaff = (actor: ChatActor): actor is StaffActor => actor.kind !== 'user';
