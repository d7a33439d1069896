import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeAgentSession, makeSite, text } from '../conversations/conversation-test-helpers.js';
import type { SendAck } from './protocol.js';
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

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASE_KINDS)('Chat realtime under faults (%s)', (kind) => {
  let chat: TestChat;
  let url: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    url = await listen(chat);
  });
  afterAll(async () => chat?.close());

  /** A client that reconnects on its own and resumes from the last seq it saw in `cid`. */
  function resumingClient(auth: Record<string, unknown>, cid: () => string | undefined) {
    let test: TestClient | undefined = undefined;
    test = client(
      url,
      (cb) => {
        const id = cid();
        const seen = id && test ? test.seqs(id) : [];
        cb({ ...auth, ...(id ? { resume: { [id]: seen.length ? seen[seen.length - 1] : 0 } } : {}) });
      },
      { reconnection: true },
    );
    return test;
  }

  /** Sends until acknowledged, resending with the same client id after a lost ack. */
  async function sendUntilAcked(c: TestClient, payload: Record<string, unknown>): Promise<OkAck> {
    // Bounded by time, not attempts: on a loaded machine a reconnect can take a while.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (!c.socket.connected) {
        await sleep(5);
        continue;
      }
      try {
        const ack = (await c.socket.timeout(1000).emitWithAck('message:send', payload as never)) as SendAck;
        expect(ack).toMatchObject({ ok: true });
        return ack as OkAck;
      } catch {
        // The connection dropped before the ack arrived: resend the same client id.
      }
    }
    throw new Error('never acknowledged');
  }

  it('200 messages with 20 forced disconnects: every acknowledged message delivered once, in order, on both sides', async () => {
    const site = await makeSite(chat);
    const agentId = await makeAgent(chat);
    const sessionToken = await makeAgentSession(chat, agentId);
    const creds = await widgetCredentials(chat);
    const { restoreId } = await widgetUser(chat, site);

    // Known once the first message created the conversation; the clients resume it after that.
    const known: { cid?: string } = {};
    const user = resumingClient({ ...creds, siteId: site, restoreId }, () => known.cid);
    await connected(user);
    const first = await sendUntilAcked(user, { clientMessageId: 'u-0', parts: text('start') });
    const cid = first.conversationId;
    known.cid = cid;
    const agent = resumingClient({ sessionToken }, () => known.cid);
    await connected(agent);

    let drops = 0;
    user.socket.on('disconnect', () => drops++);
    agent.socket.on('disconnect', () => drops++);
    let sending = true;
    const chaos = (async () => {
      for (let i = 0; i < 20; i++) {
        await sleep(10 + Math.random() * 60);
        const victim = i % 2 === 0 ? user : agent;
        // Drops the transport the way a network failure does; the client reconnects by itself.
        victim.socket.io.engine?.close();
        if (!sending) await sleep(20);
      }
    })();
    const acks: OkAck[] = [first];
    const sendAll = async (c: TestClient, prefix: string, extra: Record<string, unknown>) => {
      for (let i = 1; i <= 100; i++)
        acks.push(
          await sendUntilAcked(c, {
            ...extra,
            clientMessageId: `${prefix}-${i}`,
            parts: text(`${prefix} ${i}`),
          }),
        );
    };
    await Promise.all([
      sendAll(user, 'u', { conversationId: cid }),
      sendAll(agent, 'a', { conversationId: cid }),
    ]);
    sending = false;
    await chaos;

    // Most forced drops hit a live connection (a few land while one is still reconnecting).
    expect(drops).toBeGreaterThanOrEqual(10);
    const acknowledged = acks.map((a) => a.seq).sort((x, y) => x - y);
    expect(acknowledged).toEqual(range(1, 201));
    const rows = await chat.services.db
      .selectFrom('messages')
      .select('seq')
      .where('conversation_id', '=', cid)
      .execute();
    expect(rows).toHaveLength(201);

    await waitFor(() => user.socket.connected && agent.socket.connected, 10_000);
    await waitFor(() => user.seqs(cid).length >= 201 && agent.seqs(cid).length >= 201, 10_000);
    await settle(300);
    expect(user.seqs(cid)).toEqual(range(1, 201));
    expect(agent.seqs(cid)).toEqual(range(1, 201));
    user.close();
    agent.close();
  }, 60_000);
});
