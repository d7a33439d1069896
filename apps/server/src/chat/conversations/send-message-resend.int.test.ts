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

  it('concurrent sends and resends of the same client ids: each stored once, seqs without gaps, each resend answered with its original', async () => {
    const created = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }] } });
    const id = created.data.id as string;
    const send = (n: number) =>
      chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: {
          actor_type: 'user',
          actor_id: userId,
          message_parts: text(`m ${n}`),
          client_message_id: `c-${n}`,
        },
      });
    // 20 messages, each sent three times at once (a client resending before its ack arrived).
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => send(i % 20)));
    for (const answer of answers) expect([200, 201]).toContain(answer.statusCode);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(20);
    for (let n = 0; n < 20; n++) {
      const ids = new Set(answers.filter((_, i) => i % 20 === n).map((a) => a.data.id as string));
      expect(ids.size, `client id c-${n}`).toBe(1);
    }
    const rows = await chat.services.db
      .selectFrom('messages')
      .select(['seq', 'client_message_id'])
      .where('conversation_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.client_message_id)).size).toBe(20);
    expect((await findConversationById(chat.services.db, id))!.last_seq).toBe(20);
  });
});
