import { recordEvent, type ChatContext } from '../../context.js';
import { deleteSessionsOfAgent, unassignOpenConversations, updateAgentColumns } from '../agent.repository.js';

/**
 * Deactivates an agent at once: marked deactivated and away, inbox sessions ended (their API
 * tokens stop too, see findTokenByHash), and their open conversations handed back to the queue
 * (status new, no agent, group kept) so they get picked up again. Runs in the caller's transaction;
 * records the agent as away (`agent_availability`) for realtime.
 */
export async function deactivateAgent(ctx: ChatContext, agentId: string) {
  await updateAgentColumns(ctx.db, agentId, { is_deactivated: true, availability: 'away' });
  recordEvent(ctx, { type: 'agent_availability', agent: { id: agentId, availability: 'away' } });
  await deleteSessionsOfAgent(ctx.db, agentId);
  await unassignOpenConversations(ctx.db, agentId);
}
