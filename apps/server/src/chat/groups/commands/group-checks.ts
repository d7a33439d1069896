import { duplicate, FieldErrors } from '../../../platform/http/errors.js';
import type { ChatDb } from '../../db.js';
import { groupNameTaken, unknownAgentIds } from '../group.repository.js';

/** Agents known (400) and name unique case-insensitively (409), checked before writing. */
export async function checkGroupFields(
  db: ChatDb,
  input: { name?: string; agents?: string[] },
  exceptId?: string,
) {
  const errors = new FieldErrors();
  if (input.agents && (await unknownAgentIds(db, input.agents)).length)
    errors.add('agents', 'invalid_value', 'It should contain only ids of existing agents');
  errors.throwIfAny();
  if (input.name && (await groupNameTaken(db, input.name, exceptId))) throw duplicate('name');
}

/** A clash with groups_name_key that slipped past the check (two writes at once). */
export const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
