import { randomUUID } from 'node:crypto';
import { generateApiToken, hashToken } from '../../auth/tokens.js';
import type { ChatContext } from '../../context.js';
import { insertAgentInvitation } from '../agent-invitation.repository.js';

export const INVITATION_DAYS = 7;

/**
 * Issues a single-use invitation for an agent without a password (B4). Returns the token once;
 * only its SHA-256 is stored, like API tokens (256 random bits make a slow hash unnecessary).
 */
export async function inviteAgent(
  ctx: ChatContext,
  agentId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateApiToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await insertAgentInvitation(ctx.db, {
    id: randomUUID(),
    agent_id: agentId,
    token_hash: hashToken(token),
    created_by: ctx.actor.kind === 'agent' ? ctx.actor.agentId : null,
    expires_at: expiresAt,
  });
  return { token, expiresAt };
}
