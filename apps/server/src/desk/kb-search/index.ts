import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export { articleSearchVector } from './search-document.js';

/** Routes of the kb-search module (to be built): GET /search/solutions. */
export const kbSearchRoutes: FastifyPluginAsyncZod = async () => {};
