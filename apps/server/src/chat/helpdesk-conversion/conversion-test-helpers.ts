import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createTestAgent } from '../../test/desk-harness.js';
import type { LinkedPair } from '../../test/linked-harness.js';
import { makeAgent } from '../conversations/conversation-test-helpers.js';

/** Test setup for the conversion suites: real Desk, real Chat, real HTTP between them. */

/** A Desk administrator whose key Chat is connected with (so tests can demote it). */
export async function connectChatToDesk(pair: LinkedPair, url = pair.deskUrl) {
  const connector = await createTestAgent(pair.desk, {
    name: 'Connie Connector',
    email: `connector-${randomUUID().slice(0, 8)}@desk.test`,
    role: 'admin',
  });
  const res = await pair.chat.call('PUT', '/v2/integrations/helpdesk', {
    body: { url, api_key: connector.apiKey },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return connector;
}

/** Points the saved connection at another URL (a proxy in front of Desk), keeping the key. */
export async function setConnectionUrl(pair: LinkedPair, url: string) {
  await pair.chat.services.db.updateTable('helpdesk_connections').set({ url }).where('id', '=', 1).execute();
}

export async function settings(pair: LinkedPair, body: Record<string, boolean>) {
  const res = await pair.chat.call('PATCH', '/v2/integrations/helpdesk/settings', { body });
  expect(res.statusCode, res.body).toBe(200);
}

/** A Chat user (through Chat's API) with the given profile. */
export async function makeChatUser(pair: LinkedPair, profile: Record<string, unknown>) {
  const res = await pair.chat.call('POST', '/v2/users', { body: profile });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id as string;
}

/** A user row written directly (for values Chat's API itself would refuse, e.g. a bad email). */
export async function insertChatUser(pair: LinkedPair, values: { first_name: string; email: string }) {
  const id = randomUUID();
  const site = await pair.chat.services.db
    .selectFrom('sites')
    .select('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  await pair.chat.services.db
    .insertInto('users')
    .values({
      id,
      site_id: site.id,
      reference_id: null,
      first_name: values.first_name,
      last_name: null,
      email: values.email,
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

export async function makeChatAgent(pair: LinkedPair, firstName: string) {
  return makeAgent(pair.chat, { firstName, role: 'agent' });
}

/** A conversation: the user asks, the agent answers, the user sends a file; a private note too. */
export async function makeConversation(
  pair: LinkedPair,
  userId: string,
  agentId: string,
  first = 'My order never arrived',
) {
  const res = await pair.chat.call('POST', '/v2/conversations', {
    body: {
      users: [{ id: userId }],
      assigned_agent_id: agentId,
      messages: [
        { actor_type: 'user', actor_id: userId, message_parts: [{ text: { content: first } }] },
        {
          actor_type: 'agent',
          actor_id: agentId,
          message_parts: [{ text: { content: 'Sorry to hear that <b>!</b>' } }],
        },
        {
          actor_type: 'user',
          actor_id: userId,
          message_parts: [
            {
              file: {
                url: 'https://files.example.com/receipt.pdf',
                name: 'receipt.pdf',
                file_size_in_bytes: 20480,
                content_type: 'application/pdf',
              },
            },
          ],
        },
        {
          actor_type: 'agent',
          actor_id: agentId,
          message_type: 'private',
          message_parts: [{ text: { content: 'internal: customer is grumpy' } }],
        },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id as string;
}

/** Desk tickets carrying a tag (Desk's search, as its admin). */
export async function deskTicketsTagged(pair: LinkedPair, tag: string) {
  const res = await pair.desk.call(
    'GET',
    `/api/v2/search/tickets?query=${encodeURIComponent(`"tag:'${tag}'"`)}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.data.results as { id: number }[];
}

export const tagOf = (conversationId: string) => `chat-${conversationId.replace(/-/g, '')}`;

/** Creates a Desk custom ticket field through its admin API; returns its id and name. */
export async function addDeskField(pair: LinkedPair, body: Record<string, unknown>) {
  const res = await pair.desk.call('POST', '/api/v2/admin/ticket_fields', { body });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.data.id as number, name: res.data.name as string };
}
