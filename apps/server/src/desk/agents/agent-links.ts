import { AppError, type FieldErrors } from '../../platform/http/errors.js';
import type { DeskDb, RoleKind } from '../db.js';
import { findExistingGroupIds } from '../groups/index.js';
import { findRolesByIds } from '../roles/index.js';

const missingIdsMessage = (ids: number[]) => `There are no records matching the ids: '${ids.join(',')}'`;

/** Unique ids in the order given. */
export const uniqueIds = (ids: number[]) => [...new Set(ids)];

/** Checks that every role exists; returns their kinds (for the grant policy). */
export async function checkRoleIds(db: DeskDb, ids: number[], errors: FieldErrors): Promise<RoleKind[]> {
  const roles = await findRolesByIds(db, ids);
  const missing = ids.filter((id) => !roles.some((r) => r.id === id));
  if (missing.length) errors.add('role_ids', 'invalid_value', missingIdsMessage(missing));
  return roles.map((r) => r.kind);
}

/** Checks that every group exists. */
export async function checkGroupIds(db: DeskDb, ids: number[], errors: FieldErrors): Promise<void> {
  const found = await findExistingGroupIds(db, ids);
  const missing = ids.filter((id) => !found.includes(id));
  if (missing.length) errors.add('group_ids', 'invalid_value', missingIdsMessage(missing));
}

/** 409 with a field-level `inconsistent_state` error: the request is valid but the state forbids it. */
export function inconsistentState(field: string, message: string): AppError {
  return new AppError(
    'validation_failed',
    'Validation failed',
    [{ field, code: 'inconsistent_state', message }],
    409,
  );
}
