import { duplicate, FieldErrors } from '../../../platform/http/errors.js';
import type { ChatDb } from '../../db.js';
import { emailTaken, unknownGroupIds } from '../agent.repository.js';

/** Email unique (409) and groups known (400), checked before writing. */
export async function checkAgentFields(
  db: ChatDb,
  input: { email?: string; groups?: string[] },
  exceptId?: string,
) {
  const errors = new FieldErrors();
  if (input.groups && (await unknownGroupIds(db, input.groups)).length)
    errors.add('groups', 'invalid_value', 'It should contain only ids of existing groups');
  errors.throwIfAny();
  if (input.email && (await emailTaken(db, input.email, exceptId))) throw duplicate('email');
}

/** A clash with agents_email_key that slipped past the check (two creates at once). */
export const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
