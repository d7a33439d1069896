import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeAgentSession, makeSite, text } from '../conversations/conversation-test-helpers.js';
import type { ResumeAck, SendAck } from './protocol.js';
import { attachRealtime } from './realtime-server.js';
import {
  client,
  connected,
  listen,
  settle,
  waitFor,
  widgetCredentials,
  widgetUser,
  type TestClient,
} from './realtime-test-helpers.js';

type OkAck = Extract<SendAck, { ok: true }>;

/**
 * Per-socket rate limits. A second realtime server with tight limits shares the test Chat's
 * services (database, event bus), so limits bite after a handful of events; the Chat's own
 * server keeps the production defaults.
 */
describe.each(TEST_DATABASE_KINDS)('Chat realtime rate limits (%s)', (kind) => {
  let chat: TestChat;
  let tight: FastifyInstance;
  let tightUrl: string;
  let defaultUrl: string;
  let site: string;
  let agentId: string;
  let sessionToken: string;
  let creds: { appId: string; widgetToken: string };
  const open: TestClient[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    defaultUrl = await listen(chat);
    tight = Fastify({ logger: false });
    attachRealtime(tight, chat.services, {
      limits: {
        user: {
          send: { burst: 5, perSecond: 1 },
          typing: { burst: 3, perSecond: 0.5 },
          read: { burst: 3, perSecond: 0.5 },
          resume: { burst: 2, perSecond: 0.5 },
        },
        hammerFactor: 10,
      },
    });
    await tight.listen({ port: 0, host: '127.0.0.1' });
    tightUrl = `http://127.0.0.1:${(tight.server.address() as AddressInfo).port}`;
    site = await makeSite(chat);
    agentId = await makeAgent(chat);
    sessionToken = await makeAgentSession(chat, agentId);
    creds = await widgetCredentials(chat);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await tight?.close();
    await chat?.close();
  });

  const userOn = async (url: string) => {
    const { restoreId } = await widgetUser(chat, site);
    const c = client(url, { ...creds, siteId: site, restoreId });
    open.push(c);
    return connected(c);
  };
  const agentOn = async (url: string) => {
    const c = client(url, { sessionToken });
    open.push(c);
    return connected(c);
  };
  const send = (c: TestClient, payload: Record<string, unknown>) =>
    c.socket.emitWithAck('message:send', payload as never) as Promise<SendAck>;
  const countMessages = async (cid: string) =>
    (await chat.services.db.selectFrom('messages').select('id').where('conversation_id', '=', cid).execute())
      .length;

  it('a burst over the limit is acknowledged rate_limited and stores nothing; the resend later succeeds', async () => {
    const user = await userOn(tightUrl);
    const first = (await send(user, { clientMessageId: 'b-0', parts: text('first') })) as OkAck;
    expect(first.ok).toBe(true);
    const cid = first.conversationId;
    const acks = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        send(user, { conversationId: cid, clientMessageId: `b-${i + 1}`, parts: text(`m ${i + 1}`) }),
      ),
    );
    // 4 tokens were left after the first send (5 if a slow first send let one refill).
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(accepted).toBeLessThanOrEqual(5);
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toHaveLength(9 - accepted);
    for (const ack of refused)
      expect(ack).toEqual({
        ok: false,
        error: { code: 'rate_limited', message: expect.any(String), retryAfterMs: expect.any(Number) },
      });
    const wait = (refused[0] as Extract<SendAck, { ok: false }>).error.retryAfterMs!;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    expect(await countMessages(cid)).toBe(1 + accepted);

    // A well-behaved client waits as told and resends the same client id.
    const index = acks.findIndex((a) => !a.ok);
    await new Promise((resolve) => setTimeout(resolve, wait + 20));
    const retried = await send(user, {
      conversationId: cid,
      clientMessageId: `b-${index + 1}`,
      parts: text(`m ${index + 1}`),
    });
    expect(retried).toMatchObject({ ok: true, seq: accepted + 2 });
    expect(await countMessages(cid)).toBe(accepted + 2);
    expect(user.socket.connected).toBe(true);
  });

  it('drops a typing and read flood silently beyond the limit; resume over the limit is refused', async () => {
    const user = await userOn(tightUrl);
    // Ephemeral events are relayed by the process the user is on (no Redis here): the agent
    // listens there too, with the agents' (default) limits.
    const agent = await agentOn(tightUrl);
    const cid = ((await send(user, { clientMessageId: 't-0', parts: text('hi') })) as OkAck).conversationId;
    for (let i = 0; i < 30; i++) user.socket.emit('typing', { conversationId: cid, isTyping: i % 2 === 0 });
    for (let i = 0; i < 30; i++) user.socket.emit('message:read', { conversationId: cid, seq: 1 });
    await waitFor(() => agent.typing.length === 3 && agent.of('message:read').length === 3);
    await settle(300);
    expect(agent.typing).toHaveLength(3);
    expect(agent.of('message:read')).toHaveLength(3);

    const resumes = await Promise.all(
      [0, 1, 2].map(
        () =>
          user.socket.emitWithAck('conversation:resume', {
            conversationId: cid,
            afterSeq: 0,
          }) as Promise<ResumeAck>,
      ),
    );
    expect(resumes.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'rate_limited']);
    // Under the hammer threshold (10 × burst): still connected.
    expect(user.socket.connected).toBe(true);
  });

  it('disconnects a socket that keeps hammering far over the limit', async () => {
    const user = await userOn(tightUrl);
    const cid = ((await send(user, { clientMessageId: 'h-0', parts: text('hi') })) as OkAck).conversationId;
    const reason = new Promise<string>((resolve) => user.socket.once('disconnect', resolve));
    // 5 allowed (burst), then > 10 × 5 refusals.
    for (let i = 0; i < 70; i++)
      user.socket.emit(
        'message:send',
        { conversationId: cid, clientMessageId: `h-${i + 1}`, parts: text('x') },
        () => {},
      );
    expect(await reason).toBe('io server disconnect');
    expect(await countMessages(cid)).toBeLessThanOrEqual(6);
  });

  it('a normal client within the default limits never sees rate_limited', async () => {
    const user = await userOn(defaultUrl);
    const agent = await agentOn(defaultUrl);
    const acks: SendAck[] = [];
    acks.push(await send(user, { clientMessageId: 'n-0', parts: text('hello') }));
    const cid = (acks[0] as OkAck).conversationId;
    // A burst the size of the user's allowance, then a steady pace under 5 a second.
    for (let i = 1; i < 20; i++)
      acks.push(await send(user, { conversationId: cid, clientMessageId: `n-${i}`, parts: text(`${i}`) }));
    for (let i = 20; i < 26; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      acks.push(await send(user, { conversationId: cid, clientMessageId: `n-${i}`, parts: text(`${i}`) }));
      user.socket.emit('typing', { conversationId: cid, isTyping: true });
      user.socket.emit('message:read', { conversationId: cid, seq: i });
    }
    // An agent answering quickly.
    for (let i = 0; i < 50; i++)
      acks.push(await send(agent, { conversationId: cid, clientMessageId: `a-${i}`, parts: text(`a ${i}`) }));
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    expect(await countMessages(cid)).toBe(76);
    await waitFor(() => agent.typing.length === 6 && agent.of('message:read').length === 6);
  });
});
