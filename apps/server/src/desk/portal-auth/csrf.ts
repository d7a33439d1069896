import {
  parseCookies,
  randomToken,
  serializeCookie,
  timingSafeEqualString,
} from '../../platform/web/index.js';

/** The double-submit cookie of forms shown to visitors who are not signed in. */
export const CSRF_COOKIE = 'tandem_portal_csrf';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

const matches = (expected: string, submitted: unknown): boolean =>
  typeof submitted === 'string' && submitted.length > 0 && timingSafeEqualString(expected, submitted);

/** True when a signed-in form echoed its session's CSRF token. */
export function verifyCsrf(session: { csrfToken: string } | undefined, submittedToken: unknown): boolean {
  return session !== undefined && matches(session.csrfToken, submittedToken);
}

/**
 * The CSRF token to put in an anonymous form (sign-in, request a link, set a password): the one
 * the visitor's cookie already holds, or a new one with the Set-Cookie value that stores it.
 */
export function anonymousCsrf(
  cookieHeader: string | undefined,
  options: { secure?: boolean } = {},
): { token: string; setCookie?: string } {
  const existing = parseCookies(cookieHeader)[CSRF_COOKIE];
  if (existing !== undefined && TOKEN_SHAPE.test(existing)) return { token: existing };
  const token = randomToken();
  return {
    token,
    setCookie: serializeCookie(CSRF_COOKIE, token, {
      httpOnly: true,
      secure: options.secure ?? false,
      sameSite: 'Lax',
      path: '/',
    }),
  };
}

/**
 * True when an anonymous form's submitted token equals the visitor's CSRF cookie. A cross-site
 * page can make the browser post the form but can neither read nor set that cookie.
 */
export function verifyAnonymousCsrf(cookieHeader: string | undefined, submitted: unknown): boolean {
  const cookie = parseCookies(cookieHeader)[CSRF_COOKIE];
  return cookie !== undefined && TOKEN_SHAPE.test(cookie) && matches(cookie, submitted);
}
