import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { findAgentSessionByHash } from '../agents/index.js';
import { hashToken } from '../auth/tokens.js';
import type { ChatServices } from '../context.js';
import type { ChatRole } from '../db.js';
import { findUserByRestoreId, upsertWidgetUser, verifyExternalId } from '../users/index.js';
import { findWidgetTokenOfApp } from './realtime.repository.js';

/** Who a socket belongs to, decided once at the handshake. */
export type SocketIdentity =
  | { kind: 'user'; userId: string; siteId: string }
  /** `sessionHash`: to check the session again while the socket lives (logout, expiry, deactivation). */
  | { kind: 'agent'; agentId: string; role: ChatRole; sessionHash: string };

/** A refused handshake: the client's `connect_error` carries `message` and `data.code`. */
export class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

const text = z.string().min(1).max(2000);
const resumeMap = z
  .record(z.uuid(), z.number().int().min(0))
  .refine((map) => Object.keys(map).length <= 100, 'At most 100 conversations are resumed at once')
  .optional();
const agentAuth = z.object({ sessionToken: text, resume: resumeMap });
const userAuth = z.object({
  appId: text,
  widgetToken: text,
  siteId: text,
  restoreId: text.optional(),
  externalId: text.optional(),
  signature: text.optional(),
  jwt: text.optional(),
  resume: resumeMap,
});

export interface Handshake {
  identity: SocketIdentity;
  /** Conversations the client resumes at once: the last sequence number it saw in each. */
  resume: Record<string, number>;
}

const safeEqual = (a: string, b: string) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Checks a socket's handshake `auth`: an agent by inbox session token; a widget user by the
 * account's app id and widget token, the site, and a restore id or a (verified) external id.
 * Throws HandshakeError with a message saying what is wrong.
 */
export async function authenticateHandshake(services: ChatServices, auth: unknown): Promise<Handshake> {
  const { db } = services;
  if (auth && typeof auth === 'object' && 'sessionToken' in auth) {
    const parsed = agentAuth.safeParse(auth);
    if (!parsed.success) throw new HandshakeError('invalid_handshake', 'The agent handshake is malformed.');
    const sessionHash = hashToken(parsed.data.sessionToken);
    const session = await findAgentSessionByHash(db, sessionHash);
    if (!session)
      throw new HandshakeError('invalid_credentials', 'The agent session is unknown or has expired.');
    return {
      identity: { kind: 'agent', agentId: session.agentId, role: session.role, sessionHash },
      resume: parsed.data.resume ?? {},
    };
  }
  const parsed = userAuth.safeParse(auth);
  if (!parsed.success)
    throw new HandshakeError(
      'invalid_handshake',
      'The handshake needs { sessionToken } (agents) or { appId, widgetToken, siteId, restoreId | externalId } (widget users).',
    );
  const input = parsed.data;
  // app_id is a uuid column: anything else cannot match (and would be a query error).
  const account = z.uuid().safeParse(input.appId).success
    ? await findWidgetTokenOfApp(db, input.appId)
    : undefined;
  if (!account || !safeEqual(account.widget_token, input.widgetToken))
    throw new HandshakeError('invalid_credentials', 'The app id or widget token is wrong.');

  let userId: string | undefined;
  let siteId = input.siteId;
  if (input.externalId !== undefined || input.jwt !== undefined) {
    const verified = await verifyExternalId(services, {
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      ...(input.signature !== undefined ? { signature: input.signature } : {}),
      ...(input.jwt !== undefined ? { jwt: input.jwt } : {}),
    });
    if (!verified.ok) throw new HandshakeError(verified.error, verified.message);
    if (verified.externalId === undefined)
      throw new HandshakeError('invalid_credentials', 'The external id is missing.');
    try {
      const result = await upsertWidgetUser(db, { siteId: input.siteId, referenceId: verified.externalId });
      userId = result.user.id;
      siteId = result.user.site_id;
    } catch (error) {
      if (error instanceof AppError) throw new HandshakeError('invalid_credentials', 'The site is unknown.');
      throw error;
    }
  } else if (input.restoreId !== undefined) {
    const user = await findUserByRestoreId(db, input.siteId, input.restoreId);
    if (!user) throw new HandshakeError('invalid_credentials', 'No user of this site has this restore id.');
    userId = user.id;
    siteId = user.site_id;
  }
  if (!userId)
    throw new HandshakeError('invalid_credentials', 'A widget user needs a restore id or an external id.');
  return { identity: { kind: 'user', userId, siteId }, resume: input.resume ?? {} };
}
