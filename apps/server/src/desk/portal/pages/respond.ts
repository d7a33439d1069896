import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from './html.js';
import { translator } from './i18n.js';
import { renderPage, type Chrome, type PageInput } from './layout.js';
import { chromeOf, languageOf, type PageContext } from './page-context.js';

/** A page that cannot be shown: 404 (unknown or not visible) or 403 (CSRF check failed). */
export class PageError extends Error {
  constructor(readonly kind: 'not_found' | 'csrf') {
    super(kind);
  }
}

/**
 * The Content-Security-Policy of portal pages: only our own inline CSS and same-origin forms,
 * images from https (and the portal's http logo, if an admin chose one), no framing elsewhere.
 */
export function contentSecurityPolicy(
  logoUrl: string | null | undefined,
  chat?: { chatOrigin: string; nonce: string },
): string {
  let images = "'self' https: data:";
  if (logoUrl?.startsWith('http:')) {
    try {
      images += ` ${new URL(logoUrl).origin}`;
    } catch {
      // Logo URLs are validated on write; a bad one simply is not allowed.
    }
  }
  // With Chat's widget: its settings script (by nonce), widget.js, the bootstrap call and the frame.
  const chatRules = chat
    ? [
        `script-src 'self' 'nonce-${chat.nonce}' ${chat.chatOrigin}`,
        `connect-src 'self' ${chat.chatOrigin}`,
        `frame-src ${chat.chatOrigin}`,
      ]
    : [];
  return [
    "default-src 'self'",
    ...chatRules,
    `img-src ${images}`,
    "style-src 'self' 'unsafe-inline'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The headers every portal response carries (pages, redirects and errors alike). */
export function setSecurityHeaders(
  reply: FastifyReply,
  logoUrl?: string | null,
  chat?: { chatOrigin: string; nonce: string },
): void {
  reply.header('content-security-policy', contentSecurityPolicy(logoUrl, chat));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  // Pages carry CSRF tokens and personal data: never keep them in shared caches.
  reply.header('cache-control', 'no-store');
}

function sendDocument(
  reply: FastifyReply,
  status: number,
  document: SafeHtml,
  logoUrl: string | null,
  chat?: { chatOrigin: string; nonce: string },
) {
  setSecurityHeaders(reply, logoUrl, chat);
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').send(document.value);
}

/** Sends a page in the portal's frame. */
export function sendPage(ctx: PageContext, status: number, page: PageInput) {
  const chrome = chromeOf(ctx);
  return sendDocument(ctx.reply, status, renderPage(chrome, page), ctx.portal.logo_url, chrome.chat);
}

/** Sends a page without a portal around it (no portal configured, or it could not be loaded). */
export function sendBarePage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  build: (chrome: Chrome) => PageInput,
) {
  const lang = languageOf(request);
  const chrome: Chrome = {
    portal: null,
    lang,
    t: translator(lang),
    contactName: null,
    csrfToken: '',
    path: request.url,
  };
  return sendDocument(reply, status, renderPage(chrome, build(chrome)), null);
}

/** 303 See Other: after a POST the browser GETs the target (no resubmission on reload). */
export function seeOther(reply: FastifyReply, location: string) {
  setSecurityHeaders(reply);
  return reply.redirect(location, 303);
}
