import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import {
  makeAgent,
  makeAgentSession,
  makeApiTokenOf,
  makeSite,
  makeUser,
  text,
} from '../conversations/conversation-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('Chat CSAT (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;
  let ann: string;
  let bob: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    userId = await makeUser(chat, await makeSite(chat));
    ann = await makeAgent(chat, { firstName: 'Ann' });
    bob = await makeAgent(chat, { firstName: 'Bob' });
  });
  afterAll(async () => chat?.close());

  async function conversationWith(agentId: string | null) {
    const res = await chat.call('POST', '/v2/conversations', {
      body: { users: [{ id: userId }], ...(agentId ? { assigned_agent_id: agentId } : {}) },
    });
    expect(res.statusCode).toBe(201);
    return res.data.id as string;
  }
  const put = (id: string, body: Record<string, unknown>) =>
    chat.call('PUT', `/v2/conversations/${id}`, { body });
  const rate = (id: string, body: Record<string, unknown>, token?: string) =>
    chat.call('POST', `/v2/conversations/${id}/csat`, { body, ...(token ? { token } : {}) });
  /** Dates ratings, so the by-period figures are known. */
  const dateRating = (id: string, at: string) =>
    chat.services.db.updateTable('csat_responses').set({ created_at: at }).where('id', '=', id).execute();

  it('rates once per resolve, credited to the agent assigned at the resolve', async () => {
    const id = await conversationWith(ann);
    const early = await rate(id, { rating: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.data).toMatchObject({ code: 409, status: 'CONFLICT' });
    expect(early.data.details).toEqual([
      expect.objectContaining({ field: 'conversation_id', code: 'inconsistent_state' }),
    ]);

    await put(id, { status: 'resolved' });
    // Reassigned after the resolve: the rating still goes to Ann, who resolved it.
    await put(id, { assigned_agent_id: bob });
    const first = await rate(id, { rating: 4, comment: '  Quick and kind  ' });
    expect(first.statusCode).toBe(201);
    expect(first.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      conversation_id: id,
      resolve_number: 1,
      rating: 4,
      comment: 'Quick and kind',
      agent_id: ann,
      created_time: expect.stringMatching(/Z$/),
    });

    const second = await rate(id, { rating: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.data).toMatchObject({ code: 409, status: 'CONFLICT' });
    expect(second.data.details).toEqual([
      expect.objectContaining({
        field: 'conversation_id',
        code: 'duplicate_value',
        message: 'This resolve of the conversation was already rated',
      }),
    ]);

    // A user message reopens; the next resolve (now Bob's) may be rated again.
    await chat.call('POST', `/v2/conversations/${id}/messages`, {
      body: { actor_type: 'user', actor_id: userId, message_parts: text('again') },
    });
    await put(id, { status: 'resolved' });
    const next = await rate(id, { rating: 2 });
    expect(next.statusCode).toBe(201);
    expect(next.data).toMatchObject({ resolve_number: 2, rating: 2, comment: null, agent_id: bob });

    const stored = await chat.services.db
      .selectFrom('csat_responses')
      .select(['resolve_number', 'rating'])
      .where('conversation_id', '=', id)
      .orderBy('resolve_number')
      .execute();
    expect(stored).toEqual([
      { resolve_number: 1, rating: 4 },
      { resolve_number: 2, rating: 2 },
    ]);
    await chat.services.db.deleteFrom('csat_responses').execute();
  });

  it('concurrent ratings of one resolve store one', async () => {
    const id = await conversationWith(ann);
    await put(id, { status: 'resolved' });
    const results = await Promise.all([1, 2, 3, 4, 5].map((rating) => rate(id, { rating })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    await chat.services.db.deleteFrom('csat_responses').execute();
  });

  it('400 with details, 404, 401 and 403 on rating', async () => {
    const id = await conversationWith(ann);
    await put(id, { status: 'resolved' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ rating: 0 }, 'rating', 'invalid_value'],
      [{ rating: 6 }, 'rating', 'invalid_value'],
      [{ rating: 3.5 }, 'rating', 'invalid_value'],
      [{ rating: '5' }, 'rating', 'datatype_mismatch'],
      [{}, 'rating', 'missing_field'],
      [{ rating: 5, comment: 'x'.repeat(5001) }, 'comment', 'invalid_value'],
      [{ rating: 5, review: 'x' }, 'review', 'invalid_field'],
    ];
    for (const [body, field, code] of cases) {
      const res = await rate(id, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
      expect(res.data.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    const missing = await rate(randomUUID(), { rating: 5 });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const bad = await rate('nope', { rating: 5 });
    expect(bad.statusCode).toBe(400);
    const anonymous = await chat.call('POST', `/v2/conversations/${id}/csat`, {
      token: null,
      body: { rating: 5 },
    });
    expect(anonymous.statusCode).toBe(401);
    const agent = await rate(id, { rating: 5 }, await makeAgentSession(chat, ann));
    expect(agent.statusCode).toBe(403);
    expect(agent.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    expect(await chat.services.db.selectFrom('csat_responses').select('id').execute()).toEqual([]);
  });

  it('reports exact count, average, distribution, by agent and by day, with filters', async () => {
    const ratings: [string | null, number, string][] = [
      [ann, 5, '2026-11-01T10:00:00Z'],
      [ann, 4, '2026-11-01T23:59:59Z'],
      [ann, 4, '2026-11-02T00:00:00Z'],
      [bob, 1, '2026-11-02T12:00:00Z'],
      [bob, 2, '2026-11-03T08:00:00Z'],
      [null, 3, '2026-11-03T09:00:00Z'],
    ];
    for (const [agentId, rating, at] of ratings) {
      const id = await conversationWith(agentId);
      await put(id, { status: 'resolved' });
      const res = await rate(id, { rating });
      expect(res.statusCode).toBe(201);
      await dateRating(res.data.id, at);
    }

    const all = await chat.call('GET', '/v2/csat/report');
    expect(all.statusCode).toBe(200);
    const byAgent = [
      { agent_id: ann, count: 3, average: 4.33 },
      { agent_id: bob, count: 2, average: 1.5 },
      { agent_id: null, count: 1, average: 3 },
    ].sort((x, y) => (x.agent_id === null ? 1 : y.agent_id === null ? -1 : x.agent_id < y.agent_id ? -1 : 1));
    expect(all.data).toEqual({
      count: 6,
      average: 3.17,
      distribution: { 1: 1, 2: 1, 3: 1, 4: 2, 5: 1 },
      by_agent: byAgent,
      by_period: [
        { date: '2026-11-01', count: 2, average: 4.5 },
        { date: '2026-11-02', count: 2, average: 2.5 },
        { date: '2026-11-03', count: 2, average: 2.5 },
      ],
    });

    // A date `to` includes that whole day; a date-time `from` is exact.
    const window = await chat.call('GET', '/v2/csat/report?from=2026-11-01T23:00:00Z&to=2026-11-02');
    expect(window.data).toMatchObject({
      count: 3,
      average: 3,
      distribution: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 0 },
    });
    expect(window.data.by_period).toEqual([
      { date: '2026-11-01', count: 1, average: 4 },
      { date: '2026-11-02', count: 2, average: 2.5 },
    ]);

    const annOnly = await chat.call('GET', `/v2/csat/report?agent_id=${ann}&group_by=day`);
    expect(annOnly.data).toEqual({
      count: 3,
      average: 4.33,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 },
      by_period: [
        { date: '2026-11-01', count: 2, average: 4.5 },
        { date: '2026-11-02', count: 1, average: 4 },
      ],
    });
    const agentsOnly = await chat.call('GET', '/v2/csat/report?group_by=agent');
    expect(agentsOnly.data.by_agent).toEqual(byAgent);
    expect(agentsOnly.data).not.toHaveProperty('by_period');

    const empty = await chat.call('GET', '/v2/csat/report?from=2030-01-01');
    expect(empty.data).toEqual({
      count: 0,
      average: null,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      by_agent: [],
      by_period: [],
    });
  });

  it('report: 400 with details on bad filters, 401 without a token, 403 for agents', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-11-05&to=2026-11-01', 'to'],
      ['agent_id=ann', 'agent_id'],
      ['group_by=week', 'group_by'],
      ['period=day', 'period'],
    ];
    for (const [query, field] of cases) {
      const res = await chat.call('GET', `/v2/csat/report?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.data.details).toEqual([expect.objectContaining({ field })]);
    }
    expect((await chat.call('GET', '/v2/csat/report', { token: null })).statusCode).toBe(401);
    for (const token of [await makeApiTokenOf(chat, ann), await makeAgentSession(chat, bob)]) {
      const res = await chat.call('GET', '/v2/csat/report', { token });
      expect(res.statusCode).toBe(403);
      expect(res.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    }
    const admin = await makeAgent(chat, { role: 'admin' });
    expect(
      (await chat.call('GET', '/v2/csat/report', { token: await makeAgentSession(chat, admin) })).statusCode,
    ).toBe(200);
  });
});
