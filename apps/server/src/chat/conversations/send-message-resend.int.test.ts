import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite, makeUser, text } from './conversation-test-helpers.js';
import { findConversationById } from './index.js';

describe.each(TEST_DATABASE_KINDS)('sendMessage resends (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    userId = await makeUser(chat, await makeSite(chat));
  });
  afterAll(async () => chat?.close());

  it('a resend changes nothing on the conversation: neither last_seq nor updated_at, nor a resolved status', async () => {
    const created = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }] } });
    expect(created.statusCode).toBe(201);
    const id = created.data.id as string;
    const body = {
      actor_type: 'user',
      actor_id: userId,
      message_parts: text('once'),
      client_message_id: 'r-1',
    };
    const first = await chat.call('POST', `/v2/conversations/${id}/messages`, { body });
    expect(first.statusCode).toBe(201);
    const resolved = await chat.call('PUT', `/v2/conversations/${id}`, { body: { status: 'resolved' } });
    expect(resolved.statusCode).toBe(200);
    const before = (await findConversationById(chat.services.db, id))!;
    // updated_at would move by at least this much if the resend touched the row.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const again = await chat.call('POST', `/v2/conversations/${id}/messages`, { body });
    expect(again.statusCode).toBe(200);
    expect(again.data).toEqual(first.data);
    const after = (await findConversationById(chat.services.db, id))!;
    expect(after.last_seq).toBe(before.last_seq);
    expect(after.updated_at).toEqual(before.updated_at);
    expect(after.status).toBe('resolved');
  });
});
