import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { ChatServices, ChatContext, StaffActor } from '../context.js';

/** Who an import acts as, stored with it: the admin who started it. */
export interface StoredActor {
  kind: 'token' | 'agent';
  id: string;
  role: StaffActor['role'];
}

export const storedActorOf = (actor: StaffActor): StoredActor =>
  actor.kind === 'token'
    ? { kind: 'token', id: actor.tokenId, role: actor.role }
    : { kind: 'agent', id: actor.agentId, role: actor.role };

const actorOf = (stored: StoredActor): StaffActor =>
  stored.kind === 'token'
    ? { kind: 'token', tokenId: stored.id, role: stored.role }
    : { kind: 'agent', agentId: stored.id, role: stored.role };

/** Live sync acts for the account, as an admin would. */
export const LIVE_SYNC_ACTOR: StoredActor = { kind: 'token', id: 'helpdesk-faq-live-sync', role: 'admin' };

// Jobs run outside any request; what matters of a run is recorded on its import row.
const quiet = pino({ level: 'silent' });

/** A command context for a background job acting as `actor`. */
export function jobContext(services: ChatServices, actor: StoredActor): ChatContext {
  return { actor: actorOf(actor), db: services.db, requestId: randomUUID(), log: quiet, services };
}

const running = new WeakMap<ChatServices, Promise<unknown>>();

/**
 * Runs `fn` after any import or sync this process is running (one at a time: they write the
 * same rows and the same progress). Across processes the import rows' state says who runs.
 */
export function exclusively<T>(services: ChatServices, fn: () => Promise<T>): Promise<T> {
  const previous = running.get(services) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(fn);
  running.set(services, next);
  return next;
}
