import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';
import {
  connectChatToDesk,
  deskTicketsTagged,
  makeChatAgent,
  makeChatUser,
  makeConversation,
  tagOf,
} from './conversion-test-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASE_KINDS)('A conversion refused for rate limit (%s)', (kind) => {
  let pair: LinkedPair;
  let conversationId: string;

  beforeAll(async () => {
    pair = await startLinkedPair(kind, { desk: { rateLimitPerMinute: 30 } });
    await connectChatToDesk(pair);
    const agentId = await makeChatAgent(pair, 'Grace');
    const userId = await makeChatUser(pair, { first_name: 'Ada', email: 'ada@example.com' });
    conversationId = await makeConversation(pair, userId, agentId);
  });
  afterAll(async () => pair?.close());

  it('is queued until Retry-After, then the job makes exactly one ticket', { timeout: 120_000 }, async () => {
    // Desk's windows are whole minutes: spend this one's budget before it ends (the queued job
    // then waits out the rest of the minute, however long that is).
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 52_000) await sleep(60_500 - intoMinute);
    for (let i = 0; i < 40; i++) if ((await pair.desk.call('GET', '/api/v2/roles')).statusCode === 429) break;

    const res = await pair.chat.call('POST', `/v2/conversations/${conversationId}/ticket-conversion`, {
      body: { mode: 'new', resolve: true },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.data.state).toBe('queued');
    const runAt = Date.parse(res.data.run_at);
    expect(runAt).toBeGreaterThan(Date.now() - 1000);
    expect(runAt).toBeLessThanOrEqual(Date.now() + 61_000);

    const queued = await pair.chat.call('GET', `/v2/conversations/${conversationId}/ticket-conversion`);
    expect(queued.data).toMatchObject({ state: 'queued', run_at: res.data.run_at, ticket: null });
    expect(queued.data.error).toMatchObject({ cause: 'rate_limited', answer: { status: 429 } });
    expect(Math.abs(Date.parse(queued.data.error.retry_at) - runAt)).toBeLessThan(1000);
    const jobs = await pair.chat.services.db
      .selectFrom('jobs')
      .select(['queue', 'run_at', 'status'])
      .where('queue', '=', 'helpdesk-conversion')
      .execute();
    expect(jobs).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(Math.abs(jobs[0]!.run_at.getTime() - runAt)).toBeLessThan(1000);

    // The worker runs it at Retry-After (the Desk window has turned by then).
    let state = queued.data;
    while (state.state === 'queued' || state.state === 'running') {
      expect(Date.now()).toBeLessThan(runAt + 20_000);
      await sleep(500);
      state = (await pair.chat.call('GET', `/v2/conversations/${conversationId}/ticket-conversion`)).data;
    }
    expect(state).toMatchObject({ state: 'done', error: null, ticket: { id: expect.any(Number) } });
    expect(Date.now()).toBeGreaterThanOrEqual(runAt - 1000);
    const tagged = await deskTicketsTagged(pair, tagOf(conversationId));
    expect(tagged.map((t) => t.id)).toEqual([state.ticket.id]);
    const conversation = await pair.chat.call('GET', `/v2/conversations/${conversationId}`);
    expect(conversation.data).toMatchObject({ status: 'resolved', ticket: { id: state.ticket.id } });

    // Sent again by an impatient agent: the same ticket, never a second.
    const again = await pair.chat.call('POST', `/v2/conversations/${conversationId}/ticket-conversion`, {
      body: { mode: 'new' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.data.ticket.id).toBe(state.ticket.id);
    expect(await deskTicketsTagged(pair, tagOf(conversationId))).toHaveLength(1);
  });
});
