import type { ChatContext } from '../../context.js';
import { findAgentById, updateAgentColumns, type AgentRow } from '../agent.repository.js';

/** AVAILABLE → available (takes round-robin chats), UNAVAILABLE → away. */
export async function setAgentAvailability(
  ctx: ChatContext,
  agent: AgentRow,
  status: 'AVAILABLE' | 'UNAVAILABLE',
) {
  await updateAgentColumns(ctx.db, agent.id, { availability: status === 'AVAILABLE' ? 'available' : 'away' });
  return (await findAgentById(ctx.db, agent.id))!;
}
