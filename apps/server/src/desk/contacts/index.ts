import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the contacts module (to be built). */
export const contactsRoutes: FastifyPluginAsyncZod = async () => {};
