import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { pageEnvelope, pageLimitOffset } from '../agents/index.js';
import { chatContextOf } from '../api.js';
import { recordFaqFeedback } from './commands/record-faq-feedback.js';
import { searchFaq } from './commands/search-faq.js';
import { widgetReaderOf } from './faq.policy.js';
import {
  presentWidgetFaqArticle,
  presentWidgetFaqArticleSummary,
  presentWidgetFaqCategory,
  presentWidgetFaqSearchHit,
} from './faq.presenter.js';
import {
  findFaqCategoryById,
  findFaqVote,
  findPublishedFaqArticle,
  listPublishedFaqArticles,
  listVisibleFaqCategories,
} from './faq.repository.js';
import {
  faqArticleParams,
  faqCategoryParams,
  faqFeedbackBody,
  widgetFaqArticlesQuery,
  widgetFaqCategoriesQuery,
  widgetFaqSearchQuery,
} from './faq.schemas.js';

const tags = ['widget', 'faq'];
/** Widget routes take a widget session token (POST /v2/widget/sessions), never a staff token. */
const widget = { config: { audience: 'widget' as const } };
const security = [{ widgetSession: [] }];

/**
 * The FAQ in the widget (C7): published articles only; a draft is as absent as an unknown id.
 * Browse categories > articles, read one (sanitized HTML), search, and say whether it helped.
 */
export const faqWidgetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/widget/faq/categories',
    {
      schema: {
        tags,
        summary: 'Categories with published articles, by position (locale: its own and those with none)',
        querystring: widgetFaqCategoriesQuery,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      widgetReaderOf(ctx.actor);
      const rows = await listVisibleFaqCategories(ctx.db, request.query.locale);
      return { categories: rows.map(presentWidgetFaqCategory) };
    },
  );

  app.get(
    '/widget/faq/categories/:id/articles',
    {
      schema: {
        tags,
        summary: "A category's published articles, by position",
        params: faqCategoryParams,
        querystring: widgetFaqArticlesQuery,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      widgetReaderOf(ctx.actor);
      if (!(await findFaqCategoryById(ctx.db, request.params.id))) throw notFound();
      const { limit, offset } = pageLimitOffset(request.query);
      const { rows, total } = await listPublishedFaqArticles(ctx.db, request.params.id, limit, offset);
      return pageEnvelope(
        ctx,
        request,
        'articles',
        rows.map(presentWidgetFaqArticleSummary),
        request.query,
        total,
      );
    },
  );

  app.get(
    '/widget/faq/articles/:id',
    {
      schema: {
        tags,
        summary: 'A published article (sanitized HTML) and the own "did this help" vote',
        params: faqArticleParams,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const { userId } = widgetReaderOf(ctx.actor);
      const row = await findPublishedFaqArticle(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentWidgetFaqArticle(row, await findFaqVote(ctx.db, row.id, userId));
    },
  );

  app.get(
    '/widget/faq/search',
    {
      schema: {
        tags,
        summary: 'Full-text search of published articles (English stemming, CJK), best first, at most 20',
        querystring: widgetFaqSearchQuery,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      widgetReaderOf(ctx.actor);
      const { q, locale, limit } = request.query;
      const hits = await searchFaq(ctx.db, { term: q, locale, limit });
      return { articles: hits.map(presentWidgetFaqSearchHit) };
    },
  );

  app.post(
    '/widget/faq/articles/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Did this article help? One vote per user; a second one replaces it',
        params: faqArticleParams,
        body: faqFeedbackBody,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const { userId } = widgetReaderOf(ctx.actor);
      const { helpful } = await recordFaqFeedback(ctx, userId, request.params.id, request.body.helpful);
      return { article_id: request.params.id, helpful };
    },
  );
};
