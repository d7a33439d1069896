import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the search module (to be built). */
export const searchRoutes: FastifyPluginAsyncZod = async () => {};
