/**
 * Contact sign-in for portals: password links by mail, sessions in secure cookies, CSRF tokens,
 * throttled sign-in; and Desk's outgoing mail (outbox + delivery). Portal pages call these.
 */
export { requestPasswordLink } from './commands/request-password-link.js';
export { setPasswordWithToken } from './commands/set-password-with-token.js';
export { signIn, type SignInResult } from './commands/sign-in.js';
export {
  SESSION_COOKIE,
  clearSessionCookie,
  sessionCookie,
  sessionOf,
  signOut,
  type PortalSession,
} from './session.js';
export { CSRF_COOKIE, anonymousCsrf, verifyAnonymousCsrf, verifyCsrf } from './csrf.js';
export { MIN_PASSWORD_LENGTH } from './passwords.js';
export { deliverMail, enqueueMail, outboxStore } from './mail.js';
export { portalAuthApiRoutes } from './outbox.routes.js';
