import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';

const PASSWORD = 'correct horse battery';

describe.each(TEST_DATABASE_KINDS)('Chat agents (%s)', (kind) => {
  let chat: TestChat;
  let ownerId: string;
  let groupId: string;

  /** An agent created by the owner's token, plus a session token when it has a password. */
  async function addAgent(body: Record<string, unknown>) {
    const res = await chat.call('POST', '/v2/agents', { body: { password: PASSWORD, ...body } });
    expect(res.statusCode).toBe(201);
    const login = await chat.call('POST', '/v2/sessions', {
      token: null,
      body: { email: body.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(201);
    return { id: res.data.id as string, token: login.data.token as string };
  }

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    ownerId = (
      await chat.services.db
        .selectFrom('agents')
        .select('id')
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow()
    ).id;
    groupId = (await chat.call('POST', '/v2/groups', { body: { name: 'Sales' } })).data.id;
  });
  afterAll(async () => chat?.close());

  it('creates an agent (201, Location) in the documented shape, without any password hash', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: {
        email: 'Ada@Example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
        role_name: 'agent',
        password: PASSWORD,
        groups: [groupId],
        max_concurrent_chats: 3,
        avatar: { url: 'https://cdn.example.com/ada.png' },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/v2/agents/${res.data.id}`);
    expect(res.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'Ada@Example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      avatar: { url: 'https://cdn.example.com/ada.png' },
      role_id: 'AGENT',
      role_name: 'agent',
      groups: [groupId],
      availability_status: 'UNAVAILABLE',
      max_concurrent_chats: 3,
      is_deactivated: false,
      created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updated_time: expect.stringMatching(/Z$/),
    });
    expect(JSON.stringify(res.data)).not.toContain('password');
    const stored = await chat.services.db
      .selectFrom('agents')
      .select('password_hash')
      .where('id', '=', res.data.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);

    const view = await chat.call('GET', `/v2/agents/${res.data.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.data).toEqual(res.data);
  });

  it('defaults: role agent, 5 chats, no avatar, no groups', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: { email: 'min@example.com', first_name: 'Min' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      role_name: 'agent',
      max_concurrent_chats: 5,
      avatar: { url: null },
      groups: [],
      last_name: null,
    });
  });

  it('400 with details for every bad field at once; unknown fields and a second owner are refused', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: {
        email: 'not-an-email',
        role_name: 'owner',
        password: 'short',
        max_concurrent_chats: 51,
        groups: ['nope'],
        avatar: { url: 'ftp://x' },
        nickname: 'x',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED', message: 'Validation failed' });
    const fields = (res.data.details as { field: string; code: string }[]).map((d) => `${d.field}:${d.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'email:invalid_value',
        'first_name:missing_field',
        'role_name:invalid_value',
        'password:invalid_value',
        'max_concurrent_chats:invalid_value',
        'groups:invalid_value',
        'avatar.url:invalid_value',
        'nickname:invalid_field',
      ]),
    );
    const zero = await chat.call('POST', '/v2/agents', {
      body: { email: 'z@example.com', first_name: 'Z', max_concurrent_chats: 0 },
    });
    expect(zero.statusCode).toBe(400);
  });

  it('400 for a group id that does not exist', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: { email: 'g@example.com', first_name: 'G', groups: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.details).toEqual([expect.objectContaining({ field: 'groups', code: 'invalid_value' })]);
  });

  it('409 for an email already used, whatever its case', async () => {
    const res = await chat.call('POST', '/v2/agents', {
      body: { email: 'ADA@example.COM', first_name: 'Other' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.data).toMatchObject({
      code: 409,
      status: 'CONFLICT',
      details: [expect.objectContaining({ field: 'email', code: 'duplicate_value' })],
    });
  });

  it('lists agents in the paginated envelope with filters', async () => {
    const all = await chat.call('GET', '/v2/agents?items_per_page=2');
    expect(all.statusCode).toBe(200);
    expect(all.data.agents).toHaveLength(2);
    expect(all.data.agents[0].id).toBe(ownerId);
    expect(all.data.pagination).toEqual({
      current_page: 1,
      items_per_page: 2,
      total_items: expect.any(Number),
      total_pages: Math.ceil(all.data.pagination.total_items / 2),
    });
    expect(all.data.links.next_page).toMatchObject({ type: 'GET' });
    expect(all.data.links.next_page.href).toContain('page=2');
    expect(all.data.links.previous_page).toBeUndefined();

    const byEmail = await chat.call('GET', '/v2/agents?email=ada%40example.com');
    expect(byEmail.data.agents.map((a: { first_name: string }) => a.first_name)).toEqual(['Ada']);
    const byGroup = await chat.call(`GET`, `/v2/agents?group_id=${groupId}`);
    expect(byGroup.data.agents.map((a: { first_name: string }) => a.first_name)).toEqual(['Ada']);
    const away = await chat.call('GET', '/v2/agents?availability_status=UNAVAILABLE&items_per_page=50');
    expect(away.data.pagination.total_items).toBe(all.data.pagination.total_items);
    const available = await chat.call('GET', '/v2/agents?availability_status=AVAILABLE');
    expect(available.data).toMatchObject({ agents: [], pagination: { total_items: 0, total_pages: 1 } });

    const bad = await chat.call('GET', '/v2/agents?items_per_page=51&availability_status=busy');
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'availability_status',
      'items_per_page',
    ]);
  });

  it('404 for an unknown agent, 400 for a malformed id', async () => {
    const missing = await chat.call('GET', '/v2/agents/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await chat.call(method, '/v2/agents/00000000-0000-4000-8000-000000000000', {
        ...(method === 'DELETE'
          ? {}
          : { body: method === 'PUT' ? {} : { availability_status: 'AVAILABLE' } }),
      });
      expect(res.statusCode).toBe(404);
    }
    expect((await chat.call('GET', '/v2/agents/xyz')).statusCode).toBe(400);
  });

  it('updates an agent with PUT; groups replace; email clash is 409', async () => {
    const { id } = await addAgent({ email: 'bob@example.com', first_name: 'Bob' });
    const res = await chat.call('PUT', `/v2/agents/${id}`, {
      body: { last_name: 'Builder', max_concurrent_chats: 10, groups: [groupId], avatar: { url: null } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ last_name: 'Builder', max_concurrent_chats: 10, groups: [groupId] });
    const cleared = await chat.call('PUT', `/v2/agents/${id}`, { body: { groups: [] } });
    expect(cleared.data.groups).toEqual([]);
    const clash = await chat.call('PUT', `/v2/agents/${id}`, { body: { email: 'ada@example.com' } });
    expect(clash.statusCode).toBe(409);
    const same = await chat.call('PUT', `/v2/agents/${id}`, { body: { email: 'BOB@example.com' } });
    expect(same.statusCode).toBe(200);
    expect(same.data.email).toBe('BOB@example.com');
  });

  it('agents read but may not write; 403 in the documented shape', async () => {
    const { id, token } = await addAgent({ email: 'carl@example.com', first_name: 'Carl' });
    expect((await chat.call('GET', '/v2/agents', { token })).statusCode).toBe(200);
    expect((await chat.call('GET', `/v2/agents/${ownerId}`, { token })).statusCode).toBe(200);
    const create = await chat.call('POST', '/v2/agents', {
      token,
      body: { email: 'x@example.com', first_name: 'X' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    expect(
      (await chat.call('PUT', `/v2/agents/${id}`, { token, body: { first_name: 'C' } })).statusCode,
    ).toBe(403);
    expect((await chat.call('DELETE', `/v2/agents/${ownerId}`, { token })).statusCode).toBe(403);
  });

  it('PATCH availability: the agent themself or an admin, nobody else', async () => {
    const dan = await addAgent({ email: 'dan@example.com', first_name: 'Dan' });
    const eve = await addAgent({ email: 'eve@example.com', first_name: 'Eve' });
    const own = await chat.call('PATCH', `/v2/agents/${dan.id}`, {
      token: dan.token,
      body: { availability_status: 'AVAILABLE' },
    });
    expect(own.statusCode).toBe(200);
    expect(own.data.availability_status).toBe('AVAILABLE');
    const other = await chat.call('PATCH', `/v2/agents/${dan.id}`, {
      token: eve.token,
      body: { availability_status: 'UNAVAILABLE' },
    });
    expect(other.statusCode).toBe(403);
    const admin = await chat.call('PATCH', `/v2/agents/${dan.id}`, {
      body: { availability_status: 'UNAVAILABLE' },
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.data.availability_status).toBe('UNAVAILABLE');
    const bad = await chat.call('PATCH', `/v2/agents/${dan.id}`, {
      body: { availability_status: 'busy', x: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'availability_status',
      'x',
    ]);
  });

  it('only the owner creates, promotes, demotes or deactivates admins', async () => {
    const admin = await addAgent({ email: 'adm@example.com', first_name: 'Adm', role_name: 'admin' });
    const created = await chat.call('GET', `/v2/agents/${admin.id}`);
    expect(created.data).toMatchObject({ role_id: 'ADMIN', role_name: 'admin' });
    const plain = await addAgent({ email: 'fay@example.com', first_name: 'Fay' });
    const other = await addAgent({ email: 'adm2@example.com', first_name: 'Adm2', role_name: 'admin' });

    const asAdmin = { token: admin.token };
    expect(
      (
        await chat.call('POST', '/v2/agents', {
          ...asAdmin,
          body: { email: 'a3@example.com', first_name: 'A', role_name: 'admin' },
        })
      ).statusCode,
    ).toBe(403);
    const agentByAdmin = await chat.call('POST', '/v2/agents', {
      ...asAdmin,
      body: { email: 'a4@example.com', first_name: 'A4' },
    });
    expect(agentByAdmin.statusCode).toBe(201);
    expect(
      (await chat.call('PUT', `/v2/agents/${plain.id}`, { ...asAdmin, body: { role_name: 'admin' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await chat.call('PUT', `/v2/agents/${other.id}`, { ...asAdmin, body: { role_name: 'agent' } }))
        .statusCode,
    ).toBe(403);
    expect((await chat.call('DELETE', `/v2/agents/${other.id}`, asAdmin)).statusCode).toBe(403);
    // Admins may still edit an admin's profile and deactivate plain agents.
    expect(
      (await chat.call('PUT', `/v2/agents/${other.id}`, { ...asAdmin, body: { first_name: 'Ad2' } }))
        .statusCode,
    ).toBe(200);
    expect((await chat.call('DELETE', `/v2/agents/${agentByAdmin.data.id}`, asAdmin)).statusCode).toBe(202);

    const promoted = await chat.call('PUT', `/v2/agents/${plain.id}`, { body: { role_name: 'admin' } });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.data.role_id).toBe('ADMIN');
    // Roles are read per request: the new admin's session is an admin's at once.
    expect((await chat.call('GET', '/v2/api_tokens', { token: plain.token })).statusCode).toBe(200);
  });

  it('protects the owner: admins cannot edit them, nobody demotes or deactivates them', async () => {
    const admin = await addAgent({ email: 'adm5@example.com', first_name: 'Adm5', role_name: 'admin' });
    const edit = await chat.call('PUT', `/v2/agents/${ownerId}`, {
      token: admin.token,
      body: { first_name: 'Mallory' },
    });
    expect(edit.statusCode).toBe(403);
    const demote = await chat.call('PUT', `/v2/agents/${ownerId}`, { body: { role_name: 'admin' } });
    expect(demote.statusCode).toBe(400);
    expect(demote.data.details).toEqual([
      expect.objectContaining({ field: 'role_name', code: 'invalid_value' }),
    ]);
    const deactivate = await chat.call('PUT', `/v2/agents/${ownerId}`, { body: { is_deactivated: true } });
    expect(deactivate.statusCode).toBe(400);
    expect(deactivate.data.details).toEqual([expect.objectContaining({ field: 'is_deactivated' })]);
    expect((await chat.call('DELETE', `/v2/agents/${ownerId}`)).statusCode).toBe(403);
    expect((await chat.call('DELETE', `/v2/agents/${ownerId}`, { token: admin.token })).statusCode).toBe(403);
    const ownEdit = await chat.call('PUT', `/v2/agents/${ownerId}`, { body: { first_name: 'Olga' } });
    expect(ownEdit.statusCode).toBe(200);
    expect(ownEdit.data).toMatchObject({ first_name: 'Olga', role_name: 'owner', role_id: 'OWNER' });
  });

  it('DELETE deactivates (202): sessions end at once, open chats go back to the queue; PUT reactivates', async () => {
    const gus = await addAgent({ email: 'gus@example.com', first_name: 'Gus', groups: [groupId] });
    await chat.call('PATCH', `/v2/agents/${gus.id}`, {
      token: gus.token,
      body: { availability_status: 'AVAILABLE' },
    });
    await chat.services.db.insertInto('sites').values({ id: 'agents-test', name: 'Agents test' }).execute();
    const userId = '11111111-1111-4111-8111-111111111111';
    await chat.services.db
      .insertInto('users')
      .values({
        id: userId,
        site_id: 'agents-test',
        properties: '{}',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    const convo = (status: 'assigned' | 'resolved', n: number) => ({
      id: `22222222-2222-4222-8222-00000000000${n}`,
      site_id: 'agents-test',
      user_id: userId,
      status,
      assigned_agent_id: gus.id,
      assigned_group_id: groupId,
      properties: '{}',
      created_at: new Date(),
      updated_at: new Date(),
    });
    await chat.services.db
      .insertInto('conversations')
      .values([convo('assigned', 1), convo('resolved', 2)])
      .execute();

    const res = await chat.call('DELETE', `/v2/agents/${gus.id}`);
    expect(res.statusCode).toBe(202);
    expect(res.data).toEqual({ code: 202, status: 'ACCEPTED', message: 'Agent deletion request accepted' });
    expect((await chat.call('GET', '/v2/agents/me', { token: gus.token })).statusCode).toBe(401);
    const view = await chat.call('GET', `/v2/agents/${gus.id}`);
    expect(view.data).toMatchObject({
      is_deactivated: true,
      availability_status: 'UNAVAILABLE',
      groups: [groupId],
    });
    const convos = await chat.services.db
      .selectFrom('conversations')
      .select(['id', 'status', 'assigned_agent_id', 'assigned_group_id'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    expect(convos).toEqual([
      { id: convo('assigned', 1).id, status: 'new', assigned_agent_id: null, assigned_group_id: groupId },
      {
        id: convo('resolved', 2).id,
        status: 'resolved',
        assigned_agent_id: gus.id,
        assigned_group_id: groupId,
      },
    ]);
    const login = await chat.call('POST', '/v2/sessions', {
      token: null,
      body: { email: 'gus@example.com', password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    expect((await chat.call('DELETE', `/v2/agents/${gus.id}`)).statusCode).toBe(202);

    const back = await chat.call('PUT', `/v2/agents/${gus.id}`, { body: { is_deactivated: false } });
    expect(back.statusCode).toBe(200);
    expect(back.data.is_deactivated).toBe(false);
    expect(
      (
        await chat.call('POST', '/v2/sessions', {
          token: null,
          body: { email: 'gus@example.com', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('lists the three built-in roles', async () => {
    const res = await chat.call('GET', '/v2/roles');
    expect(res.statusCode).toBe(200);
    expect(
      res.data.roles.map((r: { id: string; name: string; is_custom_role: boolean }) => [
        r.id,
        r.name,
        r.is_custom_role,
      ]),
    ).toEqual([
      ['OWNER', 'owner', false],
      ['ADMIN', 'admin', false],
      ['AGENT', 'agent', false],
    ]);
    expect(res.data.roles[0].description).toEqual(expect.any(String));
    expect((await chat.call('GET', '/v2/roles', { token: null })).statusCode).toBe(401);
  });
});
