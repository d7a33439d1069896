import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { inTransaction, recordEvent, type ChatContext } from '../context.js';
import {
  makeAgent,
  makeAgentSession,
  makeApiTokenOf,
  makeSite,
  makeUser,
  text,
} from '../conversations/conversation-test-helpers.js';
import { findConversationById } from '../conversations/index.js';
import { startReceiver, waitFor } from './webhook-test-helpers.js';

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe.each(TEST_DATABASE_KINDS)('Chat webhooks (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;
  let agentId: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    userId = await makeUser(chat, await makeSite(chat));
    agentId = await makeAgent(chat, { firstName: 'Jane' });
  });
  afterAll(async () => chat?.close());

  async function newConversation() {
    const res = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }] } });
    expect(res.statusCode).toBe(201);
    return res.data.id as string;
  }

  async function register(url: string, events: string[]) {
    const res = await chat.call('POST', '/v2/webhooks', { body: { url, events } });
    expect(res.statusCode).toBe(201);
    return res.data as { id: string; secret: string };
  }

  const jobCount = async () =>
    Number(
      (
        await chat.services.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('registers, shows, lists, updates and deletes a webhook; the secret is shown once', async () => {
    const created = await chat.call('POST', '/v2/webhooks', {
      body: { url: 'https://example.com/hooks', events: ['message_create'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/v2/webhooks/${created.data.id}`);
    expect(created.data).toMatchObject({
      url: 'https://example.com/hooks',
      events: ['message_create'],
      active: true,
    });
    expect(created.data.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const stored = await chat.services.db
      .selectFrom('webhooks')
      .select('secret_encrypted')
      .where('id', '=', created.data.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.toContain(created.data.secret);

    const view = await chat.call('GET', `/v2/webhooks/${created.data.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.data.secret).toBeUndefined();
    expect(view.data.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const list = await chat.call('GET', '/v2/webhooks?items_per_page=50');
    expect(list.statusCode).toBe(200);
    expect(list.data.webhooks.map((w: { id: string }) => w.id)).toContain(created.data.id);
    expect(list.data.pagination).toMatchObject({ current_page: 1, items_per_page: 50 });

    const updated = await chat.call('PUT', `/v2/webhooks/${created.data.id}`, {
      body: { events: ['conversation_resolution', 'conversation_reopen'], active: false },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.data).toMatchObject({
      events: ['conversation_resolution', 'conversation_reopen'],
      active: false,
      url: 'https://example.com/hooks',
    });

    expect((await chat.call('DELETE', `/v2/webhooks/${created.data.id}`)).statusCode).toBe(204);
    expect((await chat.call('GET', `/v2/webhooks/${created.data.id}`)).statusCode).toBe(404);
    expect((await chat.call('DELETE', `/v2/webhooks/${created.data.id}`)).statusCode).toBe(404);
    expect((await chat.call('GET', `/v2/webhooks/${created.data.id}/deliveries`)).statusCode).toBe(404);
  });

  it('rejects non-http(s) URLs, unknown or empty events and unknown fields', async () => {
    const bad = await chat.call('POST', '/v2/webhooks', {
      body: { url: 'ftp://example.com/x', events: ['message_create', 'nope'], secret: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.data.details ?? bad.data.errors ?? []).map((d: { field: string }) => d.field);
    expect(JSON.stringify(bad.data)).toContain('url');
    expect(JSON.stringify(bad.data)).toContain('events');
    expect(fields.length === 0 || fields.includes('url')).toBe(true);

    const empty = await chat.call('POST', '/v2/webhooks', { body: { url: 'https://x.test', events: [] } });
    expect(empty.statusCode).toBe(400);
    const missing = await chat.call('POST', '/v2/webhooks', { body: { events: ['message_create'] } });
    expect(missing.statusCode).toBe(400);
    const notUrl = await chat.call('POST', '/v2/webhooks', {
      body: { url: 'javascript:alert(1)', events: ['message_create'] },
    });
    expect(notUrl.statusCode).toBe(400);
    expect((await chat.call('GET', '/v2/webhooks/not-a-uuid')).statusCode).toBe(400);
  });

  it('is for owners and admins only (403 for agents)', async () => {
    const agentToken = await makeApiTokenOf(chat, agentId);
    const session = await makeAgentSession(chat, agentId);
    for (const token of [agentToken, session]) {
      const list = await chat.call('GET', '/v2/webhooks', { token });
      expect(list.statusCode).toBe(403);
      const create = await chat.call('POST', '/v2/webhooks', {
        token,
        body: { url: 'https://example.com', events: ['message_create'] },
      });
      expect(create.statusCode).toBe(403);
    }
    expect((await chat.call('GET', '/v2/webhooks', { token: null })).statusCode).toBe(401);
  });

  it('POSTs a signed message_create envelope and logs the delivery', async () => {
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['message_create']);
    try {
      const id = await newConversation();
      const sent = await chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('hello hooks') },
      });
      expect(sent.statusCode).toBe(201);
      await waitFor(() => receiver.received.length >= 1);
      const [request] = receiver.received;
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers['x-tandem-event']).toBe('message_create');
      expect(request!.headers['x-retry-count']).toBe('0');
      expect(request!.headers['x-tandem-signature']).toBe(sign(hook.secret, request!.body));
      expect(request!.headers['x-tandem-signature']).not.toBe(sign('wrong', request!.body));
      const envelope = JSON.parse(request!.body);
      expect(envelope).toMatchObject({
        actor: { actor_type: 'user', actor_id: userId },
        action: 'message_create',
        data: {
          message: {
            id: sent.data.id,
            conversation_id: id,
            user_id: userId,
            actor_type: 'user',
            message_parts: text('hello hooks'),
          },
        },
      });
      expect(envelope.action_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      await waitFor(
        async () =>
          (await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`)).data.deliveries.length === 1,
      );
      const log = await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`);
      expect(log.statusCode).toBe(200);
      expect(log.data.deliveries[0]).toMatchObject({
        webhook_id: hook.id,
        event: 'message_create',
        status_code: 200,
        error: null,
        attempt: 1,
      });
      expect(log.data.pagination.total_items).toBe(1);
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });

  it('refuses loopback and private URLs unless allowed: at registration, and at delivery by resolved address', async () => {
    const receiver = await startReceiver();
    const byName = receiver.url.replace('127.0.0.1', 'localhost');
    // Registered while private URLs were allowed (or before a DNS change), delivered after.
    const hook = await register(byName, ['message_create']);
    chat.services.config.allowPrivateNetworkUrls = false;
    try {
      for (const url of [
        receiver.url,
        byName,
        'http://[::1]/hook',
        'http://169.254.169.254/latest',
        'http://10.0.0.8/x',
      ]) {
        const res = await chat.call('POST', '/v2/webhooks', { body: { url, events: ['message_create'] } });
        expect(res.statusCode, url).toBe(400);
        expect(res.data.details).toEqual([
          expect.objectContaining({
            field: 'url',
            message: expect.stringMatching(/private or loopback.*CHAT_ALLOW_PRIVATE_NETWORK_URLS/),
          }),
        ]);
      }
      const moved = await chat.call('PUT', `/v2/webhooks/${hook.id}`, { body: { url: receiver.url } });
      expect(moved.statusCode).toBe(400);
      const publicUrl = await chat.call('POST', '/v2/webhooks', {
        body: { url: 'https://hooks.example.com/tandem', events: ['conversation_reopen'] },
      });
      expect(publicUrl.statusCode).toBe(201);
      await chat.call('DELETE', `/v2/webhooks/${publicUrl.data.id}`);

      const id = await newConversation();
      await chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('not to localhost') },
      });
      await waitFor(
        async () =>
          (await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`)).data.deliveries.length >= 1,
      );
      const log = await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`);
      expect(log.data.deliveries[0]).toMatchObject({
        status_code: null,
        error: expect.stringMatching(/localhost resolves to .*private or loopback/),
      });
      expect(receiver.received).toHaveLength(0);
    } finally {
      chat.services.config.allowPrivateNetworkUrls = true;
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });

  it('rotates the signing secret: later deliveries are signed with the new one only', async () => {
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['message_create']);
    try {
      const rotated = await chat.call('POST', `/v2/webhooks/${hook.id}/rotate_secret`);
      expect(rotated.statusCode).toBe(200);
      expect(rotated.data).toMatchObject({
        id: hook.id,
        secret: expect.stringMatching(/^whsec_[0-9a-f]{48}$/),
      });
      expect(rotated.data.secret).not.toBe(hook.secret);
      expect((await chat.call('GET', `/v2/webhooks/${hook.id}`)).data.secret).toBeUndefined();
      const id = await newConversation();
      await chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('after rotation') },
      });
      await waitFor(() => receiver.received.length >= 1);
      const [request] = receiver.received;
      expect(request!.headers['x-tandem-signature']).toBe(sign(rotated.data.secret, request!.body));
      expect(request!.headers['x-tandem-signature']).not.toBe(sign(hook.secret, request!.body));

      const agentSession = await makeAgentSession(chat, agentId);
      expect(
        (await chat.call('POST', `/v2/webhooks/${hook.id}/rotate_secret`, { token: agentSession }))
          .statusCode,
      ).toBe(403);
      const missing = await chat.call(
        'POST',
        '/v2/webhooks/00000000-0000-4000-8000-000000000000/rotate_secret',
      );
      expect(missing.statusCode).toBe(404);
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });

  it('housekeeping prunes delivery log entries older than 30 days and keeps recent ones', async () => {
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['message_create']);
    try {
      const id = await newConversation();
      for (const word of ['old', 'new'])
        await chat.call('POST', `/v2/conversations/${id}/messages`, {
          body: { actor_type: 'user', actor_id: userId, message_parts: text(word) },
        });
      const deliveries = async () =>
        (await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`)).data.deliveries;
      await waitFor(async () => (await deliveries()).length === 2);
      const [newest, oldest] = await deliveries();
      await chat.services.db
        .updateTable('webhook_deliveries')
        .set({ created_at: new Date(Date.now() - 31 * 24 * 3600_000) })
        .where('id', '=', oldest.id)
        .execute();
      expect(chat.worker).toBeDefined();
      await chat.worker!.runHousekeeping();
      expect((await deliveries()).map((d: { id: string }) => d.id)).toEqual([newest.id]);
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });

  it('retries a failed delivery with backoff and logs both attempts', async () => {
    const receiver = await startReceiver([500]);
    const hook = await register(receiver.url, ['message_create']);
    try {
      const id = await newConversation();
      await chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('retry me') },
      });
      await waitFor(() => receiver.received.length >= 1);
      let job: { status: string; run_at: Date; attempts: number } | undefined;
      await waitFor(async () => {
        const jobs = await chat.services.db
          .selectFrom('jobs')
          .select(['status', 'run_at', 'attempts', 'payload'])
          .execute();
        job = jobs.find((j) => (j.payload as { webhook_id?: string }).webhook_id === hook.id);
        return job?.status === 'pending' && job.attempts === 1;
      });
      // Backed off (10 s after the first attempt), not retried at once.
      expect(new Date(job!.run_at).getTime()).toBeGreaterThan(Date.now() + 5_000);
      // Fast-forward the clock for this job; the worker's next poll retries it.
      await chat.services.db
        .updateTable('jobs')
        .set({ run_at: new Date() })
        .where('status', '=', 'pending')
        .execute();
      await waitFor(() => receiver.received.length >= 2);
      expect(receiver.received[1]!.headers['x-retry-count']).toBe('1');
      expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
      expect(receiver.received[1]!.headers['x-tandem-signature']).toBe(
        sign(hook.secret, receiver.received[1]!.body),
      );
      await waitFor(
        async () =>
          (await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`)).data.deliveries.length === 2,
      );
      const log = await chat.call('GET', `/v2/webhooks/${hook.id}/deliveries`);
      const attempts = log.data.deliveries.map(
        (d: { attempt: number; status_code: number; error: string | null }) => [
          d.attempt,
          d.status_code,
          d.error,
        ],
      );
      expect(attempts).toEqual([
        [2, 200, null],
        [1, 500, 'HTTP 500'],
      ]);
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });

  it('sends only subscribed events', async () => {
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['conversation_resolution']);
    try {
      const id = await newConversation();
      await chat.call('POST', `/v2/conversations/${id}/messages`, {
        body: { actor_type: 'user', actor_id: userId, message_parts: text('not sent') },
      });
      await chat.call('PUT', `/v2/conversations/${id}`, { body: { assigned_agent_id: agentId } });
      const resolved = await chat.call('PUT', `/v2/conversations/${id}`, { body: { status: 'resolved' } });
      expect(resolved.statusCode).toBe(200);
      await waitFor(() => receiver.received.length >= 1);
      // Give any wrongly queued job the chance to arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received.map((r) => r.headers['x-tandem-event'])).toEqual(['conversation_resolution']);
      const envelope = JSON.parse(receiver.received[0]!.body);
      expect(envelope).toMatchObject({
        action: 'conversation_resolution',
        actor: { actor_type: 'system' },
        data: {
          resolve: { conversation: { id, status: 'resolved' }, interaction_id: id, user: { id: userId } },
        },
      });
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });

  it('enqueues nothing when the transaction rolls back, and a job when it commits', async () => {
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['conversation_assignment']);
    try {
      const id = await newConversation();
      const conversation = (await findConversationById(chat.services.db, id))!;
      const ctx: ChatContext = {
        actor: { kind: 'token', tokenId: 'test', role: 'owner' },
        db: chat.services.db,
        requestId: 'test',
        log: chat.app.log,
        services: chat.services,
      };
      const before = await jobCount();
      await expect(
        inTransaction(ctx, async (tx) => {
          recordEvent(tx, { type: 'conversation_assignment', conversation });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await jobCount()).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.received).toHaveLength(0);

      await inTransaction(ctx, async (tx) => {
        recordEvent(tx, { type: 'conversation_assignment', conversation });
      });
      expect(await jobCount()).toBe(before + 1);
      await waitFor(() => receiver.received.length === 1);
      expect(receiver.received[0]!.headers['x-tandem-event']).toBe('conversation_assignment');
    } finally {
      await chat.call('DELETE', `/v2/webhooks/${hook.id}`);
      await receiver.close();
    }
  });
});
