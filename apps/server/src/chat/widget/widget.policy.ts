import { AppError } from '../../platform/http/errors.js';
import { consumeRateLimit } from '../../platform/http/rate-limit.js';
import type { ChatActor, ChatServices } from '../context.js';

/** Session starts per client IP per minute: enough for a family behind one NAT, not for guessing. */
export const WIDGET_SESSIONS_PER_IP_PER_MINUTE = 30;

/**
 * POST /v2/widget/sessions is public and checks secrets (widget token, restore ids, signatures),
 * so each IP gets its own small budget on top of the account's limit; 429 with Retry-After.
 */
export async function assertWidgetSessionRate(services: ChatServices, ip: string) {
  const rate = await consumeRateLimit(
    services.rateLimitStore,
    `chat-widget-session:${ip}`,
    WIDGET_SESSIONS_PER_IP_PER_MINUTE,
    1,
  );
  if (!rate.allowed) {
    throw new AppError(
      'rate_limited',
      `Too many widget sessions from this address; try again in ${rate.retryAfterSeconds} s.`,
      [],
      undefined,
      { 'retry-after': String(rate.retryAfterSeconds) },
    );
  }
}

/**
 * The origins a session request speaks for, each to be allowed by the site: the `Origin` header
 * unless it is Chat's own (the widget iframe, served by Chat), and the host page's origin the
 * iframe reports. A request without either (a server) has none to check.
 */
export function requestOrigins(
  originHeader: string | undefined,
  ownOrigin: string,
  pageOrigin: string | undefined,
): string[] {
  const origins = new Set<string>();
  if (originHeader !== undefined && originHeader !== ownOrigin) origins.add(normalizeOrigin(originHeader));
  if (pageOrigin !== undefined) origins.add(normalizeOrigin(pageOrigin));
  return [...origins];
}

/** `https://Example.com:443` → `https://example.com`, as sites store them; anything else as sent. */
function normalizeOrigin(value: string): string {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? value : origin;
  } catch {
    return value;
  }
}

/** The widget user acting, for widget routes (their hook admits only widget sessions). */
export function widgetUserOf(actor: ChatActor): { userId: string; siteId: string } {
  if (actor.kind !== 'user') throw new AppError('invalid_credentials');
  return { userId: actor.userId, siteId: actor.siteId };
}
