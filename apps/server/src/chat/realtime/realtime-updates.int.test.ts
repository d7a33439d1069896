import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import {
  makeAgent,
  makeAgentSession,
  makeGroup,
  makeSite,
  text,
} from '../conversations/conversation-test-helpers.js';
import type { AgentConversationUpdate, SendAck, UserConversationUpdate } from './protocol.js';
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

/** Conversation changes, read receipts and availability: who hears what, in which shape. */
describe.each(TEST_DATABASE_KINDS)('Chat realtime conversation updates and receipts (%s)', (kind) => {
  let chat: TestChat;
  let url: string;
  let site: string;
  let agentId: string;
  let sessionToken: string;
  let creds: { appId: string; widgetToken: string };
  const open: TestClient[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    url = await listen(chat);
    site = await makeSite(chat);
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
  const userClient = (restoreId: string) =>
    connected(track(client(url, { ...creds, siteId: site, restoreId })));
  const agentClient = (token = sessionToken) => connected(track(client(url, { sessionToken: token })));
  const send = async (c: TestClient, payload: Record<string, unknown>) => {
    const ack = (await c.socket.emitWithAck('message:send', payload as never)) as SendAck;
    expect(ack).toMatchObject({ ok: true });
    return ack as OkAck;
  };
  const updatesOf = (c: TestClient, cid: string) =>
    c.of('conversation:updated').filter((u) => u.conversationId === cid);
  const put = async (cid: string, body: Record<string, unknown>) =>
    expect((await chat.call('PUT', `/v2/conversations/${cid}`, { body })).statusCode).toBe(200);

  it('assignment, resolve and reopen reach agents in the agent view and the owner in the user view only', async () => {
    const owner = await widgetUser(chat, site);
    const other = await widgetUser(chat, site);
    const agent = await agentClient();
    const user = await userClient(owner.restoreId);
    const stranger = await userClient(other.restoreId);
    const groupId = await makeGroup(chat, [agentId], 'manual');

    const cid = (await send(user, { clientMessageId: 'c-1', parts: text('help') })).conversationId;
    await waitFor(
      () =>
        updatesOf(agent, cid).length === 1 &&
        updatesOf(user, cid).length === 1 &&
        agent.seqs(cid).length === 1,
    );
    // The inbox hears of the conversation before its first message.
    expect(agent.events.filter((e) => JSON.stringify(e.payload).includes(cid)).map((e) => e.name)).toEqual([
      'conversation:updated',
      'message:new',
    ]);
    expect(updatesOf(agent, cid)[0]).toEqual({
      conversationId: cid,
      change: 'created',
      status: 'new',
      assignedAgentId: null,
      assignedGroupId: null,
      userId: owner.userId,
      updatedTime: expect.any(String),
      lastSeq: 0,
    } satisfies AgentConversationUpdate);
    expect(updatesOf(user, cid)[0]).toEqual({
      conversationId: cid,
      change: 'created',
      status: 'new',
      assignedAgent: null,
      csatOffer: null,
    } satisfies UserConversationUpdate);

    await put(cid, { assigned_agent_id: agentId, assigned_group_id: groupId });
    await put(cid, { status: 'resolved' });
    await send(user, { conversationId: cid, clientMessageId: 'c-2', parts: text('one more thing') });
    await put(cid, { status: 'resolved' });
    await waitFor(() => updatesOf(agent, cid).length === 5 && updatesOf(user, cid).length === 5);
    await settle();

    const forAgents = updatesOf(agent, cid) as AgentConversationUpdate[];
    expect(forAgents.map((u) => [u.change, u.status, u.assignedAgentId, u.assignedGroupId])).toEqual([
      ['created', 'new', null, null],
      ['assignment', 'assigned', agentId, groupId],
      ['resolution', 'resolved', agentId, groupId],
      ['reopen', 'reopened', agentId, groupId],
      ['resolution', 'resolved', agentId, groupId],
    ]);
    // Each update follows the system message it came with.
    expect(forAgents.map((u) => u.lastSeq)).toEqual([0, 2, 3, 5, 6]);

    const forUser = updatesOf(user, cid) as UserConversationUpdate[];
    expect(forUser.slice(1)).toEqual([
      {
        conversationId: cid,
        change: 'assignment',
        status: 'assigned',
        assignedAgent: { name: 'Jane Smith', avatarUrl: null },
        csatOffer: null,
      },
      expect.objectContaining({ change: 'resolution', status: 'resolved', csatOffer: { resolveNumber: 1 } }),
      expect.objectContaining({ change: 'reopen', status: 'reopened', csatOffer: null }),
      expect.objectContaining({ change: 'resolution', status: 'resolved', csatOffer: { resolveNumber: 2 } }),
    ]);
    // No group id, sequence number or internal field in the user's view.
    for (const update of forUser)
      expect(Object.keys(update).sort()).toEqual([
        'assignedAgent',
        'change',
        'conversationId',
        'csatOffer',
        'status',
      ]);
    // (The test group's name holds its id, and the assignment notice names the group.)
    expect(JSON.stringify(forUser)).not.toContain(groupId);
    expect(stranger.of('conversation:updated')).toEqual([]);
    expect(JSON.stringify(stranger.events)).not.toContain(cid);

    // The offer names the resolve a rating now applies to.
    const rated = await chat.call('POST', `/v2/conversations/${cid}/csat`, { body: { rating: 5 } });
    expect(rated.statusCode).toBe(201);
    const stored = await chat.services.db
      .selectFrom('csat_responses')
      .select('resolve_number')
      .where('conversation_id', '=', cid)
      .executeTakeFirstOrThrow();
    expect(stored.resolve_number).toBe(forUser[4]!.csatOffer!.resolveNumber);
  });

  it('a conversation created over REST reaches agents and its user', async () => {
    const owner = await widgetUser(chat, site);
    const agent = await agentClient();
    const user = await userClient(owner.restoreId);
    const res = await chat.call('POST', '/v2/conversations', {
      body: { users: [{ id: owner.userId }], assigned_agent_id: agentId },
    });
    expect(res.statusCode).toBe(201);
    const cid = res.data.id as string;
    await waitFor(() => updatesOf(agent, cid).length === 2 && updatesOf(user, cid).length === 2);
    expect(updatesOf(agent, cid).map((u) => u.change)).toEqual(['created', 'assignment']);
    expect(updatesOf(user, cid)[1]).toMatchObject({ assignedAgent: { name: 'Jane Smith' } });
  });

  it('relays read receipts both ways, only for conversations the reader may see', async () => {
    const owner = await widgetUser(chat, site);
    const other = await widgetUser(chat, site);
    const secondAgentId = await makeAgent(chat, { firstName: 'Sam' });
    const agent = await agentClient();
    const colleague = await agentClient(await makeAgentSession(chat, secondAgentId));
    const user = await userClient(owner.restoreId);
    const stranger = await userClient(other.restoreId);
    const cid = (await send(user, { clientMessageId: 'r-1', parts: text('hi') })).conversationId;
    await send(agent, { conversationId: cid, clientMessageId: 'r-2', parts: text('hello') });
    await waitFor(() => user.seqs(cid).length === 2);

    user.socket.emit('message:read', { conversationId: cid, seq: 2 });
    const fromUser = { conversationId: cid, seq: 2, actorType: 'user', actorId: owner.userId };
    await waitFor(() => agent.of('message:read').length === 1 && colleague.of('message:read').length === 1);
    expect(agent.of('message:read')).toEqual([fromUser]);
    expect(colleague.of('message:read')).toEqual([fromUser]);

    agent.socket.emit('message:read', { conversationId: cid, seq: 1 });
    const fromAgent = { conversationId: cid, seq: 1, actorType: 'agent', actorId: agentId };
    await waitFor(() => user.of('message:read').length === 1 && colleague.of('message:read').length === 2);
    expect(user.of('message:read')).toEqual([fromAgent]);
    expect(colleague.of('message:read')[1]).toEqual(fromAgent);

    // Someone else's conversation, a seq past the last message, a malformed payload: not relayed.
    stranger.socket.emit('message:read', { conversationId: cid, seq: 1 });
    user.socket.emit('message:read', { conversationId: cid, seq: 99 });
    user.socket.emit('message:read', { conversationId: cid, seq: 'x' } as never);
    agent.socket.emit('message:read', { conversationId: cid, seq: 0 });
    await settle(300);
    expect(agent.of('message:read')).toEqual([fromUser]);
    expect(colleague.of('message:read')).toEqual([fromUser, fromAgent]);
    expect(user.of('message:read')).toEqual([fromAgent]);
    expect(stranger.of('message:read')).toEqual([]);
  });
});

describe.each(TEST_DATABASE_KINDS)('Chat realtime availability (%s)', (kind) => {
  let chat: TestChat;
  let url: string;
  let site: string;
  let creds: { appId: string; widgetToken: string };
  const open: TestClient[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    url = await listen(chat);
    site = await makeSite(chat);
    creds = await widgetCredentials(chat);
    // Nobody available to begin with (the first-start owner included).
    await chat.services.db.updateTable('agents').set({ availability: 'away' }).execute();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await chat?.close();
  });

  const setAvailability = async (id: string, status: 'AVAILABLE' | 'UNAVAILABLE') =>
    expect(
      (await chat.call('PATCH', `/v2/agents/${id}`, { body: { availability_status: status } })).statusCode,
    ).toBe(200);

  it('agents hear every change; users hear the team flip only, and the current state on connect', async () => {
    const x = await makeAgent(chat, { availability: 'away' });
    const y = await makeAgent(chat, { availability: 'away' });
    const agent = await connected(client(url, { sessionToken: await makeAgentSession(chat, x) }));
    const { restoreId } = await widgetUser(chat, site);
    const user = await connected(client(url, { ...creds, siteId: site, restoreId }));
    open.push(agent, user);
    await waitFor(() => user.of('team:availability').length === 1);
    expect(user.of('team:availability')).toEqual([{ available: false }]);

    const agentSaw = () => agent.of('agent:availability').filter((e) => e.agentId === x || e.agentId === y);
    await setAvailability(x, 'AVAILABLE');
    await waitFor(() => user.of('team:availability').length === 2);
    await setAvailability(y, 'AVAILABLE');
    await setAvailability(y, 'AVAILABLE'); // no change, no event
    await setAvailability(x, 'UNAVAILABLE');
    await waitFor(() => agentSaw().length === 3);
    await settle();
    expect(user.of('team:availability')).toEqual([{ available: false }, { available: true }]);

    // A socket connecting now is told the current state once.
    const late = await connected(client(url, { ...creds, siteId: site, restoreId }));
    open.push(late);
    await waitFor(() => late.of('team:availability').length === 1);
    expect(late.of('team:availability')).toEqual([{ available: true }]);

    // Deactivating the last available agent makes the team unavailable.
    expect((await chat.call('DELETE', `/v2/agents/${y}`)).statusCode).toBe(202);
    await waitFor(
      () => user.of('team:availability').length === 3 && late.of('team:availability').length === 2,
    );
    await settle();
    expect(agentSaw()).toEqual([
      { agentId: x, availability_status: 'AVAILABLE' },
      { agentId: y, availability_status: 'AVAILABLE' },
      { agentId: x, availability_status: 'UNAVAILABLE' },
      { agentId: y, availability_status: 'UNAVAILABLE' },
    ]);
    expect(user.of('team:availability')).toEqual([
      { available: false },
      { available: true },
      { available: false },
    ]);
    expect(late.of('team:availability')).toEqual([{ available: true }, { available: false }]);
    expect(agent.of('team:availability')).toEqual([]);
    expect(user.of('agent:availability')).toEqual([]);
  });
});
