import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatApp } from '../chat-app.js';
import { CHAT_TOKEN, startTestChat, type TestChat } from '../../test/chat-harness.js';
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

    it('typing, read receipts, conversation updates and availability cross processes', async () => {
      const site = await makeSite(first);
      const agentId = await makeAgent(first, { firstName: 'Remote' });
      const localAgentId = await makeAgent(first, { firstName: 'Local' });
      const creds = await widgetCredentials(first);
      const { restoreId, userId } = await widgetUser(first, site);
      const other = await widgetUser(first, site);
      // The user and a colleague on server one, the agent on server two.
      const user = await connected(client(firstUrl, { ...creds, siteId: site, restoreId }));
      const stranger = await connected(
        client(firstUrl, { ...creds, siteId: site, restoreId: other.restoreId }),
      );
      const colleague = await connected(
        client(firstUrl, { sessionToken: await makeAgentSession(first, localAgentId) }),
      );
      const agent = await connected(
        client(secondUrl, { sessionToken: await makeAgentSession(first, agentId) }),
      );
      open.push(user, stranger, colleague, agent);
      await settle(300);
      const onSecond = (method: 'PUT' | 'PATCH', url: string, body: unknown) =>
        second.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${CHAT_TOKEN}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });

      const ack = (await user.socket.emitWithAck('message:send', {
        clientMessageId: 'y-1',
        parts: text('hello'),
      })) as Extract<SendAck, { ok: true }>;
      const cid = ack.conversationId;
      // Created on server one: the agent on two hears of it first, then the message.
      await waitFor(() => agent.seqs(cid).length === 1);
      expect(agent.of('conversation:updated').filter((u) => u.conversationId === cid)).toMatchObject([
        { change: 'created', userId, status: 'new' },
      ]);

      user.socket.emit('typing', { conversationId: cid, isTyping: true });
      await waitFor(() => agent.typing.length === 1);
      expect(agent.typing[0]).toEqual({
        conversationId: cid,
        isTyping: true,
        actorType: 'user',
        actorId: userId,
      });
      agent.socket.emit('typing', { conversationId: cid, isTyping: true });
      await waitFor(() => user.typing.length === 1);
      expect(user.typing[0]).toMatchObject({ actorType: 'agent', actorId: agentId });

      user.socket.emit('message:read', { conversationId: cid, seq: 1 });
      await waitFor(() => agent.of('message:read').length === 1);
      expect(agent.of('message:read')[0]).toEqual({
        conversationId: cid,
        seq: 1,
        actorType: 'user',
        actorId: userId,
      });
      agent.socket.emit('message:read', { conversationId: cid, seq: 1 });
      await waitFor(() => user.of('message:read').length === 1 && colleague.of('message:read').length === 2);
      expect(user.of('message:read')[0]).toEqual({
        conversationId: cid,
        seq: 1,
        actorType: 'agent',
        actorId: agentId,
      });

      // Assigned and resolved through server two: server one's sockets hear it in their own views.
      expect(
        (await onSecond('PUT', `/v2/conversations/${cid}`, { assigned_agent_id: agentId })).statusCode,
      ).toBe(200);
      expect((await onSecond('PUT', `/v2/conversations/${cid}`, { status: 'resolved' })).statusCode).toBe(
        200,
      );
      const userUpdates = () => user.of('conversation:updated').filter((u) => u.conversationId === cid);
      await waitFor(() => userUpdates().length === 3);
      expect(userUpdates()).toEqual([
        expect.objectContaining({ change: 'created' }),
        {
          conversationId: cid,
          change: 'assignment',
          status: 'assigned',
          assignedAgent: { name: 'Remote Smith', avatarUrl: null },
          csatOffer: null,
        },
        expect.objectContaining({ change: 'resolution', csatOffer: { resolveNumber: 1 } }),
      ]);
      await waitFor(
        () => colleague.of('conversation:updated').filter((u) => u.conversationId === cid).length === 3,
      );
      expect(colleague.of('conversation:updated').at(-1)).toMatchObject({
        conversationId: cid,
        change: 'resolution',
        assignedAgentId: agentId,
      });

      // Availability changed on server two: agents on one hear it; users on one hear the flip.
      await first.services.db.updateTable('agents').set({ availability: 'away' }).execute();
      expect(
        (await onSecond('PATCH', `/v2/agents/${agentId}`, { availability_status: 'AVAILABLE' })).statusCode,
      ).toBe(200);
      await waitFor(() => colleague.of('agent:availability').some((e) => e.agentId === agentId));
      const told = user.of('team:availability').length;
      expect(
        (await onSecond('PATCH', `/v2/agents/${agentId}`, { availability_status: 'UNAVAILABLE' })).statusCode,
      ).toBe(200);
      await waitFor(() => user.of('team:availability').length > told);
      expect(user.of('team:availability').at(-1)).toEqual({ available: false });
      expect(colleague.of('agent:availability').filter((e) => e.agentId === agentId)).toEqual([
        { agentId, availability_status: 'AVAILABLE' },
        { agentId, availability_status: 'UNAVAILABLE' },
      ]);

      await settle();
      expect(JSON.stringify(stranger.events)).not.toContain(cid);
    });
  },
);
