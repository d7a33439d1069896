import { duplicate, FieldErrors } from '../../platform/http/errors.js';
import type { DeskDb } from '../db.js';
import { findExistingCategoryIds, findPortalByHost } from './portal.repository.js';
import type { UpdatePortalInput } from './portal.schemas.js';

/**
 * The checks a portal write needs beyond its schema: shown categories must exist, and the host
 * must be unique ignoring case (409). `portalId` is the portal being updated.
 */
export async function checkPortalWrite(
  db: DeskDb,
  input: UpdatePortalInput,
  portalId?: number,
): Promise<void> {
  const errors = new FieldErrors();
  const wanted = [...new Set(input.category_ids ?? [])];
  const found = await findExistingCategoryIds(db, wanted);
  const missing = wanted.filter((id) => !found.includes(id));
  if (missing.length)
    errors.add(
      'category_ids',
      'invalid_value',
      `There are no records matching the ids: '${missing.join(',')}'`,
    );
  errors.throwIfAny();
  if (input.host) {
    const clash = await findPortalByHost(db, input.host);
    if (clash && clash.id !== portalId) throw duplicate('host');
  }
}

/**
 * Maps PostgreSQL's unique_violation from a concurrent write that won the race to the field it
 * is about; anything else is rethrown as is.
 */
export function rethrowUniqueViolation(error: unknown): never {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code === '23505') {
    const about = `${String(e.constraint ?? '')} ${String(e.message ?? '')}`;
    throw duplicate(about.includes('portals_one_default') ? 'is_default' : 'host');
  }
  throw error;
}
