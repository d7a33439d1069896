import { inTransaction, recordEvent, type ChatContext } from '../../context.js';
import { findAgentById, lockAgent, updateAgentColumns, type AgentRow } from '../agent.repository.js';

/**
 * AVAILABLE → available (takes round-robin chats), UNAVAILABLE → away. A change (checked on the
 * locked row) is recorded as `agent_availability` for realtime; setting the same value is not.
 */
export async function setAgentAvailability(
  ctx: ChatContext,
  agent: AgentRow,
  status: 'AVAILABLE' | 'UNAVAILABLE',
) {
  const availability = status === 'AVAILABLE' ? 'available' : 'away';
  return inTransaction(ctx, async (tx) => {
    const current = await lockAgent(tx.db, agent.id);
    if (current && current.availability !== availability) {
      await updateAgentColumns(tx.db, agent.id, { availability });
      recordEvent(tx, { type: 'agent_availability', agent: { id: agent.id, availability } });
    }
    return (await findAgentById(tx.db, agent.id))!;
  });
}
