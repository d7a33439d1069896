import { accessDenied } from '../../platform/http/errors.js';
import { isAdmin, type Actor } from '../context.js';

/**
 * The knowledge base belongs to every agent: all of them read everything (every visibility,
 * drafts included) and write articles. Its structure (categories, folders) and every delete are
 * for admins, account admins and supervisors.
 */
const curates = (actor: Actor) => isAdmin(actor) || actor.roleKinds.includes('supervisor');

/** Any agent reads categories, folders and articles. */
export function assertCanReadSolutions(_actor: Actor) {
  // Every authenticated agent may; kept as a named rule so routes say what they check.
}

/** Any agent creates, edits, publishes and unpublishes articles. */
export function assertCanWriteArticles(_actor: Actor) {
  // Every authenticated agent may.
}

/** Creating and editing categories and folders. */
export function assertCanWriteStructure(actor: Actor) {
  if (!curates(actor)) throw accessDenied();
}

/** Deleting a category, folder or article (deletes cascade and cannot be undone by API). */
export function assertCanDeleteSolutions(actor: Actor) {
  if (!curates(actor)) throw accessDenied();
}
