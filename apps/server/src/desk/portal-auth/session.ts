import { parseCookies, serializeCookie, sha256 } from '../../platform/web/index.js';
import type { DeskServices } from '../context.js';
import { deleteSession, findSession } from './portal-auth.repository.js';

/** The portal session cookie's name. */
export const SESSION_COOKIE = 'tandem_portal_session';
/** How long a portal sign-in lasts. */
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

/** The signed-in contact as portal pages see it, with the token their forms must echo. */
export interface PortalSession {
  contact: { id: number; name: string; email: string | null; company_id: number | null };
  csrfToken: string;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The session cookie's token, when it looks like one of ours. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  const token = parseCookies(cookieHeader)[SESSION_COOKIE];
  return token !== undefined && TOKEN_SHAPE.test(token) ? token : undefined;
}

/**
 * The contact signed in on this portal by the request's cookie, or undefined (no cookie,
 * unknown or expired session, a session of another portal, a deleted contact).
 */
export async function sessionOf(
  services: DeskServices,
  cookieHeader: string | undefined,
  portalId: number,
): Promise<PortalSession | undefined> {
  const token = sessionTokenOf(cookieHeader);
  if (!token) return undefined;
  const row = await findSession(services.db, sha256(token), portalId, new Date());
  if (!row) return undefined;
  return {
    contact: { id: row.id, name: row.name, email: row.email, company_id: row.company_id },
    csrfToken: row.csrf_token,
  };
}

/** Ends the session named by the request's cookie (nothing happens without one). */
export async function signOut(services: DeskServices, cookieHeader: string | undefined): Promise<void> {
  const token = sessionTokenOf(cookieHeader);
  if (token) await deleteSession(services.db, sha256(token));
}

/** Set-Cookie value starting a session; `secure` when the portal is served over https. */
export function sessionCookie(token: string, options: { secure: boolean }): string {
  return serializeCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** Set-Cookie value removing the session cookie (sign-out). */
export function clearSessionCookie(options: { secure?: boolean } = {}): string {
  return serializeCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    secure: options.secure ?? false,
    sameSite: 'Lax',
    path: '/',
    maxAge: 0,
  });
}
