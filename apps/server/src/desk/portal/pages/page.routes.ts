import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import type { DeskServices } from '../../context.js';
import { searchArticles } from '../../kb-search/index.js';
import {
  clearSessionCookie,
  MIN_PASSWORD_LENGTH,
  requestPasswordLink,
  sessionCookie,
  setPasswordWithToken,
  signIn,
  signOut,
  verifyAnonymousCsrf,
  verifyCsrf,
} from '../../portal-auth/index.js';
import {
  findVisibleArticle,
  findVisibleFolder,
  listPortalCategories,
  listPublishedArticles,
  recordArticleView,
  voteArticle,
} from '../../solutions/index.js';
import {
  createPortalReply,
  createPortalTicket,
  customerTicketForm,
  findContactTicket,
  listContactTickets,
} from '../../tickets/index.js';
import { isLanguage, type MessageKey } from './i18n.js';
import {
  anonymousFormToken,
  existingPageContext,
  formToken,
  languageCookie,
  loadPageContext,
  NoPortalError,
  portalOrigin,
  safeNext,
  type PageContext,
} from './page-context.js';
import { formOf, pageId, pageNumber, parseFormBody, stringOf, type FormValues } from './request-input.js';
import { PageError, seeOther, sendBarePage, sendPage, setSecurityHeaders } from './respond.js';
import { loginPage, passwordNewPage, passwordSetPage } from './views/account.js';
import { csrfPage, errorPage, noPortalPage, notFoundPage } from './views/errors.js';
import { articlePage, folderPage, homePage, SEARCH_PAGE_SIZE, searchPage } from './views/knowledge-base.js';
import { myTicketsPage, newTicketPage, ticketPage } from './views/tickets.js';

/** One-line confirmations a redirect may ask the next page to show (`?notice=`). */
const NOTICES: Record<string, MessageKey> = {
  submitted: 'ticketSubmitted',
  replied: 'replyAdded',
  'signed-out': 'signedOut',
  'password-set': 'passwordSaved',
};

function noticeOf(ctx: PageContext): string | null {
  const key = NOTICES[stringOf(ctx.request.query, 'notice')];
  return key ? ctx.t(key) : null;
}

/** The status of a failed page: ours, the house errors' (bad JSON, 415, 413), else 500. */
function statusOf(error: unknown): number {
  if (error instanceof PageError) return error.kind === 'csrf' ? 403 : 404;
  if (error instanceof AppError) return error.status;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** Forms of signed-in contacts echo the session's token; visitors' forms the double-submit cookie. */
function assertCsrf(ctx: PageContext, form: FormValues): void {
  const ok = ctx.session
    ? verifyCsrf(ctx.session, stringOf(form, '_csrf'))
    : verifyAnonymousCsrf(ctx.request.headers.cookie, stringOf(form, '_csrf'));
  if (!ok) throw new PageError('csrf');
}

/** Sign-in and password forms are always a visitor's forms: they check the double-submit cookie. */
function assertAnonymousCsrf(ctx: PageContext, form: FormValues): void {
  if (!verifyAnonymousCsrf(ctx.request.headers.cookie, stringOf(form, '_csrf'))) throw new PageError('csrf');
}

/** The signed-in contact, or a redirect to sign-in that comes back here (GET pages only). */
function signedInOrRedirect(ctx: PageContext, back: string) {
  if (ctx.session) return ctx.session;
  void seeOther(ctx.reply, `/support/login?next=${encodeURIComponent(back)}`);
  return undefined;
}

/** The pages under /support, with their own 404/403/500 pages. */
async function supportPages(app: FastifyInstance, { services }: { services: DeskServices }) {
  const load = (request: FastifyRequest, reply: FastifyReply) => loadPageContext(services, request, reply);
  const { db } = services;

  app.setNotFoundHandler(async (request, reply) => {
    const ctx = await load(request, reply);
    return sendPage(ctx, 404, notFoundPage(ctx.t));
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof NoPortalError) return sendBarePage(request, reply, 404, (c) => noPortalPage(c.t));
    const ctx = existingPageContext(request);
    const code = statusOf(error);
    if (code >= 500) request.log.error({ err: error }, 'portal page failed');
    const page = (t: PageContext['t']) =>
      error instanceof PageError && error.kind === 'csrf'
        ? csrfPage(t)
        : code === 404
          ? notFoundPage(t)
          : errorPage(t);
    if (ctx) return sendPage(ctx, code, page(ctx.t));
    return sendBarePage(request, reply, code, (c) => page(c.t));
  });

  // --- knowledge base ---------------------------------------------------------------------------

  const home = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await load(request, reply);
    const categories = await listPortalCategories(db, ctx.portal.id, ctx.viewer);
    return sendPage(ctx, 200, { ...homePage(ctx.t, categories), notice: noticeOf(ctx) });
  };
  app.get('', async (_request, reply) => seeOther(reply, '/support/home'));
  app.get('/home', home);
  app.get('/solutions', home);

  app.get('/solutions/folders/:id', async (request, reply) => {
    const ctx = await load(request, reply);
    const id = pageId(request);
    // Both at once: the article list is thrown away when the folder is not visible.
    const [folder, articles] = await Promise.all([
      findVisibleFolder(db, id, ctx.viewer, ctx.portal.id),
      listPublishedArticles(db, id),
    ]);
    if (!folder) throw new PageError('not_found');
    return sendPage(ctx, 200, folderPage(ctx.t, folder, articles));
  });

  app.get('/solutions/articles/:id', async (request, reply) => {
    const ctx = await load(request, reply);
    const article = await findVisibleArticle(db, pageId(request), ctx.viewer, ctx.portal.id);
    if (!article) throw new PageError('not_found');
    // The thank-you view right after voting is the same reader, not a new view.
    const voted = stringOf(request.query, 'voted') === '1';
    if (!voted) await recordArticleView(db, article.id);
    return sendPage(ctx, 200, articlePage(ctx.t, ctx.lang, article, { csrfToken: formToken(ctx), voted }));
  });

  app.post('/solutions/articles/:id/vote', async (request, reply) => {
    const ctx = await load(request, reply);
    const id = pageId(request);
    const form = formOf(request);
    assertCsrf(ctx, form);
    const article = await findVisibleArticle(db, id, ctx.viewer, ctx.portal.id);
    if (!article) throw new PageError('not_found');
    const answer = stringOf(form, 'helpful');
    if (answer === 'yes' || answer === 'no') await voteArticle(db, article.id, answer === 'yes');
    return seeOther(reply, `/support/solutions/articles/${article.id}?voted=1`);
  });

  app.get('/search', async (request, reply) => {
    const ctx = await load(request, reply);
    const term = stringOf(request.query, 'term').slice(0, 200);
    const page = pageNumber(request);
    const hits =
      term.trim() === ''
        ? []
        : await searchArticles(db, {
            term,
            viewer: ctx.viewer,
            portalId: ctx.portal.id,
            limit: SEARCH_PAGE_SIZE + 1,
            offset: (page - 1) * SEARCH_PAGE_SIZE,
          });
    return sendPage(ctx, 200, searchPage(ctx.t, term, hits, page));
  });

  // --- sign-in ------------------------------------------------------------------------------------

  app.get('/login', async (request, reply) => {
    const ctx = await load(request, reply);
    const next = safeNext(stringOf(request.query, 'next'), '/support/tickets');
    if (ctx.session) return seeOther(reply, next);
    const page = loginPage(ctx.t, { csrfToken: anonymousFormToken(ctx), email: '', next, error: null });
    return sendPage(ctx, 200, { ...page, notice: noticeOf(ctx) });
  });

  app.post('/login', async (request, reply) => {
    const ctx = await load(request, reply);
    const form = formOf(request);
    assertAnonymousCsrf(ctx, form);
    const email = stringOf(form, 'email').slice(0, 254);
    const next = safeNext(stringOf(form, 'next'), '/support/tickets');
    const result = await signIn(services, {
      portalId: ctx.portal.id,
      email,
      password: stringOf(form, 'password'),
      ip: request.ip,
    });
    if ('sessionToken' in result) {
      reply.header('set-cookie', sessionCookie(result.sessionToken, { secure: ctx.secure }));
      return seeOther(reply, next);
    }
    let error = ctx.t('loginFailed');
    if (result.error === 'throttled') {
      const seconds = result.retryAfterSeconds ?? 60;
      reply.header('retry-after', String(seconds));
      error =
        seconds < 120
          ? ctx.t('loginThrottledSeconds', { count: seconds })
          : ctx.t('loginThrottledMinutes', { count: Math.ceil(seconds / 60) });
    }
    const status = result.error === 'throttled' ? 429 : 401;
    return sendPage(
      ctx,
      status,
      loginPage(ctx.t, { csrfToken: anonymousFormToken(ctx), email, next, error }),
    );
  });

  app.post('/logout', async (request, reply) => {
    const ctx = await load(request, reply);
    if (!ctx.session) return seeOther(reply, '/support/home');
    assertCsrf(ctx, formOf(request));
    await signOut(services, request.headers.cookie);
    reply.header('set-cookie', clearSessionCookie({ secure: ctx.secure }));
    return seeOther(reply, '/support/home?notice=signed-out');
  });

  app.get('/password/new', async (request, reply) => {
    const ctx = await load(request, reply);
    const page = passwordNewPage(ctx.t, {
      csrfToken: anonymousFormToken(ctx),
      email: '',
      sent: false,
      error: null,
    });
    return sendPage(ctx, 200, page);
  });

  app.post('/password/new', async (request, reply) => {
    const ctx = await load(request, reply);
    const form = formOf(request);
    assertAnonymousCsrf(ctx, form);
    const email = stringOf(form, 'email').trim().slice(0, 254);
    if (!email) {
      const page = passwordNewPage(ctx.t, {
        csrfToken: anonymousFormToken(ctx),
        email,
        sent: false,
        error: ctx.t('fieldRequired'),
      });
      return sendPage(ctx, 422, page);
    }
    await requestPasswordLink(services, { portal: { id: ctx.portal.id, baseUrl: portalOrigin(ctx) }, email });
    return sendPage(ctx, 200, passwordNewPage(ctx.t, { csrfToken: '', email, sent: true, error: null }));
  });

  app.get('/password/set', async (request, reply) => {
    const ctx = await load(request, reply);
    const token = stringOf(request.query, 'token');
    const tokenError = !/^[A-Za-z0-9_-]{20,100}$/.test(token);
    const page = passwordSetPage(ctx.t, {
      csrfToken: anonymousFormToken(ctx),
      token,
      minLength: MIN_PASSWORD_LENGTH,
      errors: {},
      tokenError,
    });
    return sendPage(ctx, tokenError ? 400 : 200, page);
  });

  app.post('/password/set', async (request, reply) => {
    const ctx = await load(request, reply);
    const form = formOf(request);
    assertAnonymousCsrf(ctx, form);
    const token = stringOf(form, 'token');
    const password = stringOf(form, 'password');
    const render = (
      status: number,
      errors: { password?: string; password_confirmation?: string },
      tokenError = false,
    ) =>
      sendPage(
        ctx,
        status,
        passwordSetPage(ctx.t, {
          csrfToken: anonymousFormToken(ctx),
          token,
          minLength: MIN_PASSWORD_LENGTH,
          errors,
          tokenError,
        }),
      );
    if (password.length < MIN_PASSWORD_LENGTH)
      return render(422, { password: ctx.t('passwordTooShort', { count: MIN_PASSWORD_LENGTH }) });
    if (password !== stringOf(form, 'password_confirmation'))
      return render(422, { password_confirmation: ctx.t('passwordMismatch') });
    const result = await setPasswordWithToken(services, { token, password });
    if ('error' in result) {
      if (result.error === 'weak_password')
        return render(422, { password: ctx.t('passwordTooShort', { count: MIN_PASSWORD_LENGTH }) });
      return render(400, {}, true);
    }
    return seeOther(reply, '/support/login?notice=password-set');
  });

  // --- tickets (signed-in contacts only) -----------------------------------------------------------

  app.get('/tickets', async (request, reply) => {
    const ctx = await load(request, reply);
    const session = signedInOrRedirect(ctx, '/support/tickets');
    if (!session) return reply;
    const tickets = await listContactTickets(services, session.contact.id);
    return sendPage(ctx, 200, myTicketsPage(ctx.t, ctx.lang, tickets));
  });

  app.get('/tickets/new', async (request, reply) => {
    const ctx = await load(request, reply);
    if (!signedInOrRedirect(ctx, '/support/tickets/new')) return reply;
    const fields = await customerTicketForm(services);
    return sendPage(
      ctx,
      200,
      newTicketPage(ctx.t, { fields, csrfToken: formToken(ctx), values: {}, errors: [] }),
    );
  });

  app.post('/tickets/new', async (request, reply) => {
    const ctx = await load(request, reply);
    if (!ctx.session) return seeOther(reply, '/support/login?next=%2Fsupport%2Ftickets%2Fnew');
    const form = formOf(request);
    assertCsrf(ctx, form);
    const { _csrf: _token, ...values } = form;
    const result = await createPortalTicket(services, {
      contactId: ctx.session.contact.id,
      portalId: ctx.portal.id,
      values,
    });
    if ('ticketId' in result) return seeOther(reply, `/support/tickets/${result.ticketId}?notice=submitted`);
    const fields = await customerTicketForm(services);
    const page = newTicketPage(ctx.t, { fields, csrfToken: formToken(ctx), values, errors: result.errors });
    return sendPage(ctx, 422, page);
  });

  const showTicket = async (
    ctx: PageContext,
    id: number,
    status: number,
    reply: string,
    replyErrors: FieldError[],
  ) => {
    const ticket = await findContactTicket(services, ctx.session!.contact.id, id);
    if (!ticket) throw new PageError('not_found');
    const replyError =
      replyErrors.length > 0
        ? ctx.t(replyErrors[0]!.code === 'missing_field' ? 'fieldRequired' : 'fieldTooLong')
        : null;
    const page = ticketPage(ctx.t, ctx.lang, ticket, {
      csrfToken: formToken(ctx),
      contactName: ctx.session!.contact.name,
      reply,
      replyError,
    });
    return sendPage(ctx, status, { ...page, notice: status === 200 ? noticeOf(ctx) : null });
  };

  app.get('/tickets/:id', async (request, reply) => {
    const ctx = await load(request, reply);
    const id = pageId(request);
    if (!signedInOrRedirect(ctx, `/support/tickets/${id}`)) return reply;
    return showTicket(ctx, id, 200, '', []);
  });

  app.post('/tickets/:id', async (request, reply) => {
    const ctx = await load(request, reply);
    const id = pageId(request);
    if (!ctx.session)
      return seeOther(reply, `/support/login?next=${encodeURIComponent(`/support/tickets/${id}`)}`);
    const form = formOf(request);
    assertCsrf(ctx, form);
    const body = stringOf(form, 'body');
    const result = await createPortalReply(services, {
      contactId: ctx.session.contact.id,
      ticketId: id,
      body,
    });
    if (!result) throw new PageError('not_found');
    if ('errors' in result) return showTicket(ctx, id, 422, body, result.errors);
    return seeOther(reply, `/support/tickets/${id}?notice=replied`);
  });

  // --- language switcher ---------------------------------------------------------------------------

  app.get('/lang', async (request, reply) => {
    const lang = stringOf(request.query, 'lang');
    const secure = request.protocol === 'https';
    if (isLanguage(lang)) reply.header('set-cookie', languageCookie(lang, secure));
    return seeOther(reply, safeNext(stringOf(request.query, 'next'), '/support/home'));
  });
}

/**
 * The customer portal: server-rendered pages under /support for the portal the request's Host
 * names (else the default portal). `/` leads to the help-center home.
 */
export const portalPageRoutes: FastifyPluginAsyncZod<{ services: DeskServices }> = async (
  app,
  { services },
) => {
  // HTML forms post urlencoded bodies; only these pages accept them (the API stays JSON-only).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 256 * 1024 },
    (_request, body, done) => done(null, parseFormBody(String(body))),
  );
  app.addHook('onRequest', async (_request, reply) => setSecurityHeaders(reply));
  app.get('/', async (_request, reply) => reply.redirect('/support/home', 302));
  await app.register(supportPages, { prefix: '/support', services });
};
