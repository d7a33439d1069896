import { randomBytes } from 'node:crypto';
import type { ChatContext } from '../../context.js';
import { secretBoxOf } from '../identity-secret-box.js';
import { setIdentitySecret } from '../identity-verification.repository.js';

/**
 * A new signing secret (256 bits) replaces the old one at once; it is returned to the admin
 * this once and stored sealed with AES-256-GCM.
 */
export async function rotateIdentitySecret(ctx: ChatContext): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await setIdentitySecret(ctx.db, await secretBoxOf(ctx.services).seal(secret));
  return secret;
}
