import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the agents module (to be built). */
export const agentsRoutes: FastifyPluginAsyncZod = async () => {};
