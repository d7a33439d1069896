import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { pageEnvelope, pageLimitOffset } from '../agents/index.js';
import { chatContextOf } from '../api.js';
import type { ChatContext } from '../context.js';
import { createFaqArticle } from './commands/create-faq-article.js';
import { createFaqCategory } from './commands/create-faq-category.js';
import { deleteFaqArticle } from './commands/delete-faq-article.js';
import { deleteFaqCategory } from './commands/delete-faq-category.js';
import { updateFaqArticle } from './commands/update-faq-article.js';
import { updateFaqCategory } from './commands/update-faq-category.js';
import { upsertFaqArticleBySource } from './commands/upsert-faq-article-by-source.js';
import { upsertFaqCategoryBySource } from './commands/upsert-faq-category-by-source.js';
import { assertCanManageFaq, assertCanReadFaq } from './faq.policy.js';
import { presentFaqArticle, presentFaqCategory } from './faq.presenter.js';
import {
  faqArticleCounts,
  findFaqArticleById,
  findFaqArticleBySource,
  findFaqCategoryById,
  findFaqCategoryBySource,
  listFaqArticles,
  listFaqCategories,
  type FaqCategoryRow,
} from './faq.repository.js';
import {
  createFaqArticleBody,
  createFaqCategoryBody,
  deleteFaqCategoryQuery,
  faqArticleParams,
  faqCategoryParams,
  faqSourceParams,
  listFaqArticlesQuery,
  listFaqCategoriesQuery,
  updateFaqArticleBody,
  updateFaqCategoryBody,
  upsertFaqArticleBody,
  upsertFaqCategoryQuery,
} from './faq.schemas.js';

const tags = ['faq'];

async function viewCategory(ctx: ChatContext, row: FaqCategoryRow) {
  const counts = await faqArticleCounts(ctx.db, [row.id]);
  return presentFaqCategory(row, counts.get(row.id)!);
}

/**
 * The FAQ as authored (C7; our own design, chat-v2.md B9): categories > articles, drafts
 * included. Staff read; owners and admins write. `/by-source/:source/:source_id` is how an
 * importer (the helpdesk FAQ import, I3) creates, replaces and removes what it brought.
 */
export const faqRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/faq/categories',
    { schema: { tags, summary: 'List FAQ categories by position', querystring: listFaqCategoriesQuery } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanReadFaq(ctx.actor);
      const { limit, offset } = pageLimitOffset(request.query);
      const { rows, total } = await listFaqCategories(ctx.db, request.query.locale, limit, offset);
      const counts = await faqArticleCounts(
        ctx.db,
        rows.map((r) => r.id),
      );
      const categories = rows.map((r) => presentFaqCategory(r, counts.get(r.id)!));
      return pageEnvelope(ctx, request, 'categories', categories, request.query, total);
    },
  );

  app.get(
    '/faq/categories/:id',
    { schema: { tags, summary: 'View a FAQ category', params: faqCategoryParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanReadFaq(ctx.actor);
      const row = await findFaqCategoryById(ctx.db, request.params.id);
      if (!row) throw notFound();
      return viewCategory(ctx, row);
    },
  );

  app.post(
    '/faq/categories',
    {
      schema: { tags, summary: 'Create a FAQ category (last unless position)', body: createFaqCategoryBody },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      const row = await createFaqCategory(ctx, request.body);
      reply.code(201).header('location', `/v2/faq/categories/${row.id}`);
      return viewCategory(ctx, row);
    },
  );

  app.put(
    '/faq/categories/:id',
    {
      schema: {
        tags,
        summary: 'Update a FAQ category; position moves it',
        params: faqCategoryParams,
        body: updateFaqCategoryBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      return viewCategory(ctx, await updateFaqCategory(ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/faq/categories/:id',
    {
      schema: {
        tags,
        summary: 'Delete a FAQ category (409 while it has articles, unless cascade=true)',
        params: faqCategoryParams,
        querystring: deleteFaqCategoryQuery,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      await deleteFaqCategory(ctx, request.params.id, { cascade: request.query.cascade ?? false });
      return reply.code(204).send();
    },
  );

  app.put(
    '/faq/categories/by-source/:source/:source_id',
    {
      schema: {
        tags,
        summary: 'Create or replace the category imported from a source (idempotent)',
        params: faqSourceParams,
        querystring: upsertFaqCategoryQuery,
        body: createFaqCategoryBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      const { category, created } = await upsertFaqCategoryBySource(
        ctx,
        { source: request.params.source, sourceId: request.params.source_id },
        request.body,
        { preserveNameAndDescription: request.query.preserve_name_and_description ?? false },
      );
      if (created) reply.code(201).header('location', `/v2/faq/categories/${category.id}`);
      return viewCategory(ctx, category);
    },
  );

  app.delete(
    '/faq/categories/by-source/:source/:source_id',
    {
      schema: {
        tags,
        summary:
          'Delete the category imported from a source (409 while it has articles, unless cascade=true)',
        params: faqSourceParams,
        querystring: deleteFaqCategoryQuery,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      const row = await findFaqCategoryBySource(ctx.db, request.params.source, request.params.source_id);
      if (!row) throw notFound();
      await deleteFaqCategory(ctx, row.id, { cascade: request.query.cascade ?? false });
      return reply.code(204).send();
    },
  );

  app.get(
    '/faq/articles',
    {
      schema: {
        tags,
        summary: 'List FAQ articles (drafts too) by category and position',
        querystring: listFaqArticlesQuery,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanReadFaq(ctx.actor);
      const { limit, offset } = pageLimitOffset(request.query);
      const { category_id: categoryId, status, source } = request.query;
      const { rows, total } = await listFaqArticles(ctx.db, { categoryId, status, source }, limit, offset);
      return pageEnvelope(ctx, request, 'articles', rows.map(presentFaqArticle), request.query, total);
    },
  );

  app.get(
    '/faq/articles/:id',
    { schema: { tags, summary: 'View a FAQ article', params: faqArticleParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanReadFaq(ctx.actor);
      const row = await findFaqArticleById(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentFaqArticle(row);
    },
  );

  app.post(
    '/faq/articles',
    {
      schema: {
        tags,
        summary: 'Create a FAQ article (HTML body sanitized; draft unless status)',
        body: createFaqArticleBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      // Without a source the insert cannot clash, so there is always a row.
      const row = (await createFaqArticle(ctx, request.body))!;
      reply.code(201).header('location', `/v2/faq/articles/${row.id}`);
      return presentFaqArticle(row);
    },
  );

  app.put(
    '/faq/articles/:id',
    {
      schema: {
        tags,
        summary: 'Update a FAQ article; category_id and position move it',
        params: faqArticleParams,
        body: updateFaqArticleBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      return presentFaqArticle(await updateFaqArticle(ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/faq/articles/:id',
    { schema: { tags, summary: 'Delete a FAQ article', params: faqArticleParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      await deleteFaqArticle(ctx, request.params.id);
      return reply.code(204).send();
    },
  );

  app.put(
    '/faq/articles/by-source/:source/:source_id',
    {
      schema: {
        tags,
        summary: 'Create or replace the article imported from a source (idempotent)',
        params: faqSourceParams,
        body: upsertFaqArticleBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      const { article, created } = await upsertFaqArticleBySource(
        ctx,
        { source: request.params.source, sourceId: request.params.source_id },
        request.body,
      );
      if (created) reply.code(201).header('location', `/v2/faq/articles/${article.id}`);
      return presentFaqArticle(article);
    },
  );

  app.delete(
    '/faq/articles/by-source/:source/:source_id',
    {
      schema: {
        tags,
        summary: 'Delete the article imported from a source (unpublished or deleted there)',
        params: faqSourceParams,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageFaq(ctx.actor);
      const row = await findFaqArticleBySource(ctx.db, request.params.source, request.params.source_id);
      if (!row) throw notFound();
      await deleteFaqArticle(ctx, row.id);
      return reply.code(204).send();
    },
  );
};
