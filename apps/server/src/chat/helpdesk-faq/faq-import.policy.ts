import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, type ChatActor, type StaffActor } from '../context.js';

/** Owners and admins read the helpdesk's knowledge base and import it (it writes the FAQ). */
export function assertCanImportFaq(actor: ChatActor): StaffActor {
  if (!isChatAdmin(actor)) throw accessDenied();
  return actor;
}
