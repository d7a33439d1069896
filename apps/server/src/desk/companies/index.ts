import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the companies module (to be built). */
export const companiesRoutes: FastifyPluginAsyncZod = async () => {};
