import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeSite, makeUser } from '../conversations/conversation-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('Chat CSAT report periods (%s)', (kind) => {
  let chat: TestChat;
  let ann: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    const userId = await makeUser(chat, await makeSite(chat));
    ann = await makeAgent(chat, { firstName: 'Ann' });
    // Sunday 1 Nov, Monday 2 Nov, Wednesday 4 Nov, Tuesday 1 Dec (all 2026, UTC).
    const ratings: [number, string][] = [
      [5, '2026-11-01T10:00:00Z'],
      [3, '2026-11-02T00:00:00Z'],
      [4, '2026-11-04T23:59:59Z'],
      [1, '2026-12-01T08:00:00Z'],
    ];
    for (const [rating, at] of ratings) {
      const created = await chat.call('POST', '/v2/conversations', {
        body: { users: [{ id: userId }], assigned_agent_id: ann },
      });
      await chat.call('PUT', `/v2/conversations/${created.data.id}`, { body: { status: 'resolved' } });
      const res = await chat.call('POST', `/v2/conversations/${created.data.id}/csat`, { body: { rating } });
      expect(res.statusCode).toBe(201);
      await chat.services.db
        .updateTable('csat_responses')
        .set({ created_at: at })
        .where('id', '=', res.data.id)
        .execute();
    }
  });
  afterAll(async () => chat?.close());

  const report = async (query: string) => {
    const res = await chat.call('GET', `/v2/csat/report?${query}`);
    expect(res.statusCode, query).toBe(200);
    return res.data;
  };

  it('fills the days without ratings between the first and the last', async () => {
    const data = await report('group_by=day&to=2026-11-05');
    expect(data.by_period).toEqual([
      { date: '2026-11-01', count: 1, average: 5 },
      { date: '2026-11-02', count: 1, average: 3 },
      { date: '2026-11-03', count: 0, average: null },
      { date: '2026-11-04', count: 1, average: 4 },
      { date: '2026-11-05', count: 0, average: null },
    ]);
  });

  it('groups by ISO week (from Monday) and by month, gaps included', async () => {
    const weeks = await report('interval=week&from=2026-10-26&to=2026-12-06');
    expect(weeks.by_period).toEqual([
      { date: '2026-10-26', count: 1, average: 5 },
      { date: '2026-11-02', count: 2, average: 3.5 },
      { date: '2026-11-09', count: 0, average: null },
      { date: '2026-11-16', count: 0, average: null },
      { date: '2026-11-23', count: 0, average: null },
      { date: '2026-11-30', count: 1, average: 1 },
    ]);
    expect(weeks).toMatchObject({ count: 4, average: 3.25 });

    const months = await report('interval=month&from=2026-10-15&to=2027-01-31');
    expect(months.by_period).toEqual([
      { date: '2026-10-01', count: 0, average: null },
      { date: '2026-11-01', count: 3, average: 4 },
      { date: '2026-12-01', count: 1, average: 1 },
      { date: '2027-01-01', count: 0, average: null },
    ]);
    expect(months.by_agent).toEqual([{ agent_id: ann, count: 4, average: 3.25 }]);
  });

  it('shows an empty range as zero periods, and an open one without ratings as none', async () => {
    const empty = await report('interval=month&from=2030-01-01&to=2030-03-31');
    expect(empty.by_period).toEqual([
      { date: '2030-01-01', count: 0, average: null },
      { date: '2030-02-01', count: 0, average: null },
      { date: '2030-03-01', count: 0, average: null },
    ]);
    expect((await report('from=2030-01-01')).by_period).toEqual([]);
  });

  it('refuses an unknown interval and a range of more than 1000 periods, with details', async () => {
    const unknown = await chat.call('GET', '/v2/csat/report?interval=year');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.details).toEqual([
      expect.objectContaining({ field: 'interval', code: 'invalid_value' }),
    ]);
    const long = await chat.call('GET', '/v2/csat/report?from=2020-01-01&to=2026-01-01');
    expect(long.statusCode).toBe(400);
    expect(long.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
    expect(long.data.details).toEqual([
      expect.objectContaining({
        field: 'interval',
        code: 'invalid_value',
        message: expect.stringMatching(/1000/),
      }),
    ]);
    // The same range by month is fine.
    expect((await report('interval=month&from=2020-01-01&to=2026-01-01')).by_period).toHaveLength(73);
  });
});
