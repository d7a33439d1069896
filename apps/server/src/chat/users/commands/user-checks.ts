import { FieldErrors } from '../../../platform/http/errors.js';
import type { ChatDb } from '../../db.js';
import { findSiteById } from '../../sites/index.js';
import { checkUserProperties, type PropertyInput } from '../../user-properties/index.js';

/** Checks what a user write references (site, declared properties); reports all problems at once. */
export async function checkUserWrite(
  db: ChatDb,
  input: { siteId?: string; properties?: readonly PropertyInput[] },
): Promise<Record<string, unknown>> {
  const errors = new FieldErrors();
  if (input.siteId !== undefined && !(await findSiteById(db, input.siteId))) {
    errors.add('site_id', 'invalid_value', 'There is no site with this id (see GET /v2/sites)');
  }
  const changes = input.properties?.length ? await checkUserProperties(db, input.properties, errors) : {};
  errors.throwIfAny();
  return changes;
}

/** The stored form of property changes on a new user: removals mean nothing there. */
export function withoutNulls(changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null));
}
