import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeAgentSession, makeSite, text } from '../conversations/conversation-test-helpers.js';
import { sendMessage } from '../conversations/index.js';
import type { ChatEvent } from '../events.js';
import type { ResumeAck, SendAck } from './protocol.js';
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

describe.each(TEST_DATABASE_KINDS)('Chat realtime delivery (%s)', (kind) => {
  let chat: TestChat;
  let url: string;
  let site: string;
  let otherSite: string;
  let agentId: string;
  let sessionToken: string;
  let creds: { appId: string; widgetToken: string };
  const open: TestClient[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    url = await listen(chat);
    site = await makeSite(chat);
    otherSite = await makeSite(chat);
    agentId = await makeAgent(chat, { firstName: 'Jane' });
    sessionToken = await makeAgentSession(chat, agentId);
    creds = await widgetCredentials(chat);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => chat?.close());

  const track = (c: TestClient) => {
    open.push(c);
    return c;
  };
  const userClient = async (restoreId: string, siteId = site, extra: Record<string, unknown> = {}) =>
    connected(track(client(url, { ...creds, siteId, restoreId, ...extra })));
  const agentClient = async (extra: Record<string, unknown> = {}) =>
    connected(track(client(url, { sessionToken, ...extra })));
  const send = (c: TestClient, payload: Record<string, unknown>) =>
    c.socket.emitWithAck('message:send', payload as never) as Promise<SendAck>;
  const resume = (c: TestClient, conversationId: string, afterSeq: number) =>
    c.socket.emitWithAck('conversation:resume', { conversationId, afterSeq }) as Promise<ResumeAck>;
  const ok = (ack: SendAck): OkAck => {
    expect(ack).toMatchObject({ ok: true });
    return ack as OkAck;
  };
  const agentRestSend = (conversationId: string, content: string, messageType = 'normal') =>
    chat.call('POST', `/v2/conversations/${conversationId}/messages`, {
      body: {
        actor_type: 'agent',
        actor_id: agentId,
        message_type: messageType,
        message_parts: text(content),
      },
    });

  it('a user and an agent exchange messages in real time; the ack carries the seq', async () => {
    const { userId, restoreId } = await widgetUser(chat, site);
    const agent = await agentClient();
    const user = await userClient(restoreId);

    const first = ok(await send(user, { clientMessageId: 'u-1', parts: text('Hello') }));
    expect(first).toEqual({
      ok: true,
      seq: 1,
      messageId: expect.any(String),
      conversationId: expect.any(String),
    });
    const cid = first.conversationId;
    await waitFor(() => agent.seqs(cid).length === 1 && user.seqs(cid).length === 1);
    expect(agent.received.find((e) => e.conversationId === cid)).toMatchObject({
      seq: 1,
      message: {
        id: first.messageId,
        actor_type: 'user',
        actor_id: userId,
        user_id: userId,
        message_type: 'normal',
      },
    });

    const reply = ok(await send(agent, { conversationId: cid, clientMessageId: 'a-1', parts: text('Hi!') }));
    expect(reply).toMatchObject({ seq: 2, conversationId: cid });
    await waitFor(() => user.seqs(cid).length === 2);
    const delivered = user.received.filter((e) => e.conversationId === cid);
    expect(delivered.map((e) => e.seq)).toEqual([1, 2]);
    expect(delivered[1]!.message).toMatchObject({
      id: reply.messageId,
      actor_type: 'agent',
      actor_id: agentId,
      message_type: 'normal',
      message_parts: text('Hi!'),
      seq: 2,
    });
    expect(delivered[1]!.message).not.toHaveProperty('message_source');

    // Typing is relayed to the other side only and never stored.
    user.socket.emit('typing', { conversationId: cid, isTyping: true });
    await waitFor(() => agent.typing.length === 1);
    expect(agent.typing[0]).toEqual({
      conversationId: cid,
      isTyping: true,
      actorType: 'user',
      actorId: userId,
    });
    agent.socket.emit('typing', { conversationId: cid, isTyping: false });
    await waitFor(() => user.typing.length === 1);
    expect(user.typing[0]).toEqual({
      conversationId: cid,
      isTyping: false,
      actorType: 'agent',
      actorId: agentId,
    });
    const rows = await chat.services.db
      .selectFrom('messages')
      .select('seq')
      .where('conversation_id', '=', cid)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('a resend with the same client message id returns the original ack and stores nothing new', async () => {
    const { restoreId } = await widgetUser(chat, site);
    const user = await userClient(restoreId);
    const first = ok(await send(user, { clientMessageId: 'same-1', parts: text('first') }));
    // The first message's resend names no conversation: no second conversation either.
    expect(await send(user, { clientMessageId: 'same-1', parts: text('first') })).toEqual(first);
    const second = ok(
      await send(user, { conversationId: first.conversationId, clientMessageId: 'same-2', parts: text('2') }),
    );
    const resent = await send(user, {
      conversationId: first.conversationId,
      clientMessageId: 'same-2',
      parts: text('2'),
    });
    expect(resent).toEqual(second);
    expect(second.seq).toBe(2);
    const rows = await chat.services.db
      .selectFrom('messages')
      .select('client_message_id')
      .where('conversation_id', '=', first.conversationId)
      .execute();
    expect(rows.map((r) => r.client_message_id).sort()).toEqual(['same-1', 'same-2']);
    const conversations = await chat.services.db
      .selectFrom('conversations')
      .select('id')
      .where(
        'user_id',
        '=',
        (
          await chat.services.db
            .selectFrom('conversations')
            .select('user_id')
            .where('id', '=', first.conversationId)
            .executeTakeFirstOrThrow()
        ).user_id,
      )
      .execute();
    expect(conversations).toHaveLength(1);
  });

  it('a reconnecting client resumes from its last seq: missed messages in order, once, before new ones', async () => {
    const { restoreId } = await widgetUser(chat, site);
    let user = await userClient(restoreId);
    const cid = ok(await send(user, { clientMessageId: 'r-1', parts: text('start') })).conversationId;
    await waitFor(() => user.seqs(cid).length === 1);
    user.close();
    for (const n of [1, 2, 3]) expect((await agentRestSend(cid, `missed ${n}`)).statusCode).toBe(201);

    user = await userClient(restoreId, site, { resume: { [cid]: 1 } });
    await waitFor(() => user.seqs(cid).length === 3);
    expect((await agentRestSend(cid, 'live')).statusCode).toBe(201);
    await waitFor(() => user.seqs(cid).length === 4);
    await settle();
    expect(user.seqs(cid)).toEqual([2, 3, 4, 5]);

    // conversation:resume replays on demand, then acknowledges with the last seq sent.
    const replay = await resume(user, cid, 3);
    expect(replay).toEqual({ ok: true, lastSeq: 5 });
    expect(user.seqs(cid)).toEqual([2, 3, 4, 5, 4, 5]);
  });

  it('events arriving out of order (commits finishing concurrently) still deliver each message once, in order', async () => {
    const { userId, restoreId } = await widgetUser(chat, site);
    const user = await userClient(restoreId);
    const cid = ok(await send(user, { clientMessageId: 'o-1', parts: text('first') })).conversationId;
    const agent = await agentClient({ resume: { [cid]: 1 } });
    await settle();
    // Three messages committed, their events held back and then heard out of order: 3, 4, 2.
    const held: ChatEvent[] = [];
    await chat.services.db.transaction().execute(async (trx) => {
      for (const n of [2, 3, 4])
        await sendMessage(
          {
            actor: { kind: 'user', userId, siteId: site },
            db: trx,
            requestId: 'test',
            log: chat.app.log,
            services: chat.services,
            pendingEvents: held,
          },
          {
            conversationId: cid,
            actorType: 'user',
            actorId: userId,
            messageParts: text(`held ${n}`),
            clientMessageId: `o-${n}`,
            source: 'widget',
          },
        );
    });
    const bySeq = (seq: number) => held.find((e) => e.type === 'message_create' && e.message.seq === seq)!;
    chat.services.events.emitCommitted([bySeq(3), bySeq(4), bySeq(2)]);
    await waitFor(() => agent.seqs(cid).length >= 3 && user.seqs(cid).length >= 4);
    await settle();
    expect(agent.seqs(cid)).toEqual([2, 3, 4]);
    expect(user.seqs(cid)).toEqual([1, 2, 3, 4]);
  });

  it('isolates users: no resume, send or delivery across conversations or sites', async () => {
    const a = await widgetUser(chat, site);
    const b = await widgetUser(chat, site);
    const stranger = await widgetUser(chat, otherSite);
    const userA = await userClient(a.restoreId);
    const userB = await userClient(b.restoreId);
    const other = await userClient(stranger.restoreId, otherSite);
    const cid = ok(await send(userA, { clientMessageId: 'iso-1', parts: text('mine') })).conversationId;

    expect(await resume(userB, cid, 0)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_found' }),
    });
    expect(
      await send(userB, { conversationId: cid, clientMessageId: 'iso-b', parts: text('intrude') }),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_found' }),
    });
    other.socket.emit('typing', { conversationId: cid, isTyping: true });
    expect((await agentRestSend(cid, 'for A only')).statusCode).toBe(201);
    await waitFor(() => userA.seqs(cid).length === 2);
    await settle();
    expect(userB.received).toEqual([]);
    expect(other.received).toEqual([]);
    expect(userA.typing).toEqual([]);
    const rows = await chat.services.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', cid)
      .execute();
    expect(rows).toHaveLength(2);

    // A restore id is only good on its own site.
    await expect(userClient(a.restoreId, otherSite)).rejects.toMatchObject({
      message: 'No user of this site has this restore id.',
    });
  });

  it("a user sending into another user's conversation gets not_found and stores nothing", async () => {
    const a = await widgetUser(chat, site);
    const b = await widgetUser(chat, site);
    const stranger = await widgetUser(chat, otherSite);
    const userA = await userClient(a.restoreId);
    const userB = await userClient(b.restoreId);
    const other = await userClient(stranger.restoreId, otherSite);
    const agent = await agentClient();
    const cid = ok(await send(userA, { clientMessageId: 'own-1', parts: text('mine') })).conversationId;
    const count = async () =>
      (
        await chat.services.db
          .selectFrom('messages')
          .select('id')
          .where('conversation_id', '=', cid)
          .execute()
      ).length;

    for (const [intruder, clientMessageId] of [
      [userB, 'own-1'], // even reusing the owner's client id: no original ack leaks
      [userB, 'b-1'],
      [other, 'o-1'],
    ] as const) {
      expect(await send(intruder, { conversationId: cid, clientMessageId, parts: text('intrude') })).toEqual({
        ok: false,
        error: { code: 'not_found', message: expect.any(String) },
      });
    }
    // Typing and read receipts into it are not relayed either.
    userB.socket.emit('typing', { conversationId: cid, isTyping: true });
    userB.socket.emit('message:read', { conversationId: cid, seq: 1 });
    await settle();
    expect(await count()).toBe(1);
    expect(agent.typing).toEqual([]);
    expect(agent.of('message:read')).toEqual([]);
    expect(userA.received.map((e) => e.seq)).toEqual([1]);
  });

  it('a private note reaches agent sockets but never the user socket', async () => {
    const { restoreId } = await widgetUser(chat, site);
    const agent = await agentClient();
    const user = await userClient(restoreId);
    const cid = ok(await send(user, { clientMessageId: 'p-1', parts: text('question') })).conversationId;
    expect((await agentRestSend(cid, 'internal only', 'private')).statusCode).toBe(201);
    const note = ok(
      await send(agent, {
        conversationId: cid,
        clientMessageId: 'p-3',
        parts: text('note 2'),
        messageType: 'private',
      }),
    );
    expect((await agentRestSend(cid, 'public answer')).statusCode).toBe(201);
    await waitFor(() => agent.seqs(cid).length === 4 && user.seqs(cid).length === 2);
    await settle();
    expect(agent.seqs(cid)).toEqual([1, 2, 3, 4]);
    expect(agent.received.filter((e) => e.conversationId === cid).map((e) => e.message.message_type)).toEqual(
      ['normal', 'private', 'private', 'normal'],
    );
    expect(note.seq).toBe(3);
    expect(user.seqs(cid)).toEqual([1, 4]);
    expect(JSON.stringify(user.received)).not.toContain('internal only');
    // Resuming replays no note either; a user cannot write one.
    await resume(user, cid, 0);
    expect(user.seqs(cid)).toEqual([1, 4, 1, 4]);
    expect(
      await send(user, {
        conversationId: cid,
        clientMessageId: 'p-x',
        parts: text('x'),
        messageType: 'private',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', details: [{ field: 'messageType', code: 'invalid_value' }] },
    });
  });

  it('refuses wrong credentials with a clear connect_error', async () => {
    const { restoreId } = await widgetUser(chat, site);
    await expect(
      connected(track(client(url, { ...creds, widgetToken: 'wrong', siteId: site, restoreId }))),
    ).rejects.toMatchObject({
      message: 'The app id or widget token is wrong.',
      data: { code: 'invalid_credentials' },
    });
    await expect(
      connected(track(client(url, { ...creds, appId: 'nope', siteId: site, restoreId }))),
    ).rejects.toMatchObject({
      message: 'The app id or widget token is wrong.',
    });
    await expect(connected(track(client(url, { sessionToken: 'not-a-session' })))).rejects.toMatchObject({
      message: 'The agent session is unknown or has expired.',
    });
    await expect(connected(track(client(url, {})))).rejects.toMatchObject({
      data: { code: 'invalid_handshake' },
    });
  });

  it('disconnects an agent whose session ended when it next sends', async () => {
    const other = await makeAgent(chat);
    const token = await makeAgentSession(chat, other);
    const { restoreId } = await widgetUser(chat, site);
    const user = await userClient(restoreId);
    const cid = ok(await send(user, { clientMessageId: 'end-1', parts: text('hi') })).conversationId;
    const agent = await connected(track(client(url, { sessionToken: token })));
    await chat.services.db.deleteFrom('agent_sessions').where('agent_id', '=', other).execute();
    const disconnected = new Promise((resolve) => agent.socket.once('disconnect', resolve));
    expect(
      await send(agent, { conversationId: cid, clientMessageId: 'end-2', parts: text('x') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials', message: 'The agent session has ended.' },
    });
    await disconnected;
    const rows = await chat.services.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', cid)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('rejects a malformed send with field errors', async () => {
    const { restoreId } = await widgetUser(chat, site);
    const user = await userClient(restoreId);
    expect(await send(user, { clientMessageId: 'bad', parts: 'not parts' })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(await send(user, { parts: text('no id') })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', details: [{ field: 'clientMessageId' }] },
    });
  });
});
