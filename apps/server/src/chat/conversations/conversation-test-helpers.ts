import { randomBytes, randomUUID } from 'node:crypto';
import type { TestChat } from '../../test/chat-harness.js';
import { hashToken } from '../auth/tokens.js';
import type { ChatRole } from '../db.js';

/** Test data written straight to the tables, so these suites do not depend on other modules' routes. */

export async function makeSite(chat: TestChat, id = `site-${randomBytes(4).toString('hex')}`) {
  await chat.services.db
    .insertInto('sites')
    .values({ id, name: id, created_at: new Date(), updated_at: new Date() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return id;
}

export async function makeUser(chat: TestChat, siteId: string) {
  const id = randomUUID();
  await chat.services.db
    .insertInto('users')
    .values({
      id,
      site_id: siteId,
      reference_id: null,
      first_name: 'Ada',
      last_name: 'User',
      email: null,
      phone: null,
      avatar_url: null,
      properties: '{}',
      restore_id_hash: null,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return id;
}

export async function makeAgent(
  chat: TestChat,
  options: {
    firstName?: string;
    availability?: 'available' | 'away';
    maxChats?: number;
    deactivated?: boolean;
    role?: ChatRole;
  } = {},
) {
  const id = randomUUID();
  await chat.services.db
    .insertInto('agents')
    .values({
      id,
      email: `${id}@example.com`,
      first_name: options.firstName ?? 'Agent',
      last_name: 'Smith',
      password_hash: null,
      role: options.role ?? 'agent',
      availability: options.availability ?? 'available',
      max_concurrent_chats: options.maxChats ?? 5,
      avatar_url: null,
      is_deactivated: options.deactivated ?? false,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return id;
}

export async function makeGroup(
  chat: TestChat,
  agentIds: string[],
  routing: 'round_robin' | 'manual' = 'round_robin',
) {
  const id = randomUUID();
  await chat.services.db
    .insertInto('groups')
    .values({
      id,
      name: `Group ${id}`,
      description: null,
      routing_type: routing,
      last_assigned_agent_id: null,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  if (agentIds.length)
    await chat.services.db
      .insertInto('group_agents')
      .values(agentIds.map((agent_id) => ({ group_id: id, agent_id })))
      .execute();
  return id;
}

/** An inbox session bearer token for the agent. */
export async function makeAgentSession(chat: TestChat, agentId: string) {
  const token = randomBytes(32).toString('base64url');
  await chat.services.db
    .insertInto('agent_sessions')
    .values({
      token_hash: hashToken(token),
      agent_id: agentId,
      expires_at: new Date(Date.now() + 3600_000),
      created_at: new Date(),
    })
    .execute();
  return token;
}

/** An API token created by this agent (it acts with the agent's role). */
export async function makeApiTokenOf(chat: TestChat, agentId: string) {
  const token = randomBytes(32).toString('base64url');
  await chat.services.db
    .insertInto('api_tokens')
    .values({
      id: randomUUID(),
      name: 'test',
      token_hash: hashToken(token),
      created_by: agentId,
      created_at: new Date(),
    })
    .execute();
  return token;
}

export const text = (content: string) => [{ text: { content } }];
