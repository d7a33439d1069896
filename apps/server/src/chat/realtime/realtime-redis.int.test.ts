import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatApp } from '../chat-app.js';
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

const redisUrl = process.env.TEST_REDIS_URL;

/** Two Chat servers on one database, joined by the Redis adapter: a user on one, an agent on the other. */
describe.runIf(redisUrl).each(TEST_DATABASE_KINDS)(
  'Chat realtime across processes over Redis (%s)',
  (kind) => {
    let first: TestChat;
    let second: ChatApp;
    let firstUrl: string;
    let secondUrl: string;
    const open: TestClient[] = [];

    beforeAll(async () => {
      first = await startTestChat(kind, { rateLimitPerMinute: 100_000, redisUrl });
      second = await buildChatApp({
        config: first.services.config,
        logger: false,
        database: first.database,
      });
      firstUrl = await listen(first);
      await second.app.listen({ port: 0, host: '127.0.0.1' });
      const address = second.app.server.address();
      secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      for (const c of open) c.close();
      await second?.close();
      await first?.close();
    });

    it('delivers a message committed on one server to sockets on the other, audience checked there', async () => {
      const site = await makeSite(first);
      const agentId = await makeAgent(first);
      const sessionToken = await makeAgentSession(first, agentId);
      const creds = await widgetCredentials(first);
      const { restoreId } = await widgetUser(first, site);
      const other = await widgetUser(first, site);
      const user = await connected(client(firstUrl, { ...creds, siteId: site, restoreId }));
      const stranger = await connected(
        client(firstUrl, { ...creds, siteId: site, restoreId: other.restoreId }),
      );
      const agent = await connected(client(secondUrl, { sessionToken }));
      open.push(user, stranger, agent);
      // Lets the adapters' subscriptions settle before the first cross-server event.
      await settle(300);

      const ack = (await user.socket.emitWithAck('message:send', {
        clientMessageId: 'x-1',
        parts: text('from server one'),
      })) as Extract<SendAck, { ok: true }>;
      expect(ack).toMatchObject({ ok: true, seq: 1 });
      const cid = ack.conversationId;
      await waitFor(() => agent.seqs(cid).length === 1);
      expect(agent.received[0]!.message).toMatchObject({
        actor_type: 'user',
        message_parts: text('from server one'),
      });

      const note = await agent.socket.emitWithAck('message:send', {
        conversationId: cid,
        clientMessageId: 'x-2',
        parts: text('note'),
        messageType: 'private',
      });
      const reply = await agent.socket.emitWithAck('message:send', {
        conversationId: cid,
        clientMessageId: 'x-3',
        parts: text('from server two'),
      });
      expect([note, reply]).toMatchObject([
        { ok: true, seq: 2 },
        { ok: true, seq: 3 },
      ]);
      await waitFor(() => user.seqs(cid).length === 2 && agent.seqs(cid).length === 3);
      await settle();
      expect(user.seqs(cid)).toEqual([1, 3]);
      expect(agent.seqs(cid)).toEqual([1, 2, 3]);
      expect(stranger.received).toEqual([]);
    });
  },
);
