import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { pickRoundRobinAgent } from './index.js';

describe.each(TEST_DATABASE_KINDS)('Chat groups (%s)', (kind) => {
  let chat: TestChat;
  let agentToken: string;
  let agentIds: string[];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    agentIds = [];
    for (const name of ['Nia', 'Oto']) {
      const res = await chat.call('POST', '/v2/agents', {
        body: { email: `${name}@example.com`, first_name: name, password: 'long enough password' },
      });
      agentIds.push(res.data.id);
    }
    agentIds.sort();
    agentToken = (
      await chat.call('POST', '/v2/sessions', {
        token: null,
        body: { email: 'nia@example.com', password: 'long enough password' },
      })
    ).data.token;
  });
  afterAll(async () => chat?.close());

  it('creates (201, Location), views, updates and deletes (204) a group', async () => {
    const created = await chat.call('POST', '/v2/groups', {
      body: { name: 'Billing', description: 'Money questions', agents: [agentIds[0]] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/v2/groups/${created.data.id}`);
    expect(created.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Billing',
      description: 'Money questions',
      routing_type: 'round_robin',
      agents: [agentIds[0]],
      created_time: expect.stringMatching(/Z$/),
      updated_time: expect.stringMatching(/Z$/),
    });
    const view = await chat.call('GET', `/v2/groups/${created.data.id}`);
    expect(view.data).toEqual(created.data);
    const agent = await chat.call('GET', `/v2/agents/${agentIds[0]}`);
    expect(agent.data.groups).toEqual([created.data.id]);

    const updated = await chat.call('PUT', `/v2/groups/${created.data.id}`, {
      body: { routing_type: 'manual', agents: [...agentIds], description: null },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.data).toMatchObject({
      name: 'Billing',
      routing_type: 'manual',
      agents: agentIds,
      description: null,
    });

    const removed = await chat.call('DELETE', `/v2/groups/${created.data.id}`);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await chat.call('GET', `/v2/groups/${created.data.id}`)).statusCode).toBe(404);
    expect((await chat.call('DELETE', `/v2/groups/${created.data.id}`)).statusCode).toBe(404);
    expect(
      (await chat.call('PUT', `/v2/groups/${created.data.id}`, { body: { name: 'X' } })).statusCode,
    ).toBe(404);
    expect((await chat.call('GET', `/v2/agents/${agentIds[0]}`)).data.groups).toEqual([]);
  });

  it('409 for a name already used, whatever its case, on create and rename', async () => {
    const first = await chat.call('POST', '/v2/groups', { body: { name: 'Support' } });
    const second = await chat.call('POST', '/v2/groups', { body: { name: 'Tech' } });
    const clash = await chat.call('POST', '/v2/groups', { body: { name: 'SUPPORT' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.data).toMatchObject({
      code: 409,
      status: 'CONFLICT',
      details: [expect.objectContaining({ field: 'name', code: 'duplicate_value' })],
    });
    expect(
      (await chat.call('PUT', `/v2/groups/${second.data.id}`, { body: { name: 'support' } })).statusCode,
    ).toBe(409);
    const same = await chat.call('PUT', `/v2/groups/${first.data.id}`, { body: { name: 'SUPPORT' } });
    expect(same.statusCode).toBe(200);
    expect(same.data.name).toBe('SUPPORT');
  });

  it('400 with details: blank name, bad routing type, unknown or repeated agents, unknown fields', async () => {
    const res = await chat.call('POST', '/v2/groups', {
      body: { name: ' ', routing_type: 'random', agents: ['x'], color: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.data.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`).sort(),
    ).toEqual([
      'agents:invalid_value',
      'color:invalid_field',
      'name:invalid_value',
      'routing_type:invalid_value',
    ]);
    const unknown = await chat.call('POST', '/v2/groups', {
      body: { name: 'Ghosts', agents: [randomUUID()] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.details).toEqual([
      expect.objectContaining({ field: 'agents', code: 'invalid_value' }),
    ]);
    const repeated = await chat.call('POST', '/v2/groups', {
      body: { name: 'Twice', agents: [agentIds[0], agentIds[0]] },
    });
    expect(repeated.statusCode).toBe(400);
    expect((await chat.call('POST', '/v2/groups', { body: {} })).data.details).toEqual([
      expect.objectContaining({ field: 'name', code: 'missing_field' }),
    ]);
  });

  it('lists groups by name in the paginated envelope', async () => {
    const res = await chat.call('GET', '/v2/groups?items_per_page=1&page=2');
    expect(res.statusCode).toBe(200);
    expect(res.data.groups).toHaveLength(1);
    expect(res.data.pagination).toMatchObject({ current_page: 2, items_per_page: 1 });
    expect(res.data.links.previous_page.href).toContain('page=1');
    const all = await chat.call('GET', '/v2/groups');
    const names = all.data.groups.map((g: { name: string }) => g.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(all.data.pagination.total_items).toBe(names.length);
  });

  it('agents read groups; only admins write (403)', async () => {
    const token = agentToken;
    expect((await chat.call('GET', '/v2/groups', { token })).statusCode).toBe(200);
    const some = (await chat.call('GET', '/v2/groups')).data.groups[0].id;
    expect((await chat.call('GET', `/v2/groups/${some}`, { token })).statusCode).toBe(200);
    const denied = await chat.call('POST', '/v2/groups', { token, body: { name: 'Mine' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    expect((await chat.call('PUT', `/v2/groups/${some}`, { token, body: { name: 'Mine' } })).statusCode).toBe(
      403,
    );
    expect((await chat.call('DELETE', `/v2/groups/${some}`, { token })).statusCode).toBe(403);
    expect((await chat.call('GET', '/v2/groups', { token: null })).statusCode).toBe(401);
  });
});

describe.each(TEST_DATABASE_KINDS)('Chat round robin (%s)', (kind) => {
  let chat: TestChat;
  let userId: string;

  async function agent(name: string, opts: { available?: boolean; max?: number } = {}) {
    const res = await chat.call('POST', '/v2/agents', {
      body: {
        email: `${name}-${randomUUID().slice(0, 8)}@example.com`,
        first_name: name,
        max_concurrent_chats: opts.max ?? 5,
      },
    });
    if (opts.available !== false)
      await chat.call('PATCH', `/v2/agents/${res.data.id}`, { body: { availability_status: 'AVAILABLE' } });
    return res.data.id as string;
  }
  async function group(agents: string[]) {
    const res = await chat.call('POST', '/v2/groups', { body: { name: `G-${randomUUID()}`, agents } });
    return res.data.id as string;
  }
  async function assign(
    agentId: string,
    status: 'assigned' | 'reopened' | 'resolved' | 'new' = 'assigned',
    db = chat.services.db,
  ) {
    await db
      .insertInto('conversations')
      .values({
        id: randomUUID(),
        site_id: 'rr-test',
        user_id: userId,
        status,
        assigned_agent_id: agentId,
        properties: '{}',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
  }
  const pick = async (groupId: string) => (await pickRoundRobinAgent(chat.services.db, groupId))?.id;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    await chat.services.db.insertInto('sites').values({ id: 'rr-test', name: 'Round robin' }).execute();
    userId = randomUUID();
    await chat.services.db
      .insertInto('users')
      .values({
        id: userId,
        site_id: 'rr-test',
        properties: '{}',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
  });
  afterAll(async () => chat?.close());

  it('rotates among available agents in id order, wrapping around, and moves the cursor', async () => {
    const ids = [await agent('A'), await agent('B'), await agent('C')].sort();
    const g = await group(ids);
    const picks = [];
    for (let i = 0; i < 7; i++) picks.push(await pick(g));
    expect(picks).toEqual([ids[0], ids[1], ids[2], ids[0], ids[1], ids[2], ids[0]]);
    const cursor = await chat.services.db
      .selectFrom('groups')
      .select('last_assigned_agent_id')
      .where('id', '=', g)
      .executeTakeFirstOrThrow();
    expect(cursor.last_assigned_agent_id).toBe(ids[0]);
  });

  it('skips away, deactivated and at-limit agents; resolved and new chats do not count', async () => {
    const away = await agent('Away', { available: false });
    const gone = await agent('Gone');
    const full = await agent('Full', { max: 2 });
    const free = await agent('Free', { max: 2 });
    await chat.call('DELETE', `/v2/agents/${gone}`);
    await assign(full, 'assigned');
    await assign(full, 'reopened');
    await assign(free, 'resolved');
    await assign(free, 'new');
    await assign(free, 'assigned');
    const g = await group([away, gone, full, free]);
    expect(await pick(g)).toBe(free);
    expect(await pick(g)).toBe(free);
    await assign(free, 'assigned');
    expect(await pick(g)).toBeUndefined();
    // Capacity back (a chat resolved) and an agent back from away: both are picked again.
    await chat.services.db
      .updateTable('conversations')
      .set({ status: 'resolved' })
      .where('assigned_agent_id', '=', full)
      .where('status', '=', 'reopened')
      .execute();
    await chat.call('PATCH', `/v2/agents/${away}`, { body: { availability_status: 'AVAILABLE' } });
    const next = new Set([await pick(g), await pick(g)]);
    expect(next).toEqual(new Set([full, away]));
  });

  it('undefined for an empty group, a group of away agents, or an unknown group', async () => {
    expect(await pick(await group([]))).toBeUndefined();
    expect(await pick(await group([await agent('Zed', { available: false })]))).toBeUndefined();
    expect(await pick(randomUUID())).toBeUndefined();
  });

  it('concurrent picks never give one agent more chats than its limit, even across groups', async () => {
    const x = await agent('X', { max: 1 });
    const y = await agent('Y', { max: 1 });
    const g1 = await group([x, y]);
    const g2 = await group([x, y]);
    // Each pick assigns in its own transaction and holds it a moment, so on PostgreSQL they overlap.
    const pickAndAssign = (groupId: string) =>
      chat.services.db.transaction().execute(async (trx) => {
        const chosen = await pickRoundRobinAgent(trx, groupId);
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (chosen) await assign(chosen.id, 'assigned', trx);
        return chosen?.id;
      });
    const results = await Promise.all([pickAndAssign(g1), pickAndAssign(g2), pickAndAssign(g1)]);
    const chosen = results.filter(Boolean);
    expect(chosen.sort()).toEqual([x, y].sort());
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
  });
});
