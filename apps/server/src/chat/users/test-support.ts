import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { TestChat } from '../../test/chat-harness.js';
import { hashToken } from '../auth/tokens.js';

/** Test support: an API token acting as a plain agent (role `agent`), for 403 checks. */
export async function createAgentToken(chat: TestChat): Promise<string> {
  const agentId = randomUUID();
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await chat.services.db
    .insertInto('agents')
    .values({
      id: agentId,
      email: `agent-${agentId}@example.com`,
      first_name: 'Agent',
      last_name: null,
      password_hash: null,
      role: 'agent',
      avatar_url: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await chat.services.db
    .insertInto('api_tokens')
    .values({
      id: randomUUID(),
      name: 'Agent token',
      token_hash: hashToken(token),
      created_by: agentId,
      created_at: now,
    })
    .execute();
  return token;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Test support: an HS256 JWT as a host site's library would make it. */
export function signJwt(
  secret: string,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
) {
  const head = b64({ alg: 'HS256', typ: 'JWT', ...header });
  const body = b64(payload);
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
