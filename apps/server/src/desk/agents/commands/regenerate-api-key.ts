import type { DeskContext } from '../../context.js';
import { generateApiKey, hashApiKey } from '../../auth/api-keys.js';
import { setApiKeyHash } from '../agent.repository.js';

/**
 * Issues a new personal API key for an agent and returns it in clear, once: only its hash is
 * stored, and the previous key stops authenticating immediately.
 */
export async function regenerateApiKey(ctx: DeskContext, agentId: number): Promise<string> {
  const apiKey = generateApiKey();
  await setApiKeyHash(ctx.db, agentId, hashApiKey(apiKey));
  return apiKey;
}
