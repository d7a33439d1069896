import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';

describe.each(TEST_DATABASE_KINDS)('Chat API tokens: names and last use (%s)', (kind) => {
  let chat: TestChat;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
  });
  afterAll(async () => chat?.close());

  const listed = async (id: string) =>
    (await chat.call('GET', '/v2/api_tokens')).data.api_tokens.find((t: { id: string }) => t.id === id);

  it('refuses a blank or too long name with a field-level error', async () => {
    for (const [name, message] of [
      ['   ', 'It should not be blank'],
      ['x'.repeat(101), 'It should be at most 100 characters'],
    ]) {
      const res = await chat.call('POST', '/v2/api_tokens', { body: { name } });
      expect(res.statusCode).toBe(400);
      expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
      expect(res.data.details).toEqual([expect.objectContaining({ field: 'name', message })]);
    }
    const names = (await chat.call('GET', '/v2/api_tokens')).data.api_tokens.map(
      (t: { name: string }) => t.name,
    );
    expect(names).toEqual(['First start']);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const created = await chat.call('POST', '/v2/api_tokens', { body: { name: 'Reports' } });
    expect(created.statusCode).toBe(201);
    expect(created.data.last_used_time).toBeNull();
    expect((await listed(created.data.id)).last_used_time).toBeNull();

    const before = Date.now();
    expect((await chat.call('GET', '/v2/agents', { token: created.data.token })).statusCode).toBe(200);
    const first = (await listed(created.data.id)).last_used_time as string;
    expect(new Date(first).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Used again within the minute: the stored time stays (no write per request).
    await chat.call('GET', '/v2/agents', { token: created.data.token });
    expect((await listed(created.data.id)).last_used_time).toBe(first);

    // A minute later it moves.
    const earlier = new Date(Date.now() - 2 * 60_000);
    await chat.services.db
      .updateTable('api_tokens')
      .set({ last_used_at: earlier })
      .where('id', '=', created.data.id)
      .execute();
    await chat.call('GET', '/v2/agents', { token: created.data.token });
    expect(new Date((await listed(created.data.id)).last_used_time).getTime()).toBeGreaterThan(
      earlier.getTime() + 60_000,
    );

    // A revoked token is refused and not marked used.
    expect((await chat.call('DELETE', `/v2/api_tokens/${created.data.id}`)).statusCode).toBe(204);
    const revokedAt = (await listed(created.data.id)).last_used_time;
    expect((await chat.call('GET', '/v2/agents', { token: created.data.token })).statusCode).toBe(401);
    expect((await listed(created.data.id)).last_used_time).toBe(revokedAt);
  });
});
