import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf, pageOffset, paginate } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import { presentArticlesByIds } from '../solutions/index.js';
import { searchSolutionsSchema } from './kb-search.schemas.js';
import { searchArticles } from './search-articles.js';

/** Freshdesk's article search (A13): `GET /search/solutions?term=` → an array of articles. */
export const kbSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search/solutions',
    { schema: { tags: ['solutions'], summary: 'Search published articles', ...searchSolutionsSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { term, page, per_page } = request.query;
      // Every agent reads the whole knowledge base (solutions policy); search lists published articles.
      const hits = await searchArticles(ctx.db, {
        term,
        viewer: { kind: 'agent' },
        limit: per_page + 1,
        offset: pageOffset({ page, per_page }),
      });
      const shown = paginate(
        request,
        reply,
        hits,
        { page, per_page },
        baseUrlOf(request, ctx.services.config.publicUrl),
      );
      return presentArticlesByIds(
        ctx.db,
        shown.map((hit) => hit.id),
      );
    },
  );
};
