import type { DeskContext } from '../../context.js';
import { deleteGroupRow } from '../group.repository.js';

/** Deletes a group: memberships go, and its tickets keep existing with no group. */
export async function deleteGroup(ctx: DeskContext, groupId: number): Promise<void> {
  await deleteGroupRow(ctx.db, groupId);
}
