import { hash } from '@node-rs/argon2';
import { AppError } from '../../../platform/http/errors.js';
import { hashToken } from '../../auth/tokens.js';
import type { ChatServices } from '../../context.js';
import { claimAgentInvitation, closePendingInvitationsOf } from '../agent-invitation.repository.js';
import { findAgentById, updateAgentColumns, type AgentRow } from '../agent.repository.js';

const invalid = () =>
  new AppError(
    'not_found',
    'This invitation does not exist, has expired or was already used. Ask an admin for a new one.',
  );

/**
 * An invited agent sets their password (B4, public: the token is the credential). The token is
 * claimed and the password stored in one transaction, so it works once; the agent then signs in
 * with POST /v2/sessions like everyone else.
 */
export async function acceptAgentInvitation(
  services: Pick<ChatServices, 'db'>,
  input: { token: string; password: string },
): Promise<AgentRow> {
  // Hash outside the transaction: argon2 is slow on purpose.
  const passwordHash = await hash(input.password);
  return services.db.transaction().execute(async (trx) => {
    const now = new Date();
    const claimed = await claimAgentInvitation(trx, hashToken(input.token), now);
    if (!claimed) throw invalid();
    const agent = await findAgentById(trx, claimed.agent_id);
    if (!agent || agent.is_deactivated) throw invalid();
    await updateAgentColumns(trx, agent.id, { password_hash: passwordHash });
    await closePendingInvitationsOf(trx, agent.id, now);
    return (await findAgentById(trx, agent.id))!;
  });
}
