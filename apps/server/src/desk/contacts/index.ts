import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export {
  CONTACT_COLUMNS,
  findContactByEmail,
  findContactByExternalId,
  findContactById,
  findContactByPhone,
  insertContact,
  type ContactRow,
  type NewContact,
} from './contact.repository.js';

/** Routes of the contacts module (to be built). */
export const contactsRoutes: FastifyPluginAsyncZod = async () => {};
