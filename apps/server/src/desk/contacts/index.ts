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
export { presentContact } from './contact.presenter.js';
export { contactsRoutes } from './contact.routes.js';
