import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DeskConfig } from '../config.js';
import type { RateLimitStore } from '../platform/http/rate-limit.js';
import type { Mailer } from '../platform/mail/index.js';
import type { DeskDB, DeskDb } from './db.js';
import type { RoleKind } from './db.js';

/** Long-lived things Desk's routes and commands need; built once in app.ts. */
export interface DeskServices {
  db: Kysely<DeskDB>;
  config: DeskConfig;
  rateLimitStore: RateLimitStore;
  /** Sends outbox mail after commit (SMTP), or leaves it in the outbox and logs it. */
  mailer: Mailer;
}

/** The authenticated agent behind a request (API key owner). */
export interface Actor {
  id: number;
  name: string;
  email: string | null;
  roleIds: number[];
  roleKinds: RoleKind[];
  /** 1 global, 2 group, 3 restricted (own tickets only). */
  ticketScope: 1 | 2 | 3;
  groupIds: number[];
  occasional: boolean;
}

/** Revisions of rarely changing data as of this request's start (see desk_revisions). */
export interface Revisions {
  ticketFields: number;
}

/** What every command receives: who acts, the database or open transaction, the request id. */
export interface DeskContext {
  actor: Actor;
  revisions: Revisions;
  db: DeskDb;
  requestId: string;
  log: FastifyBaseLogger;
  services: DeskServices;
}

/** Runs `fn` in one transaction; the context it gets carries the transaction. */
export async function inTransaction<T>(ctx: DeskContext, fn: (ctx: DeskContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.services.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

export const isAdmin = (actor: Actor) =>
  actor.roleKinds.includes('account_admin') || actor.roleKinds.includes('admin');
export const isAccountAdmin = (actor: Actor) => actor.roleKinds.includes('account_admin');
