import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { presentMessageForUser } from './conversation.presenter.js';
import { listMessagesForUser } from './conversation.repository.js';
import {
  makeAgent,
  makeAgentSession,
  makeGroup,
  makeSite,
  makeUser,
  text,
} from './conversation-test-helpers.js';

type Msg = { id: string; seq: number; actor_type: string; message_type: string; message_parts: unknown[] };

describe.each(TEST_DATABASE_KINDS)('Chat conversations and messages (%s)', (kind) => {
  let chat: TestChat;
  let site: string;
  let userId: string;
  let agentId: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    site = await makeSite(chat);
    userId = await makeUser(chat, site);
    agentId = await makeAgent(chat, { firstName: 'Jane' });
  });
  afterAll(async () => chat?.close());

  async function newConversation(body: Record<string, unknown> = {}) {
    const res = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: userId }], ...body } });
    expect(res.statusCode).toBe(201);
    return res.data as { id: string; status: string; assigned_agent_id: string | null };
  }
  async function messagesOf(id: string): Promise<Msg[]> {
    const res = await chat.call('GET', `/v2/conversations/${id}/messages?limit=100`);
    expect(res.statusCode).toBe(200);
    return res.data.messages;
  }
  const send = (id: string, body: Record<string, unknown>) =>
    chat.call('POST', `/v2/conversations/${id}/messages`, { body });
  const systemTexts = (messages: Msg[]) =>
    messages
      .filter((m) => m.actor_type === 'system')
      .map((m) => (m.message_parts[0] as { text: { content: string } }).text.content);

  it('creates a conversation on the user’s site with its first messages (201, Location, B3 shape)', async () => {
    const res = await chat.call('POST', '/v2/conversations', {
      body: {
        users: [{ id: userId }],
        channel_id: 'ignored',
        properties: { priority: 'High', cf_plan: 'gold' },
        messages: [
          { actor_type: 'user', actor_id: userId, message_parts: text('Hello'), client_message_id: 'c-1' },
          { actor_type: 'agent', actor_id: agentId, message_parts: text('Hi, how can I help?') },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/v2/conversations/${res.data.id}`);
    expect(res.data).toEqual({
      conversation_id: res.data.id,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      app_id: chat.bootstrap.appId,
      status: 'new',
      assigned_agent_id: null,
      assigned_group_id: null,
      users: [{ id: userId }],
      site_id: site,
      properties: { priority: 'High', cf_plan: 'gold' },
      created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updated_time: expect.stringMatching(/Z$/),
      resolve_count: 0,
      ticket: null,
    });
    const view = await chat.call('GET', `/v2/conversations/${res.data.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.data).toEqual(res.data);

    const messages = await chat.call('GET', `/v2/conversations/${res.data.id}/messages`);
    expect(messages.statusCode).toBe(200);
    expect(messages.data.next_after_seq).toBeNull();
    expect(messages.data.messages).toEqual([
      {
        id: expect.any(String),
        conversation_id: res.data.id,
        app_id: chat.bootstrap.appId,
        actor_type: 'user',
        actor_id: userId,
        user_id: userId,
        message_type: 'normal',
        message_parts: text('Hello'),
        message_source: 'api',
        created_time: expect.stringMatching(/Z$/),
        seq: 1,
        client_message_id: 'c-1',
      },
      expect.objectContaining({ actor_type: 'agent', actor_id: agentId, seq: 2, client_message_id: null }),
    ]);
  });

  it('sends messages with every part type; 201 with seq and the B4 shape', async () => {
    const conversation = await newConversation();
    const parts = [
      { text: { content: 'See below' } },
      { image: { url: 'https://cdn.example.com/a.png' } },
      {
        file: {
          url: 'https://cdn.example.com/a.pdf',
          name: 'a.pdf',
          file_size_in_bytes: 1200,
          content_type: 'application/pdf',
        },
      },
      { url_button: { url: 'https://example.com/help', label: 'Help', target: '_self' } },
      { quick_reply_button: { label: 'Yes', payload: 'yes' } },
      { quick_reply_button: { label: 'No' } },
    ];
    const res = await send(conversation.id, { actor_type: 'agent', actor_id: agentId, message_parts: parts });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      conversation_id: conversation.id,
      actor_type: 'agent',
      actor_id: agentId,
      user_id: userId,
      message_type: 'normal',
      message_parts: parts,
      seq: 1,
      client_message_id: null,
    });
    const defaulted = await send(conversation.id, {
      actor_type: 'agent',
      actor_id: agentId,
      message_parts: [{ url_button: { url: 'http://example.com', label: 'Go' } }],
    });
    expect(defaulted.data.message_parts).toEqual([
      { url_button: { url: 'http://example.com', label: 'Go', target: '_blank' } },
    ]);
    expect(defaulted.data.seq).toBe(2);
  });

  it('400 with details for invalid message parts', async () => {
    const conversation = await newConversation();
    const cases: [unknown, string][] = [
      [[], 'message_parts'],
      [Array.from({ length: 21 }, () => ({ text: { content: 'x' } })), 'message_parts'],
      [[{ text: { content: 'a' }, image: { url: 'https://x.example/a.png' } }], 'message_parts'],
      [[{}], 'message_parts'],
      [[{ video: { url: 'https://x.example/a.mp4' } }], 'message_parts.video'],
      [[{ text: { content: 'x'.repeat(10_001) } }], 'message_parts.text.content'],
      [[{ image: { url: 'javascript:alert(1)' } }], 'message_parts.image.url'],
      [[{ url_button: { url: 'ftp://example.com/f', label: 'F' } }], 'message_parts.url_button.url'],
      [[{ file: { url: 'https://x.example/f' } }], 'message_parts.file.name'],
      [
        [{ url_button: { url: 'https://x.example', label: 'L', target: '_top' } }],
        'message_parts.url_button.target',
      ],
      ['hello', 'message_parts'],
    ];
    for (const [parts, field] of cases) {
      const res = await send(conversation.id, {
        actor_type: 'agent',
        actor_id: agentId,
        message_parts: parts,
      });
      expect(res.statusCode, JSON.stringify(parts).slice(0, 80)).toBe(400);
      expect(res.data).toMatchObject({
        code: 400,
        status: 'VALIDATION_FAILED',
        message: 'Validation failed',
      });
      expect(res.data.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const ok = await send(conversation.id, {
      actor_type: 'agent',
      actor_id: agentId,
      message_parts: [{ text: { content: 'x'.repeat(10_000) } }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.data.seq).toBe(1);
  });

  it('400 for a wrong sender: someone else’s user, a user private note, an unknown agent; unknown fields', async () => {
    const conversation = await newConversation();
    const otherUser = await makeUser(chat, site);
    const deactivated = await makeAgent(chat, { deactivated: true });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ actor_type: 'user', actor_id: otherUser }, 'actor_id', 'invalid_value'],
      [{ actor_type: 'user', actor_id: userId, message_type: 'private' }, 'message_type', 'invalid_value'],
      [{ actor_type: 'agent', actor_id: randomUUID() }, 'actor_id', 'invalid_value'],
      [{ actor_type: 'agent', actor_id: deactivated }, 'actor_id', 'invalid_value'],
      [{ actor_type: 'bot', actor_id: agentId }, 'actor_type', 'invalid_value'],
      [{ actor_type: 'agent', actor_id: 'nope' }, 'actor_id', 'invalid_value'],
      [{ actor_type: 'agent', actor_id: agentId, message_type: 'system' }, 'message_type', 'invalid_value'],
      [{ actor_type: 'agent', actor_id: agentId, reply_parts: [] }, 'reply_parts', 'invalid_field'],
      [{ actor_id: agentId }, 'actor_type', 'missing_field'],
    ];
    for (const [body, field, code] of cases) {
      const res = await send(conversation.id, { message_parts: text('x'), ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    expect(await messagesOf(conversation.id)).toEqual([]);
  });

  it('404 for unknown conversations, 400 for malformed ids, 401 without a token', async () => {
    const unknown = randomUUID();
    for (const [method, url, body] of [
      ['GET', `/v2/conversations/${unknown}`, undefined],
      ['PUT', `/v2/conversations/${unknown}`, { status: 'resolved' }],
      ['GET', `/v2/conversations/${unknown}/messages`, undefined],
      [
        'POST',
        `/v2/conversations/${unknown}/messages`,
        { actor_type: 'agent', actor_id: agentId, message_parts: text('x') },
      ],
    ] as const) {
      const res = await chat.call(method, url, { body });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    }
    const malformed = await chat.call('GET', '/v2/conversations/42');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.details).toEqual([expect.objectContaining({ field: 'id', code: 'invalid_value' })]);
    for (const [method, url] of [
      ['GET', '/v2/conversations'],
      ['POST', '/v2/conversations'],
      ['GET', `/v2/conversations/${unknown}/messages`],
    ] as const) {
      const res = await chat.call(method, url, { token: null, body: method === 'POST' ? {} : undefined });
      expect(res.statusCode).toBe(401);
      expect(res.data).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
    }
  });

  it('400 with details on create: user count, unknown user, unknown agent/group, bad properties, bad first message', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ users: [] }, 'users', 'invalid_value'],
      [{ users: [{ id: userId }, { id: userId }] }, 'users', 'invalid_value'],
      [{ users: [{ id: randomUUID() }] }, 'users.id', 'invalid_value'],
      [{}, 'users', 'missing_field'],
      [{ users: [{ id: userId }], assigned_agent_id: randomUUID() }, 'assigned_agent_id', 'invalid_value'],
      [{ users: [{ id: userId }], assigned_group_id: randomUUID() }, 'assigned_group_id', 'invalid_value'],
      [
        { users: [{ id: userId }], properties: { priority: 'Highest' } },
        'properties.priority',
        'invalid_value',
      ],
      [{ users: [{ id: userId }], properties: { plan: 'x' } }, 'properties.plan', 'invalid_field'],
      [{ users: [{ id: userId }], status: 'reopened' }, 'status', 'inconsistent_state'],
      [{ users: [{ id: userId }], subject: 'x' }, 'subject', 'invalid_field'],
      [
        {
          users: [{ id: userId }],
          messages: [{ actor_type: 'user', actor_id: randomUUID(), message_parts: text('x') }],
        },
        'messages.actor_id',
        'invalid_value',
      ],
      [
        { users: [{ id: userId }], messages: [{ actor_type: 'user', actor_id: userId, message_parts: [] }] },
        'messages.message_parts',
        'invalid_value',
      ],
    ];
    const before = await chat.services.db.selectFrom('conversations').select('id').execute();
    for (const [body, field, code] of cases) {
      const res = await chat.call('POST', '/v2/conversations', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
      expect(res.data.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    // Nothing half-written: a failed first message or assignment rolls the conversation back.
    const after = await chat.services.db.selectFrom('conversations').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('gives 50 concurrent sends to one conversation contiguous, unique sequence numbers', async () => {
    const conversation = await newConversation();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(conversation.id, {
          actor_type: i % 2 ? 'agent' : 'user',
          actor_id: i % 2 ? agentId : userId,
          message_parts: text(`m${i}`),
          client_message_id: `burst-${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const seqs = results.map((r) => r.data.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const stored = await messagesOf(conversation.id);
    expect(stored.map((m) => m.seq)).toEqual(seqs);
    const row = await chat.services.db
      .selectFrom('conversations')
      .select('last_seq')
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(50);
  });

  it('a resend with the same client_message_id returns the original (200, same id and seq) and stores nothing', async () => {
    const conversation = await newConversation();
    const body = {
      actor_type: 'user',
      actor_id: userId,
      message_parts: text('once'),
      client_message_id: 'abc-1',
    };
    const first = await send(conversation.id, body);
    expect(first.statusCode).toBe(201);
    await send(conversation.id, { actor_type: 'agent', actor_id: agentId, message_parts: text('reply') });
    const again = await send(conversation.id, { ...body, message_parts: text('changed on resend') });
    expect(again.statusCode).toBe(200);
    expect(again.data).toEqual(first.data);

    // Racing resends: exactly one is stored, everyone gets its acknowledgement, no seq is lost.
    const racing = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(conversation.id, { ...body, client_message_id: 'abc-2', message_parts: text('twice') }),
      ),
    );
    expect(racing.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.statusCode === 200)).toHaveLength(9);
    expect(new Set(racing.map((r) => r.data.id)).size).toBe(1);
    expect(new Set(racing.map((r) => r.data.seq))).toEqual(new Set([3]));

    const stored = await messagesOf(conversation.id);
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3]);
    const next = await send(conversation.id, {
      actor_type: 'agent',
      actor_id: agentId,
      message_parts: text('n'),
    });
    expect(next.data.seq).toBe(4);
    // The same client id in another conversation is another message.
    const other = await newConversation();
    expect((await send(other.id, body)).statusCode).toBe(201);
  });

  it('assign, resolve, reopen: status moves and each leaves a system message', async () => {
    const conversation = await newConversation();
    await send(conversation.id, { actor_type: 'user', actor_id: userId, message_parts: text('help') });

    const assigned = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
      body: { assigned_agent_id: agentId },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.data).toMatchObject({ status: 'assigned', assigned_agent_id: agentId, resolve_count: 0 });

    const resolved = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
      body: { status: 'resolved' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.data).toMatchObject({ status: 'resolved', assigned_agent_id: agentId, resolve_count: 1 });
    const row = await chat.services.db
      .selectFrom('conversations')
      .select(['resolved_at', 'resolved_agent_id'])
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(row.resolved_at).toBeInstanceOf(Date);
    expect(row.resolved_agent_id).toBe(agentId);

    // Resolving again changes nothing; an agent message does not reopen.
    const again = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
      body: { status: 'resolved' },
    });
    expect(again.data).toMatchObject({ status: 'resolved', resolve_count: 1 });
    await send(conversation.id, { actor_type: 'agent', actor_id: agentId, message_parts: text('bye') });
    expect((await chat.call('GET', `/v2/conversations/${conversation.id}`)).data.status).toBe('resolved');

    // A user message reopens it, after the message itself.
    const reopening = await send(conversation.id, {
      actor_type: 'user',
      actor_id: userId,
      message_parts: text('one more thing'),
    });
    expect(reopening.statusCode).toBe(201);
    const reopened = await chat.call('GET', `/v2/conversations/${conversation.id}`);
    expect(reopened.data).toMatchObject({ status: 'reopened', assigned_agent_id: agentId, resolve_count: 1 });

    const messages = await messagesOf(conversation.id);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const system = messages.filter((m) => m.actor_type === 'system');
    expect(system.every((m) => m.message_type === 'system')).toBe(true);
    expect(systemTexts(messages)).toEqual([
      'Assigned to Jane Smith',
      'Conversation resolved',
      'Conversation reopened',
    ]);
    expect(messages.at(-2)!.id).toBe(reopening.data.id);
    expect(messages.at(-1)).toMatchObject({ actor_type: 'system', seq: 6 });

    // Reopen by PUT too, then unassign.
    await chat.call('PUT', `/v2/conversations/${conversation.id}`, { body: { status: 'resolved' } });
    const putReopen = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
      body: { status: 'reopened' },
    });
    expect(putReopen.data).toMatchObject({ status: 'reopened', resolve_count: 2 });
    const unassigned = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
      body: { assigned_agent_id: null },
    });
    expect(unassigned.data).toMatchObject({ status: 'reopened', assigned_agent_id: null });
    expect(systemTexts(await messagesOf(conversation.id)).slice(3)).toEqual([
      'Conversation resolved',
      'Conversation reopened',
      'Conversation unassigned',
    ]);
  });

  it('PUT validates status against the assignment and merges properties', async () => {
    const conversation = await newConversation({ properties: { cf_plan: 'gold', priority: 'Low' } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ status: 'reopened' }, 'status', 'inconsistent_state'],
      [{ status: 'assigned' }, 'status', 'inconsistent_state'],
      [{ status: 'new', assigned_agent_id: agentId }, 'status', 'inconsistent_state'],
      [{ status: 'closed' }, 'status', 'invalid_value'],
      [{ assigned_agent_id: randomUUID() }, 'assigned_agent_id', 'invalid_value'],
      [{ assigned_agent_id: 'x' }, 'assigned_agent_id', 'invalid_value'],
      [{ assigned_group_id: randomUUID() }, 'assigned_group_id', 'invalid_value'],
      [{ users: [] }, 'users', 'invalid_field'],
    ];
    for (const [body, field, code] of cases) {
      const res = await chat.call('PUT', `/v2/conversations/${conversation.id}`, { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    const updated = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
      body: {
        status: 'assigned',
        assigned_agent_id: agentId,
        properties: { priority: 'Urgent', cf_plan: null, cf_seats: 3 },
      },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.data).toMatchObject({
      status: 'assigned',
      assigned_agent_id: agentId,
      properties: { priority: 'Urgent', cf_seats: 3 },
    });
    expect(updated.data.properties).not.toHaveProperty('cf_plan');
    // Properties alone leave no system message.
    await chat.call('PUT', `/v2/conversations/${conversation.id}`, { body: { properties: { cf_seats: 4 } } });
    expect(systemTexts(await messagesOf(conversation.id))).toEqual(['Assigned to Jane Smith']);
  });

  it('assigning only a round-robin group picks available agents in turn, respecting their chat limits', async () => {
    const a = await makeAgent(chat, { firstName: 'Ann', maxChats: 2 });
    const b = await makeAgent(chat, { firstName: 'Bob', maxChats: 1 });
    const away = await makeAgent(chat, { firstName: 'Away', availability: 'away' });
    const group = await makeGroup(chat, [a, b, away]);
    const picks: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const conversation = await newConversation();
      const res = await chat.call('PUT', `/v2/conversations/${conversation.id}`, {
        body: { assigned_group_id: group },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data.assigned_group_id).toBe(group);
      expect(res.data.status).toBe(res.data.assigned_agent_id ? 'assigned' : 'new');
      picks.push(res.data.assigned_agent_id);
    }
    // Ann and Bob alternate (id order) until Bob is full at 1 and Ann at 2; the 4th waits.
    const [first, second] = [a, b].sort();
    const expected = [first, second, a, null];
    expect(picks.slice(0, 2)).toEqual([first, second]);
    expect(picks.slice(2)).toEqual(expected.slice(2));
    expect(picks.filter((p) => p === away)).toHaveLength(0);

    // Creating with the group picks too (Bob's chat resolved frees him), with one system message.
    const bobs = picks.indexOf(b);
    expect(bobs).toBeGreaterThanOrEqual(0);
    const open = await chat.services.db
      .selectFrom('conversations')
      .select('id')
      .where('assigned_agent_id', '=', b)
      .executeTakeFirstOrThrow();
    await chat.call('PUT', `/v2/conversations/${open.id}`, { body: { status: 'resolved' } });
    const created = await chat.call('POST', '/v2/conversations', {
      body: { users: [{ id: userId }], assigned_group_id: group },
    });
    expect(created.statusCode).toBe(201);
    expect(created.data).toMatchObject({
      status: 'assigned',
      assigned_agent_id: b,
      assigned_group_id: group,
    });
    expect(systemTexts(await messagesOf(created.data.id))).toEqual([
      `Assigned to Bob Smith (Group ${group})`,
    ]);

    // A manual group waits for someone to take the conversation.
    const manual = await makeGroup(chat, [a], 'manual');
    const waiting = await chat.call('POST', '/v2/conversations', {
      body: { users: [{ id: userId }], assigned_group_id: manual },
    });
    expect(waiting.data).toMatchObject({ status: 'new', assigned_agent_id: null, assigned_group_id: manual });
    expect(systemTexts(await messagesOf(waiting.data.id))).toEqual([`Assigned to group Group ${manual}`]);
  });

  it('messages page by seq: after_seq, limit, next_after_seq; 400 on bad paging', async () => {
    const conversation = await newConversation();
    for (let i = 1; i <= 5; i++)
      await send(conversation.id, { actor_type: 'user', actor_id: userId, message_parts: text(`m${i}`) });
    const first = await chat.call('GET', `/v2/conversations/${conversation.id}/messages?limit=2`);
    expect(first.data.messages.map((m: Msg) => m.seq)).toEqual([1, 2]);
    expect(first.data.next_after_seq).toBe(2);
    const second = await chat.call(
      'GET',
      `/v2/conversations/${conversation.id}/messages?limit=2&after_seq=2`,
    );
    expect(second.data.messages.map((m: Msg) => m.seq)).toEqual([3, 4]);
    const last = await chat.call('GET', `/v2/conversations/${conversation.id}/messages?limit=2&after_seq=4`);
    expect(last.data).toMatchObject({ next_after_seq: null });
    expect(last.data.messages.map((m: Msg) => m.seq)).toEqual([5]);
    for (const query of ['limit=0', 'limit=101', 'after_seq=-1', 'after_seq=x', 'page=2']) {
      const res = await chat.call('GET', `/v2/conversations/${conversation.id}/messages?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.data.details).toHaveLength(1);
    }
  });

  it('private notes reach the API but never the user presenter', async () => {
    const conversation = await newConversation();
    await send(conversation.id, {
      actor_type: 'user',
      actor_id: userId,
      message_parts: text('my card was charged twice'),
    });
    const note = await send(conversation.id, {
      actor_type: 'agent',
      actor_id: agentId,
      message_type: 'private',
      message_parts: text('INTERNAL: refund approved by finance'),
    });
    expect(note.statusCode).toBe(201);
    expect(note.data.message_type).toBe('private');
    await send(conversation.id, { actor_type: 'agent', actor_id: agentId, message_parts: text('Refunded!') });
    await chat.call('PUT', `/v2/conversations/${conversation.id}`, { body: { status: 'resolved' } });

    const api = await messagesOf(conversation.id);
    expect(api.map((m) => m.message_type)).toEqual(['normal', 'private', 'normal', 'system']);

    const rows = await listMessagesForUser(chat.services.db, conversation.id, 0, 100);
    const shown = rows.map(presentMessageForUser);
    expect(shown.map((m) => m.seq)).toEqual([1, 3, 4]);
    expect(shown.map((m) => m.message_type)).toEqual(['normal', 'normal', 'system']);
    expect(JSON.stringify(shown)).not.toContain('INTERNAL');
    expect(shown[1]).toEqual({
      id: expect.any(String),
      conversation_id: conversation.id,
      actor_type: 'agent',
      actor_id: agentId,
      message_type: 'normal',
      message_parts: text('Refunded!'),
      created_time: expect.stringMatching(/Z$/),
      seq: 3,
      client_message_id: null,
    });
    // Paging by seq skips the note without a gap in the user's view.
    expect((await listMessagesForUser(chat.services.db, conversation.id, 1, 1)).map((m) => m.seq)).toEqual([
      3,
    ]);

    // The type cannot hold a private note, and a forced one is refused at run time.
    const forced = { ...rows[0]!, message_type: 'private' as const };
    // @ts-expect-error a private message is not a UserVisibleMessageRow
    expect(() => presentMessageForUser(forced)).toThrow(/private/);
  });

  it('an agent signed in to the inbox sends only as themselves', async () => {
    const conversation = await newConversation();
    const token = await makeAgentSession(chat, agentId);
    const own = await chat.call('POST', `/v2/conversations/${conversation.id}/messages`, {
      token,
      body: { actor_type: 'agent', actor_id: agentId, message_type: 'private', message_parts: text('note') },
    });
    expect(own.statusCode).toBe(201);
    expect(own.data.message_type).toBe('private');
    for (const body of [
      { actor_type: 'user', actor_id: userId, message_parts: text('as the user') },
      { actor_type: 'agent', actor_id: await makeAgent(chat), message_parts: text('as a colleague') },
    ]) {
      const res = await chat.call('POST', `/v2/conversations/${conversation.id}/messages`, { token, body });
      expect(res.statusCode).toBe(403);
      expect(res.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    }
  });
});

describe.each(TEST_DATABASE_KINDS)('Chat conversation views (%s)', (kind) => {
  let chat: TestChat;
  let site: string;
  const ids = {
    mine: [] as string[],
    other: [] as string[],
    unassigned: [] as string[],
    resolved: [] as string[],
  };
  let me: string;
  let other: string;
  let group: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    site = await makeSite(chat);
    const elsewhere = await makeSite(chat);
    me = await makeAgent(chat, { maxChats: 100 });
    other = await makeAgent(chat, { maxChats: 100 });
    group = await makeGroup(chat, [], 'manual');
    const user = await makeUser(chat, site);
    const create = async (body: Record<string, unknown>) => {
      const res = await chat.call('POST', '/v2/conversations', { body: { users: [{ id: user }], ...body } });
      expect(res.statusCode).toBe(201);
      return res.data.id as string;
    };
    for (let i = 0; i < 9; i++) ids.mine.push(await create({ assigned_agent_id: me }));
    for (let i = 0; i < 4; i++)
      ids.other.push(await create({ assigned_agent_id: other, assigned_group_id: group }));
    for (let i = 0; i < 6; i++) ids.unassigned.push(await create({}));
    for (let i = 0; i < 5; i++)
      ids.resolved.push(await create({ assigned_agent_id: me, status: 'resolved' }));
    // Another site's conversation stays out of site-filtered views.
    const stranger = await makeUser(chat, elsewhere);
    await chat.call('POST', '/v2/conversations', { body: { users: [{ id: stranger }] } });
    // Several conversations sharing one updated_at exercise the id tie-break of the keyset.
    const same = new Date('2030-01-01T00:00:00.123456Z');
    await chat.services.db
      .updateTable('conversations')
      .set({ updated_at: same.toISOString() })
      .where('id', 'in', ids.mine.slice(0, 5))
      .execute();
  });
  afterAll(async () => chat?.close());

  async function walk(query: string, limit: number) {
    const seen: string[] = [];
    const times: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await chat.call(
        'GET',
        `/v2/conversations?${query}&site_id=${site}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.data.conversations.length).toBeLessThanOrEqual(limit);
      for (const c of res.data.conversations) {
        seen.push(c.id);
        times.push(c.updated_time);
      }
      cursor = res.data.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    return { seen, times, pages };
  }

  it('all: every open conversation of the site once, newest activity first, across pages', async () => {
    const { seen, times, pages } = await walk('view=all', 4);
    const expected = [...ids.mine, ...ids.other, ...ids.unassigned];
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(expected));
    expect(pages).toBe(Math.ceil(expected.length / 4));
    expect([...times].sort().reverse()).toEqual(times);
    // Same-time rows appear in one block, in descending id order.
    const tied = seen.filter((id) => ids.mine.slice(0, 5).includes(id));
    expect(tied).toEqual([...ids.mine.slice(0, 5)].sort().reverse());
    // One page of all of them equals the walk.
    const whole = await chat.call('GET', `/v2/conversations?view=all&site_id=${site}&limit=50`);
    expect(whole.data.conversations.map((c: { id: string }) => c.id)).toEqual(seen);
    expect(whole.data.next_cursor).toBeNull();
  });

  it('mine, unassigned, resolved and the agent/group filters', async () => {
    const mine = await walk(`view=mine&agent_id=${me}`, 3);
    expect(new Set(mine.seen)).toEqual(new Set(ids.mine));
    expect(mine.seen).toHaveLength(ids.mine.length);
    const unassigned = await walk('view=unassigned', 5);
    expect(new Set(unassigned.seen)).toEqual(new Set(ids.unassigned));
    const resolved = await walk('view=resolved', 2);
    expect(new Set(resolved.seen)).toEqual(new Set(ids.resolved));
    expect(resolved.seen).toHaveLength(5);
    const byGroup = await walk(`view=all&group_id=${group}`, 10);
    expect(new Set(byGroup.seen)).toEqual(new Set(ids.other));
    const byAgent = await walk(`view=all&agent_id=${other}`, 10);
    expect(new Set(byAgent.seen)).toEqual(new Set(ids.other));
    const defaultView = await chat.call('GET', `/v2/conversations?site_id=${site}&limit=50`);
    expect(defaultView.data.conversations).toHaveLength(19);
    expect(defaultView.data.conversations[0]).toMatchObject({ users: [expect.any(Object)], site_id: site });
  });

  it('mine without agent_id: 400 for a token, the signed-in agent’s own for an inbox session', async () => {
    const res = await chat.call('GET', '/v2/conversations?view=mine');
    expect(res.statusCode).toBe(400);
    expect(res.data.details).toEqual([expect.objectContaining({ field: 'agent_id', code: 'missing_field' })]);
    const token = await makeAgentSession(chat, other);
    const session = await chat.call('GET', `/v2/conversations?view=mine&site_id=${site}`, { token });
    expect(session.statusCode).toBe(200);
    expect(new Set(session.data.conversations.map((c: { id: string }) => c.id))).toEqual(new Set(ids.other));
  });

  it('a resolved conversation moves to the resolved view and back on a user message', async () => {
    const id = ids.unassigned[0]!;
    await chat.call('PUT', `/v2/conversations/${id}`, { body: { status: 'resolved' } });
    expect((await walk('view=all', 50)).seen).not.toContain(id);
    expect((await walk('view=resolved', 50)).seen).toContain(id);
    const conversation = await chat.call('GET', `/v2/conversations/${id}`);
    await chat.call('POST', `/v2/conversations/${id}/messages`, {
      body: { actor_type: 'user', actor_id: conversation.data.users[0].id, message_parts: text('back') },
    });
    const all = await walk('view=unassigned', 50);
    expect(all.seen[0]).toBe(id);
    expect((await walk('view=resolved', 50)).seen).not.toContain(id);
  });

  it('400 with details for bad view, limit, cursor and filters', async () => {
    const cases: [string, string][] = [
      ['view=closed', 'view'],
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
      ['cursor=garbage', 'cursor'],
      [`cursor=${Buffer.from('["2026-01-01 00:00:00+00","x"]').toString('base64url')}`, 'cursor'],
      ['agent_id=me', 'agent_id'],
      ['group_id=1', 'group_id'],
      ['page=2', 'page'],
    ];
    for (const [query, field] of cases) {
      const res = await chat.call('GET', `/v2/conversations?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
      expect(res.data.details).toEqual([expect.objectContaining({ field })]);
    }
  });
});
