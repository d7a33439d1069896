import { randomToken, sha256 } from '../../../platform/web/index.js';
import type { DeskServices } from '../../context.js';
import { verifyPassword } from '../../portal-auth/passwords.js';
import { admitSignIn } from '../../portal-auth/throttle.js';
import {
  deleteExpiredAgentSessions,
  findAgentByEmail,
  insertAgentSession,
  markAgentSignedIn,
} from '../agent-auth.repository.js';
import { AGENT_SESSION_TTL_SECONDS } from '../session.js';

export type AgentSignInResult =
  | { sessionToken: string; csrfToken: string; agentId: number }
  | { error: 'invalid_credentials' | 'deactivated' | 'throttled'; retryAfterSeconds?: number };

/**
 * Signs an agent in to the agent UI with email and password. Throttled like portal sign-in (the
 * same sliding window, in buckets of its own); an unknown email costs the same hash check as a
 * wrong password; a deactivated agent is told so only once the password proved who asks.
 */
export async function signInAgent(
  services: DeskServices,
  input: { email: string; password: string; ip: string },
): Promise<AgentSignInResult> {
  const email = input.email.trim();
  const { db } = services;
  const admitted = await admitSignIn(db, {
    email: `agent-email:${email.toLowerCase()}`,
    ip: `agent-ip:${input.ip || 'unknown'}`,
  });
  if ('retryAfterSeconds' in admitted)
    return { error: 'throttled', retryAfterSeconds: admitted.retryAfterSeconds };

  const agent = email && email.length <= 254 ? await findAgentByEmail(db, email) : undefined;
  const ok = await verifyPassword(agent?.password_hash, input.password);
  if (!agent || !ok) {
    await admitted.attempt.failed();
    return { error: 'invalid_credentials' };
  }
  if (!agent.active) {
    await admitted.attempt.failed();
    return { error: 'deactivated' };
  }

  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await insertAgentSession(trx, {
      token_hash: sha256(sessionToken),
      agent_id: agent.id,
      csrf_token: csrfToken,
      expires_at: new Date(now.getTime() + AGENT_SESSION_TTL_SECONDS * 1000),
    });
    await markAgentSignedIn(trx, agent.id, now);
    await deleteExpiredAgentSessions(trx, agent.id, now);
    await admitted.attempt.succeeded(trx);
  });
  return { sessionToken, csrfToken, agentId: agent.id };
}
