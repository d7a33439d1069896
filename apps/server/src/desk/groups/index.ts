import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the groups module (to be built). */
export const groupsRoutes: FastifyPluginAsyncZod = async () => {};
