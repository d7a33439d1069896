import { duplicate } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import type { UserPropertyType } from '../../db.js';
import { insertUserProperty } from '../user-property.repository.js';

/** Declares a custom user property; 409 when the name is taken. */
export async function createUserProperty(
  ctx: ChatContext,
  input: { name: string; label: string; type: UserPropertyType; choices?: string[] },
) {
  const row = await insertUserProperty(ctx.db, {
    name: input.name,
    label: input.label,
    type: input.type,
    choices: input.type === 'dropdown' ? (input.choices ?? []) : [],
  });
  if (!row) throw duplicate('name');
  return row;
}
