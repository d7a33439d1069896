import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { parseCookies, serializeCookie, sha256, timingSafeEqualString } from '../../platform/web/index.js';
import type { Actor, DeskServices, Revisions } from '../context.js';
import { deleteAgentSession, findSessionActor, type SessionActorRow } from './agent-auth.repository.js';

/** The agent UI's session cookie. */
export const AGENT_SESSION_COOKIE = 'tandem_desk_session';
/** The header the agent UI echoes its session's CSRF token in, on every API call. */
export const CSRF_HEADER = 'x-csrf-token';
/** How long an agent sign-in lasts. */
export const AGENT_SESSION_TTL_SECONDS = 12 * 60 * 60;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The session cookie's token, when it looks like one of ours. */
export function agentSessionTokenOf(cookieHeader: string | undefined): string | undefined {
  const token = parseCookies(cookieHeader)[AGENT_SESSION_COOKIE];
  return token !== undefined && TOKEN_SHAPE.test(token) ? token : undefined;
}

export function toActor(row: SessionActorRow): Actor {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roleIds: row.role_ids,
    roleKinds: row.role_kinds,
    ticketScope: row.ticket_scope as 1 | 2 | 3,
    groupIds: row.group_ids,
    occasional: row.occasional,
  };
}

/** The live session behind the request's cookie (no CSRF check: reading it is harmless). */
export async function agentSessionOf(services: DeskServices, cookieHeader: string | undefined) {
  const token = agentSessionTokenOf(cookieHeader);
  if (!token) return undefined;
  return agentSessionByToken(services, token);
}

/** The live session with this token, with its agent. */
export const agentSessionByToken = (services: DeskServices, token: string) =>
  findSessionActor(services.db, sha256(token), new Date());

/** True when the request carries the agent session cookie (and no Basic auth, which wins). */
export const usesAgentSession = (request: FastifyRequest) =>
  !request.headers.authorization && agentSessionTokenOf(request.headers.cookie) !== undefined;

/**
 * Authenticates an /api/v2 request by the agent UI's session cookie: the session must be live and
 * its agent active (else 401), and `X-CSRF-Token` must equal the session's token on every method
 * (else 403), so another site can neither forge nor replay a call with the cookie.
 */
export async function authenticateAgentSession(
  request: FastifyRequest,
  services: DeskServices,
): Promise<{ actor: Actor; revisions: Revisions }> {
  const row = await agentSessionOf(services, request.headers.cookie);
  if (!row) throw new AppError('invalid_credentials');
  assertCsrf(row, request);
  return { actor: toActor(row), revisions: { ticketFields: Number(row.ticket_fields_revision) } };
}

/** 403 unless the request's `X-CSRF-Token` equals the session's token. */
export function assertCsrf(row: { csrf_token: string }, request: FastifyRequest): void {
  const submitted = request.headers[CSRF_HEADER];
  if (
    typeof submitted !== 'string' ||
    submitted === '' ||
    !timingSafeEqualString(row.csrf_token, submitted)
  ) {
    throw new AppError('access_denied', 'The X-CSRF-Token header is missing or does not match the session.');
  }
}

/** Ends the session named by the request's cookie (nothing happens without one). */
export async function signOutAgent(services: DeskServices, cookieHeader: string | undefined): Promise<void> {
  const token = agentSessionTokenOf(cookieHeader);
  if (token) await deleteAgentSession(services.db, sha256(token));
}

/** Set-Cookie starting a session: HttpOnly, SameSite=Strict, Secure over https. */
export function agentSessionCookie(token: string, options: { secure: boolean }): string {
  return serializeCookie(AGENT_SESSION_COOKIE, token, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Strict',
    path: '/',
    maxAge: AGENT_SESSION_TTL_SECONDS,
  });
}

/** Set-Cookie removing the session cookie (sign-out). */
export function clearAgentSessionCookie(options: { secure: boolean }): string {
  return serializeCookie(AGENT_SESSION_COOKIE, '', {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Strict',
    path: '/',
    maxAge: 0,
  });
}
