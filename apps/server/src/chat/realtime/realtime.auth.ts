import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { findAgentSessionByHash } from '../agents/index.js';
import { hashToken } from '../auth/tokens.js';
import type { ChatServices } from '../context.js';
import type { ChatRole } from '../db.js';
import { authenticateWidgetUser, WidgetAuthError } from '../widget/index.js';

/** Who a socket belongs to, decided once at the handshake. */
export type SocketIdentity =
  /** `sessionHash`: set when a widget session authenticated the socket, checked again while it lives. */
  | { kind: 'user'; userId: string; siteId: string; sessionHash?: string }
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
  appId: text.optional(),
  widgetToken: text,
  siteId: text,
  userSessionToken: text.optional(),
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

/**
 * Checks a socket's handshake `auth`: an agent by inbox session token; a widget user by the
 * account's widget token (and app id, optional), the site, and a widget session token (POST
 * /v2/widget/sessions), a (verified) external id or a restore id — the same check as the REST
 * widget sessions (authenticateWidgetUser). Throws HandshakeError saying what is wrong.
 */
export async function authenticateHandshake(services: ChatServices, auth: unknown): Promise<Handshake> {
  if (auth && typeof auth === 'object' && 'sessionToken' in auth) {
    const parsed = agentAuth.safeParse(auth);
    if (!parsed.success) throw new HandshakeError('invalid_handshake', 'The agent handshake is malformed.');
    const sessionHash = hashToken(parsed.data.sessionToken);
    const session = await findAgentSessionByHash(services.db, sessionHash);
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
      'The handshake needs { sessionToken } (agents) or { widgetToken, siteId, userSessionToken | restoreId | externalId } (widget users).',
    );
  const input = parsed.data;
  try {
    const { user } = await authenticateWidgetUser(services, {
      ...(input.appId !== undefined ? { appId: input.appId } : {}),
      widgetToken: input.widgetToken,
      siteId: input.siteId,
      ...(input.userSessionToken !== undefined ? { sessionToken: input.userSessionToken } : {}),
      ...(input.restoreId !== undefined ? { restoreId: input.restoreId } : {}),
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      ...(input.signature !== undefined ? { signature: input.signature } : {}),
      ...(input.jwt !== undefined ? { jwt: input.jwt } : {}),
      allowNewVisitor: false,
    });
    const identity: SocketIdentity = { kind: 'user', userId: user.id, siteId: user.site_id };
    if (input.userSessionToken !== undefined) identity.sessionHash = hashToken(input.userSessionToken);
    return { identity, resume: input.resume ?? {} };
  } catch (error) {
    if (error instanceof WidgetAuthError) throw new HandshakeError(handshakeCode(error), error.message);
    if (error instanceof AppError && error.code === 'validation_failed')
      throw new HandshakeError('invalid_handshake', 'The handshake has an invalid external id.');
    throw error;
  }
}

/** Identity-verification refusals keep their own codes; every other refusal is bad credentials. */
function handshakeCode(error: WidgetAuthError): string {
  switch (error.code) {
    case 'signature_required':
    case 'invalid_signature':
    case 'token_expired':
      return error.code;
    default:
      return 'invalid_credentials';
  }
}
