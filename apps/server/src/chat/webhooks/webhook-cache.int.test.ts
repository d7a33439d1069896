import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite, makeUser, text } from '../conversations/conversation-test-helpers.js';
import { cachedSubscribedWebhooks } from './webhook.repository.js';

describe.each(TEST_DATABASE_KINDS)('Chat subscribed-webhook cache (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;
  let receiver: Server;
  let receiverUrl: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    userId = await makeUser(chat, await makeSite(chat));
    receiver = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await chat?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  // Every job stays in the table (done jobs are kept a day), so counting them counts enqueues.

  const jobCount = async () =>
    Number(
      (
        await chat.services.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Sends one user message and returns how many jobs it enqueued. */
  async function jobsOfOneMessage(conversationId: string) {
    const before = await jobCount();
    const sent = await chat.call('POST', `/v2/conversations/${conversationId}/messages`, {
      body: { actor_type: 'user', actor_id: userId, message_parts: text('hello') },
    });
    expect(sent.statusCode).toBe(201);
    return (await jobCount()) - before;
  }

  it("sees this process's webhook writes from the next message: register, deactivate, reactivate, delete", async () => {
    const created = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }] } });
    expect(created.statusCode).toBe(201);
    const id = created.data.id as string;
    // The cache now holds "no webhooks".
    expect(await jobsOfOneMessage(id)).toBe(0);

    const hook = await chat.call('POST', '/v2/webhooks', {
      body: { url: receiverUrl, events: ['message_create'] },
    });
    expect(hook.statusCode).toBe(201);
    expect(await jobsOfOneMessage(id)).toBe(1);

    const off = await chat.call('PUT', `/v2/webhooks/${hook.data.id}`, { body: { active: false } });
    expect(off.statusCode).toBe(200);
    expect(await jobsOfOneMessage(id)).toBe(0);

    const on = await chat.call('PUT', `/v2/webhooks/${hook.data.id}`, { body: { active: true } });
    expect(on.statusCode).toBe(200);
    expect(await jobsOfOneMessage(id)).toBe(1);

    const deleted = await chat.call('DELETE', `/v2/webhooks/${hook.data.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await jobsOfOneMessage(id)).toBe(0);
  });

  it("sees another process's webhook (a row written past this process) once the TTL has passed", async () => {
    const subscribed = cachedSubscribedWebhooks(300);
    const db = chat.services.db;
    expect(await subscribed(db, 'conversation_resolution')).toEqual([]);
    const webhookId = randomUUID();
    const now = new Date();
    await db
      .insertInto('webhooks')
      .values({
        id: webhookId,
        url: 'https://example.com/other-process',
        events: ['conversation_resolution'],
        active: true,
        secret_encrypted: 'sealed-elsewhere',
        created_at: now,
        updated_at: now,
      })
      .execute();
    try {
      // Within the TTL the cached answer stands.
      expect(await subscribed(db, 'conversation_resolution')).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 350));
      const found = await subscribed(db, 'conversation_resolution');
      expect(found.map((row) => row.id)).toEqual([webhookId]);
      expect(await subscribed(db, 'message_create')).toEqual([]);
    } finally {
      await db.deleteFrom('webhooks').where('id', '=', webhookId).execute();
    }
  });
});
