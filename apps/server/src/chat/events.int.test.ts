import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../test/databases.js';
import { inTransaction, recordEvent, type ChatContext } from './context.js';
import { makeAgent, makeSite, makeUser, text } from './conversations/conversation-test-helpers.js';
import { sendMessage } from './conversations/index.js';
import type { ChatEvent } from './events.js';

describe.each(TEST_DATABASE_KINDS)('Chat events after commit (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;
  let agentId: string;
  let ctx: ChatContext;
  const seen: ChatEvent[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    const site = await makeSite(chat);
    userId = await makeUser(chat, site);
    agentId = await makeAgent(chat, { firstName: 'Jane' });
    chat.services.events.onCommitted((event) => {
      seen.push(event);
    });
    ctx = {
      actor: { kind: 'token', tokenId: 'test', role: 'owner' },
      db: chat.services.db,
      requestId: 'test',
      log: chat.app.log,
      services: chat.services,
    };
  });
  afterAll(async () => chat?.close());

  async function newConversation() {
    const res = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }] } });
    expect(res.statusCode).toBe(201);
    return res.data.id as string;
  }
  const eventsOf = (conversationId: string) =>
    seen
      .filter((e) => 'conversation' in e && e.conversation.id === conversationId)
      .map((e) => (e.type === 'message_create' ? `${e.type}:${e.message.seq}` : e.type));

  it('emits a sent message after the commit, with its seq', async () => {
    const id = await newConversation();
    const res = await chat.call('POST', `/v2/conversations/${id}/messages`, {
      body: { actor_type: 'user', actor_id: userId, message_parts: text('hi') },
    });
    expect(res.statusCode).toBe(201);
    expect(eventsOf(id)).toEqual(['conversation_create', 'message_create:1']);
    const event = seen.find((e) => e.type === 'message_create' && e.conversation.id === id)!;
    expect(event.type === 'message_create' && event.message.id).toBe(res.data.id);
  });

  it('emits assignment, resolution and reopen with their system messages, in order', async () => {
    const id = await newConversation();
    await chat.call('PUT', `/v2/conversations/${id}`, { body: { assigned_agent_id: agentId } });
    await chat.call('PUT', `/v2/conversations/${id}`, { body: { status: 'resolved' } });
    const reopen = await chat.call('POST', `/v2/conversations/${id}/messages`, {
      body: { actor_type: 'user', actor_id: userId, message_parts: text('back again') },
    });
    expect(reopen.statusCode).toBe(201);
    expect(eventsOf(id)).toEqual([
      'conversation_create',
      'message_create:1',
      'conversation_assignment',
      'message_create:2',
      'conversation_resolution',
      'message_create:3',
      'message_create:4',
      'conversation_reopen',
    ]);
  });

  it('a resend emits nothing', async () => {
    const id = await newConversation();
    const body = {
      actor_type: 'user',
      actor_id: userId,
      message_parts: text('once'),
      client_message_id: 'c-1',
    };
    expect((await chat.call('POST', `/v2/conversations/${id}/messages`, { body })).statusCode).toBe(201);
    await chat.call('POST', `/v2/conversations/${id}/messages`, { body });
    expect(eventsOf(id)).toEqual(['conversation_create', 'message_create:1']);
  });

  it('emits nothing when the transaction rolls back', async () => {
    const id = await newConversation();
    await expect(
      inTransaction(ctx, async (tx) => {
        await sendMessage(tx, {
          conversationId: id,
          actorType: 'user',
          actorId: userId,
          messageParts: text('lost'),
          source: 'api',
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(eventsOf(id)).toEqual(['conversation_create']);
    const messages = await chat.call('GET', `/v2/conversations/${id}/messages`);
    expect(messages.data.messages).toEqual([]);
  });

  it('emits only once the outermost transaction commits', async () => {
    const id = await newConversation();
    await inTransaction(ctx, async (tx) => {
      await sendMessage(tx, {
        conversationId: id,
        actorType: 'user',
        actorId: userId,
        messageParts: text('later'),
        source: 'api',
      });
      expect(eventsOf(id)).toEqual(['conversation_create']);
    });
    expect(eventsOf(id)).toEqual(['conversation_create', 'message_create:1']);
  });

  it('a failing listener is logged, never thrown into the command', async () => {
    const off = chat.services.events.onCommitted(() => {
      throw new Error('listener broke');
    });
    const offAsync = chat.services.events.onCommitted(async () => {
      throw new Error('async listener broke');
    });
    try {
      const id = await newConversation();
      const res = await chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('still fine') },
      });
      expect(res.statusCode).toBe(201);
      expect(eventsOf(id)).toEqual(['conversation_create', 'message_create:1']);
    } finally {
      off();
      offAsync();
    }
  });

  it('recordEvent outside a transaction emits at once', async () => {
    const id = await newConversation();
    const first = seen.find((e) => 'conversation' in e);
    const conversation = first && 'conversation' in first ? first.conversation : undefined;
    expect(conversation).toBeDefined();
    recordEvent(ctx, { type: 'conversation_assignment', conversation: { ...conversation!, id } });
    expect(eventsOf(id)).toEqual(['conversation_create', 'conversation_assignment']);
  });
});
