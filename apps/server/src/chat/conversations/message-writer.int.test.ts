import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite, makeUser, text } from './conversation-test-helpers.js';
import type { BatchedMessage } from './conversation.repository.js';
import { findConversationById } from './index.js';

/**
 * The message write's group commit (message-writer.ts) against a real database: concurrent sends
 * share statements, and each conversation's sequence numbers stay gapless and in send order;
 * a bad message in a batch fails alone.
 */
describe.each(TEST_DATABASE_KINDS)('message writer: group commit (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    userId = await makeUser(chat, await makeSite(chat));
  });
  afterAll(async () => chat?.close());

  const conversation = async (status: 'new' | 'resolved' = 'new') => {
    const created = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }] } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.data.id as string;
    if (status === 'resolved')
      expect(
        (await chat.call('PUT', `/v2/conversations/${id}`, { body: { status: 'resolved' } })).statusCode,
      ).toBe(200);
    return id;
  };
  const message = (
    conversationId: string,
    label: string,
    clientId: string | null = null,
  ): BatchedMessage => ({
    values: {
      id: randomUUID(),
      conversation_id: conversationId,
      client_message_id: clientId,
      actor_type: 'user',
      actor_id: userId,
      message_type: 'normal',
      message_parts: text(label),
      message_source: 'api',
    },
    unlessResolved: true,
  });
  const stored = (conversationId: string) =>
    chat.services.db
      .selectFrom('messages')
      .select(['seq', 'message_parts', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
  const label = (row: { message_parts: unknown }) =>
    (row.message_parts as { text: { content: string } }[])[0]!.text.content;

  it('60 concurrent sends to 4 conversations: a few statements, seqs 1..15 in each in send order', async () => {
    const ids = await Promise.all([conversation(), conversation(), conversation(), conversation()]);
    const sends = Array.from({ length: 60 }, (_, n) => message(ids[n % 4]!, `m${n}`));
    const rows = await Promise.all(sends.map((send) => chat.services.messageWriter.store(send)));
    expect(rows.every(Boolean)).toBe(true);
    for (const [i, id] of ids.entries()) {
      const inStore = await stored(id);
      expect(inStore.map((row) => row.seq)).toEqual(Array.from({ length: 15 }, (_, k) => k + 1));
      // The order they were handed to the writer is the order of their numbers.
      expect(inStore.map(label)).toEqual(Array.from({ length: 15 }, (_, k) => `m${k * 4 + i}`));
      expect((await findConversationById(chat.services.db, id))!.last_seq).toBe(15);
    }
    // Messages stored by one statement share its timestamp: far fewer statements than messages.
    const statements = new Set(rows.map((row) => row!.created_at.getTime())).size;
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('a resend in a batch fails alone with a unique violation; the rest are stored in order', async () => {
    const id = await conversation();
    await chat.services.messageWriter.store(message(id, 'first', 'c-1'));
    const batch = [message(id, 'a'), message(id, 'again', 'c-1'), message(id, 'b'), message(id, 'c')];
    const outcomes = await Promise.allSettled(batch.map((send) => chat.services.messageWriter.store(send)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(((outcomes[1] as PromiseRejectedResult).reason as { code?: string }).code).toBe('23505');
    expect((await stored(id)).map(label)).toEqual(['first', 'a', 'b', 'c']);
    expect((await stored(id)).map((row) => row.seq)).toEqual([1, 2, 3, 4]);
  });

  it('a user message to a resolved conversation and one to a missing conversation take nothing; the batch goes on', async () => {
    const open = await conversation();
    const resolved = await conversation('resolved');
    const before = (await findConversationById(chat.services.db, resolved))!;
    const agentNote: BatchedMessage = {
      ...message(resolved, 'agent after resolve'),
      unlessResolved: false,
    };
    const batch = [message(open, 'x'), message(resolved, 'reopen me'), message(randomUUID(), 'nowhere')];
    const [x, reopen, nowhere] = await Promise.all(
      batch.map((send) => chat.services.messageWriter.store(send)),
    );
    expect(x?.seq).toBe(1);
    expect(reopen).toBeUndefined();
    expect(nowhere).toBeUndefined();
    expect((await findConversationById(chat.services.db, resolved))!.last_seq).toBe(before.last_seq);
    // An agent's message does not reopen, so a resolved conversation takes it here.
    const stored = await chat.services.messageWriter.store(agentNote);
    expect(stored?.seq).toBe(before.last_seq + 1);
  });

  it('REST sends through the writer: a user message reopens a resolved conversation (the full path)', async () => {
    const id = await conversation('resolved');
    const sent = await chat.call('POST', `/v2/conversations/${id}/messages`, {
      body: { actor_type: 'user', actor_id: userId, message_parts: text('back again') },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await findConversationById(chat.services.db, id))!.status).toBe('reopened');
  });
});
