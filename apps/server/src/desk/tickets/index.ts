import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the tickets module (to be built). */
export const ticketsRoutes: FastifyPluginAsyncZod = async () => {};
