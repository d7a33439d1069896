import type { SiteRow } from '../sites/index.js';

/**
 * Who may embed a site's widget when the site lists no allowed origins: any https page, and
 * pages on this machine (http://localhost, http://127.0.0.1) for development. Browsers refuse
 * plain-http pages elsewhere (frame-ancestors), and the bootstrap refuses them with a message.
 */
export const OPEN_SITE_FRAME_ANCESTORS = ['https:', 'http://localhost:*', 'http://127.0.0.1:*'];

const LOCAL = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/**
 * Whether a page of `origin` may run the site's widget: one of the site's allowed origins, or,
 * when it lists none, what OPEN_SITE_FRAME_ANCESTORS lets frame it. Chat's own origin (its pages
 * and the iframe) always may.
 */
export function siteAllowsOrigin(site: Pick<SiteRow, 'allowed_origins'>, origin: string, ownOrigin: string) {
  if (origin === ownOrigin) return true;
  if (site.allowed_origins.length > 0) return site.allowed_origins.includes(origin);
  return origin.startsWith('https://') || LOCAL.test(origin);
}

/**
 * The CSP `frame-ancestors` sources of the site's iframe, the same rule as siteAllowsOrigin.
 * Allowed origins were validated as `scheme://host[:port]` on write, so none can break out of
 * the directive.
 */
export function frameAncestorsOf(site: Pick<SiteRow, 'allowed_origins'>): string[] {
  return ["'self'", ...(site.allowed_origins.length > 0 ? site.allowed_origins : OPEN_SITE_FRAME_ANCESTORS)];
}
