import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export { checkTicketFields, customFieldDefaults } from './check-ticket-fields.js';
export type { TicketFieldCheckInput, TicketFieldCheckResult } from './check-ticket-fields.js';

/** Routes of the ticket-fields module (to be built). */
export const ticketFieldsRoutes: FastifyPluginAsyncZod = async () => {};
