import type { AgentRow } from '../agents/agent.repository.js';
import type { ChatDb } from '../db.js';
import {
  lockAvailableMembers,
  lockGroupCursor,
  openConversationCounts,
  setLastAssignedAgent,
} from './group.repository.js';

/**
 * The next agent of the group to get a chat by round robin: after the group's last assigned
 * agent (wrapping around, in agent id order), the first who is available, not deactivated and
 * below `max_concurrent_chats` open (assigned/reopened) conversations; moves the group's cursor to
 * them. Undefined when the group is unknown or nobody can take it.
 *
 * Call it inside the transaction that then assigns the conversation: the group row and the
 * members' rows stay locked until it commits, so a concurrent pick waits and then sees that
 * assignment. Outside a transaction it opens its own (safe for the pick, not for the assignment).
 */
export async function pickRoundRobinAgent(db: ChatDb, groupId: string): Promise<AgentRow | undefined> {
  if (!db.isTransaction) return db.transaction().execute((trx) => pickRoundRobinAgent(trx, groupId));
  const group = await lockGroupCursor(db, groupId);
  if (!group) return undefined;
  const members = await lockAvailableMembers(db, groupId);
  if (members.length === 0) return undefined;
  const counts = await openConversationCounts(
    db,
    members.map((m) => m.id),
  );
  // UUIDs come back lower-case hex, so string order matches PostgreSQL's uuid order.
  const last = group.last_assigned_agent_id;
  const start = last === null ? 0 : members.findIndex((m) => m.id > last);
  const rotated = start <= 0 ? members : [...members.slice(start), ...members.slice(0, start)];
  const chosen = rotated.find((m) => (counts.get(m.id) ?? 0) < m.max_concurrent_chats);
  if (!chosen) return undefined;
  await setLastAssignedAgent(db, groupId, chosen.id);
  return chosen;
}
