import { duplicate, FieldErrors } from '../../platform/http/errors.js';
import { findExistingAgentIds } from '../agents/index.js';
import type { DeskDb } from '../db.js';
import { findGroupByName } from './group.repository.js';
import type { UpdateGroupInput } from './group.schemas.js';

/**
 * The checks a group write needs beyond its schema: members and the escalation agent must be
 * agents, and the name must be unique ignoring case (409). `groupId` is the group being updated.
 */
export async function checkGroupWrite(db: DeskDb, input: UpdateGroupInput, groupId?: number): Promise<void> {
  const errors = new FieldErrors();
  const wanted = [...(input.agent_ids ?? []), ...(input.escalate_to ? [input.escalate_to] : [])];
  const found = await findExistingAgentIds(db, [...new Set(wanted)]);
  const missing = [...new Set(input.agent_ids ?? [])].filter((id) => !found.includes(id));
  if (missing.length)
    errors.add('agent_ids', 'invalid_value', `There are no records matching the ids: '${missing.join(',')}'`);
  if (input.escalate_to && !found.includes(input.escalate_to))
    errors.add('escalate_to', 'invalid_value', 'There is no agent with this id');
  errors.throwIfAny();
  if (input.name !== undefined) {
    const clash = await findGroupByName(db, input.name);
    if (clash && clash.id !== groupId) throw duplicate('name');
  }
}

/** True for PostgreSQL's unique_violation (a concurrent write won the race for a unique name). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
