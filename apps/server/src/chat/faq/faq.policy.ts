import { accessDenied } from '../../platform/http/errors.js';
import { isChatAdmin, isStaff, type ChatActor } from '../context.js';

/** Staff of any role read the FAQ as authored (drafts, counts, sources); agents read only. */
export function assertCanReadFaq(actor: ChatActor) {
  if (!isStaff(actor)) throw accessDenied();
}

/** Only owners and admins write the FAQ (and the helpdesk import, acting with an admin's token). */
export function assertCanManageFaq(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}

/**
 * The widget user reading the published FAQ. Widget routes only ever get a widget user (their
 * audience), so this is the second line of defence, as the type says.
 */
export function widgetReaderOf(actor: ChatActor): { userId: string } {
  if (actor.kind !== 'user') throw accessDenied();
  return { userId: actor.userId };
}
