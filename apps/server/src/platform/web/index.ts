/**
 * Domain-free web plumbing: cookies and tokens for browser sessions and CSRF protection, built
 * front-end files, origins fit for a Content Security Policy.
 */
export { parseCookies, serializeCookie, type CookieOptions } from './cookies.js';
export { randomToken, sha256, timingSafeEqualString } from './tokens.js';
export { builtContentType, builtFileReader, type BuiltFile } from './built-files.js';
export { policyOrigin } from './policy-origin.js';
