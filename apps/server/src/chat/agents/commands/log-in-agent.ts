import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../../platform/http/errors.js';
import { generateApiToken, hashToken } from '../../auth/tokens.js';
import type { ChatContext } from '../../context.js';
import { findAgentCredentialsByEmail, type AgentRow } from '../agent.repository.js';
import {
  clearFailedLogins,
  countFailedLogins,
  deleteExpiredSessionsOfAgent,
  insertAgentSession,
  recordFailedLogin,
} from '../session.repository.js';

export const SESSION_HOURS = 12;
export const LOGIN_FAILURES_ALLOWED = 5;
export const LOGIN_WINDOW_MINUTES = 15;

/** Hashed once, lazily: unknown emails are verified against it so both paths take as long. */
let dummyHash: Promise<string> | undefined;

/** Public context for the login route: no actor yet. */
export type LoginContext = Pick<ChatContext, 'db'>;

/**
 * Signs an agent in to the inbox with email and password: a random session token (stored as
 * SHA-256) valid for 12 hours. Five failures for one email within 15 minutes refuse further
 * attempts (429 with Retry-After) until the oldest failure leaves the window, correct password
 * or not; unknown emails count too, so the throttle tells nothing about which emails exist.
 */
export async function logInAgent(
  ctx: LoginContext,
  input: { email: string; password: string },
): Promise<{ token: string; agent: AgentRow; expiresAt: Date }> {
  const now = Date.now();
  const windowStart = new Date(now - LOGIN_WINDOW_MINUTES * 60_000);
  const failures = await countFailedLogins(ctx.db, input.email, windowStart);
  if (failures.count >= LOGIN_FAILURES_ALLOWED && failures.oldest) {
    const retryAfter = Math.max(
      1,
      Math.ceil((failures.oldest.getTime() + LOGIN_WINDOW_MINUTES * 60_000 - now) / 1000),
    );
    throw new AppError(
      'rate_limited',
      'Too many failed logins for this email; try again later.',
      [],
      undefined,
      {
        'retry-after': String(retryAfter),
      },
    );
  }

  const found = await findAgentCredentialsByEmail(ctx.db, input.email);
  dummyHash ??= hash('tandem-chat-no-such-agent');
  const ok = await verify(found?.password_hash ?? (await dummyHash), input.password);
  if (!found || !found.password_hash || !ok || found.is_deactivated) {
    await recordFailedLogin(ctx.db, input.email);
    throw new AppError('invalid_credentials', 'The email or password is not correct.');
  }

  await clearFailedLogins(ctx.db, input.email, windowStart);
  await deleteExpiredSessionsOfAgent(ctx.db, found.id);
  const token = generateApiToken();
  const expiresAt = new Date(now + SESSION_HOURS * 3_600_000);
  await insertAgentSession(ctx.db, {
    token_hash: hashToken(token),
    agent_id: found.id,
    expires_at: expiresAt,
  });
  const { password_hash: _omitted, ...agent } = found;
  return { token, agent, expiresAt };
}
