import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the ticket-fields module (to be built). */
export const ticketFieldsRoutes: FastifyPluginAsyncZod = async () => {};
