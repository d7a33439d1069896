import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite, makeUser, text } from '../conversations/conversation-test-helpers.js';
import { startReceiver, waitFor } from './webhook-test-helpers.js';

interface Delivery {
  attempt: number;
  status_code: number | null;
  state: string;
  max_attempts: number | null;
  next_retry_time: string | null;
}

describe.each(TEST_DATABASE_KINDS)('Chat webhook delivery log (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    userId = await makeUser(chat, await makeSite(chat));
  });
  afterAll(async () => chat?.close());

  const jobOf = async (webhookId: string) =>
    (
      await chat.services.db
        .selectFrom('jobs')
        .select(['id', 'status', 'attempts', 'run_at', 'payload'])
        .execute()
    ).find((job) => (job.payload as { webhook_id?: string }).webhook_id === webhookId);
  const log = async (webhookId: string, query = '') => {
    const res = await chat.call('GET', `/v2/webhooks/${webhookId}/deliveries${query}`);
    expect(res.statusCode).toBe(200);
    return res.data as { deliveries: Delivery[]; pagination: Record<string, number> };
  };

  it('shows each attempt with its state, the attempt limit and the next retry time', async () => {
    const receiver = await startReceiver([500, 503]);
    const hook = (
      await chat.call('POST', '/v2/webhooks', { body: { url: receiver.url, events: ['message_create'] } })
    ).data;
    try {
      const conversation = await chat.call('POST', '/v2/conversations', {
        body: { users: [{ id: userId }] },
      });
      await chat.call('POST', `/v2/conversations/${conversation.data.id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('hello') },
      });
      // One read per check: pending after its first attempt (not pending before it, then running).
      await waitFor(async () => {
        const current = await jobOf(hook.id);
        return current?.status === 'pending' && current.attempts === 1;
      });
      const job = (await jobOf(hook.id))!;
      const first = await log(hook.id);
      expect(first.deliveries).toEqual([
        expect.objectContaining({
          attempt: 1,
          status_code: 500,
          state: 'retry_scheduled',
          max_attempts: 6,
          // Times are presented to the second.
          next_retry_time: new Date(job.run_at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }),
      ]);
      expect(new Date(first.deliveries[0]!.next_retry_time!).getTime()).toBeGreaterThan(Date.now() + 5_000);

      // The last attempt allowed fails too: the delivery is given up.
      await chat.services.db
        .updateTable('jobs')
        .set({ run_at: new Date(), max_attempts: 2 })
        .where('id', '=', job.id)
        .execute();
      await waitFor(async () => (await jobOf(hook.id))?.status === 'failed');
      const second = await log(hook.id);
      expect(second.deliveries).toEqual([
        expect.objectContaining({
          attempt: 2,
          status_code: 503,
          state: 'given_up',
          max_attempts: 2,
          next_retry_time: null,
        }),
        expect.objectContaining({ attempt: 1, status_code: 500, state: 'retried', next_retry_time: null }),
      ]);

      // The next event is delivered at once.
      await chat.call('POST', `/v2/conversations/${conversation.data.id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('again') },
      });
      await waitFor(async () => (await log(hook.id)).deliveries.length === 3);
      const third = await log(hook.id);
      expect(third.deliveries[0]).toMatchObject({
        attempt: 1,
        status_code: 200,
        state: 'delivered',
        next_retry_time: null,
      });
      expect(third.pagination).toMatchObject({ total_items: 3 });

      // Paged newest first.
      const page2 = await log(hook.id, '?items_per_page=2&page=2');
      expect(page2.deliveries.map((d) => [d.attempt, d.status_code])).toEqual([[1, 500]]);
      expect(page2.pagination).toMatchObject({
        current_page: 2,
        items_per_page: 2,
        total_items: 3,
        total_pages: 2,
      });

      // Once the queue pruned its jobs, failed attempts read as failed and the limit is unknown.
      await chat.services.db.deleteFrom('jobs').execute();
      const pruned = await log(hook.id);
      expect(pruned.deliveries.map((d) => [d.state, d.max_attempts])).toEqual([
        ['delivered', null],
        ['failed', null],
        ['failed', null],
      ]);
      expect(receiver.received.length).toBe(3);
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });
});
