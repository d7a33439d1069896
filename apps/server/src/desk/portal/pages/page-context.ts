import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { baseUrlOf } from '../../../platform/http/pagination.js';
import { parseCookies, serializeCookie } from '../../../platform/web/index.js';
import { portalChatWidget, type PortalChatWidget } from '../../chat-channel/index.js';
import type { DeskServices } from '../../context.js';
import { anonymousCsrf, sessionOf, type PortalSession } from '../../portal-auth/index.js';
import type { KbViewer } from '../../solutions/index.js';
import { portalUrlOf } from '../portal.presenter.js';
import { findPortalForHost, type PortalRow } from '../portal.repository.js';
import { pickLanguage, translator, type Language, type Translate } from './i18n.js';
import type { Chrome } from './layout.js';

/** The cookie remembering the language chosen with the switcher. */
export const LANG_COOKIE = 'lang';

/** Everything a portal page handler needs about the request it answers. */
export interface PageContext {
  services: DeskServices;
  request: FastifyRequest;
  reply: FastifyReply;
  portal: PortalRow;
  lang: Language;
  t: Translate;
  session: PortalSession | undefined;
  viewer: KbViewer;
  /** The request came over https: cookies get `Secure`. */
  secure: boolean;
  /** Chat's widget on this page (chat channel on and the portal's chat enabled), else undefined. */
  chatWidget: PortalChatWidget | undefined;
}

/** Thrown when Desk has no portal at all: the pages answer with the "no portal configured" page. */
export class NoPortalError extends Error {}

const contexts = new WeakMap<FastifyRequest, PageContext>();

/** The request's host as a portal's `host` is stored: lower case, with any port. */
function requestHost(request: FastifyRequest): string {
  return (request.headers.host ?? '').trim().toLowerCase();
}

/** The language of a request (cookie, then Accept-Language), also for pages without a portal. */
export function languageOf(request: FastifyRequest): Language {
  return pickLanguage(parseCookies(request.headers.cookie)[LANG_COOKIE], request.headers['accept-language']);
}

/**
 * Resolves the portal (by Host, else the default), the language and the signed-in contact.
 * Two queries at most: the portal, then the session when a session cookie came along.
 */
export async function loadPageContext(
  services: DeskServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<PageContext> {
  const portal = await findPortalForHost(services.db, requestHost(request));
  if (!portal) throw new NoPortalError('no portal configured');
  const session = await sessionOf(services, request.headers.cookie, portal.id);
  const lang = languageOf(request);
  const chatWidget = await portalChatWidget(services, portal, session?.contact);
  const ctx: PageContext = {
    services,
    request,
    reply,
    portal,
    lang,
    t: translator(lang),
    session,
    viewer: session
      ? { kind: 'contact', contactId: session.contact.id, companyId: session.contact.company_id }
      : { kind: 'visitor' },
    secure: request.protocol === 'https',
    chatWidget,
  };
  contexts.set(request, ctx);
  return ctx;
}

/** The context loaded for this request, if any (error pages reuse it). */
export function existingPageContext(request: FastifyRequest): PageContext | undefined {
  return contexts.get(request);
}

/**
 * The CSRF token of a visitor's form (sign-in and password forms always are): the double-submit
 * cookie's, set on this response when the visitor has none yet.
 */
export function anonymousFormToken(ctx: PageContext): string {
  const { token, setCookie } = anonymousCsrf(ctx.request.headers.cookie, { secure: ctx.secure });
  if (setCookie) ctx.reply.header('set-cookie', setCookie);
  return token;
}

/** The CSRF token a form on this page must carry: the session's when signed in, else a visitor's. */
export function formToken(ctx: PageContext): string {
  return ctx.session ? ctx.session.csrfToken : anonymousFormToken(ctx);
}

/** The page frame's view of the context. */
export function chromeOf(ctx: PageContext): Chrome {
  return {
    portal: ctx.portal,
    lang: ctx.lang,
    t: ctx.t,
    contactName: ctx.session?.contact.name ?? null,
    csrfToken: ctx.session?.csrfToken ?? '',
    path: ctx.request.url,
    // A fresh nonce per page: the widget's inline settings script is the only one the CSP runs.
    chat: ctx.chatWidget && { ...ctx.chatWidget, nonce: randomBytes(16).toString('base64') },
  };
}

/**
 * The portal's own origin for links sent by mail: its host, else the configured public URL.
 * Only for the default portal without host and without DESK_PUBLIC_URL does the request's Host
 * decide (set DESK_PUBLIC_URL in production so a forged Host cannot redirect password links).
 */
export function portalOrigin(ctx: PageContext): string {
  const base = baseUrlOf(ctx.request, ctx.services.config.publicUrl);
  return portalUrlOf(ctx.portal, base).replace(/\/support\/home$/, '');
}

/** Set-Cookie value remembering the chosen language for a year. */
export function languageCookie(lang: Language, secure: boolean): string {
  return serializeCookie(LANG_COOKIE, lang, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
  });
}

/**
 * A local path under /support to go back to after sign-in or a language switch, or the
 * fallback: never another site (no open redirect).
 */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!/^\/support(?:[/?#]|$)/.test(next) || /[\\\r\n\t]/.test(next)) return fallback;
  return next;
}
