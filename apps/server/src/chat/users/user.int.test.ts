import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { createAgentToken } from './test-support.js';
import { findUserByRestoreId, upsertWidgetUser } from './index.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(TEST_DATABASE_KINDS)('Chat users (%s)', (kind) => {
  let chat: TestChat;
  let agentToken: string;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    agentToken = await createAgentToken(chat);
    await chat.call('POST', '/v2/sites', { body: { id: 'shop', name: 'Shop' } });
    await chat.call('POST', '/v2/sites', { body: { id: 'portal', name: 'Portal' } });
    const fields = [
      { name: 'cf_nickname', label: 'Nickname', type: 'text' },
      { name: 'cf_seats', label: 'Seats', type: 'number' },
      { name: 'cf_vip', label: 'VIP', type: 'boolean' },
      { name: 'cf_renewal', label: 'Renewal', type: 'date' },
      { name: 'cf_plan', label: 'Plan', type: 'dropdown', choices: ['Free', 'Pro'] },
    ];
    for (const body of fields)
      expect((await chat.call('POST', '/v2/users/fields', { body })).statusCode).toBe(201);
  });
  afterAll(async () => chat?.close());

  const insertConversation = async (userId: string, siteId: string, createdAt: Date) => {
    const id = randomUUID();
    await chat.services.db
      .insertInto('conversations')
      .values({ id, site_id: siteId, user_id: userId, created_at: createdAt, updated_at: createdAt })
      .execute();
    return id;
  };

  it('creates a user: 201, Location, B2 shape, restore id returned once and stored hashed', async () => {
    const res = await chat.call('POST', '/v2/users', {
      body: {
        site_id: 'shop',
        reference_id: 'cust-1',
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        phone: '+44 20 7946 0000',
        avatar: { url: 'https://cdn.example.com/ada.png' },
        properties: [
          { name: 'cf_plan', value: 'Pro' },
          { name: 'cf_seats', value: 12 },
          { name: 'cf_vip', value: true },
          { name: 'cf_renewal', value: '2027-02-28' },
          { name: 'cf_nickname', value: 'Countess' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toMatch(new RegExp(`/v2/users/${res.data.id}$`));
    expect(res.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      site_id: 'shop',
      reference_id: 'cust-1',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      avatar: { url: 'https://cdn.example.com/ada.png' },
      properties: [
        { name: 'cf_nickname', value: 'Countess' },
        { name: 'cf_plan', value: 'Pro' },
        { name: 'cf_renewal', value: '2027-02-28' },
        { name: 'cf_seats', value: 12 },
        { name: 'cf_vip', value: true },
      ],
      social_profiles: [],
      created_time: expect.stringMatching(/Z$/),
      updated_time: expect.stringMatching(/Z$/),
      restore_id: expect.stringMatching(/^[\w-]{32}$/),
    });
    const stored = await chat.services.db
      .selectFrom('users')
      .select('restore_id_hash')
      .where('id', '=', res.data.id)
      .executeTakeFirstOrThrow();
    expect(stored.restore_id_hash).toBe(sha256(res.data.restore_id));

    const view = await chat.call('GET', `/v2/users/${res.data.id}`);
    expect(view.statusCode).toBe(200);
    const { restore_id: _restoreId, ...withoutRestore } = res.data;
    expect(view.data).toEqual(withoutRestore);
    expect(JSON.stringify(view.data)).not.toContain(res.data.restore_id);
  });

  it('a user without a site id lands in the default site; empty fields present as null', async () => {
    const res = await chat.call('POST', '/v2/users', { body: {} });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      site_id: 'default',
      reference_id: null,
      first_name: null,
      email: null,
      phone: null,
      avatar: { url: null },
      properties: [],
    });
  });

  it('400 for an unknown site, a bad email, a bad avatar URL and unknown fields', async () => {
    const res = await chat.call('POST', '/v2/users', {
      body: {
        site_id: 'nowhere',
        email: 'not-an-email',
        avatar: { url: 'javascript:alert(1)' },
        nickname: 'x',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
    expect(res.data.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email', code: 'invalid_value' }),
        expect.objectContaining({ field: 'avatar.url', code: 'invalid_value' }),
        expect.objectContaining({ field: 'nickname', code: 'invalid_field' }),
      ]),
    );
    const site = await chat.call('POST', '/v2/users', { body: { site_id: 'nowhere' } });
    expect(site.statusCode).toBe(400);
    expect(site.data.details).toEqual([expect.objectContaining({ field: 'site_id', code: 'invalid_value' })]);
    const badSite = await chat.call('POST', '/v2/users', { body: { site_id: 'no spaces' } });
    expect(badSite.data.details).toEqual([
      expect.objectContaining({ field: 'site_id', code: 'invalid_value' }),
    ]);
    const wrongType = await chat.call('POST', '/v2/users', { body: { first_name: 5 } });
    expect(wrongType.data.details).toEqual([
      expect.objectContaining({ field: 'first_name', code: 'datatype_mismatch' }),
    ]);
  });

  it('validates properties per type and reports each problem as properties.<name>', async () => {
    const res = await chat.call('POST', '/v2/users', {
      body: {
        properties: [
          { name: 'cf_unknown', value: 'x' },
          { name: 'cf_nickname', value: 7 },
          { name: 'cf_seats', value: '12' },
          { name: 'cf_vip', value: 'yes' },
          { name: 'cf_renewal', value: '2027-02-30' },
          { name: 'cf_plan', value: 'Enterprise' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const byField = Object.fromEntries(
      (res.data.details as { field: string; code: string }[]).map((d) => [d.field, d.code]),
    );
    expect(byField).toEqual({
      'properties.cf_unknown': 'invalid_field',
      'properties.cf_nickname': 'datatype_mismatch',
      'properties.cf_seats': 'datatype_mismatch',
      'properties.cf_vip': 'datatype_mismatch',
      'properties.cf_renewal': 'invalid_value',
      'properties.cf_plan': 'invalid_value',
    });
    const more = await chat.call('POST', '/v2/users', {
      body: {
        properties: [
          { name: 'cf_renewal', value: 20270101 },
          { name: 'cf_plan', value: 1 },
          { name: 'cf_seats', value: 1 },
          { name: 'cf_seats', value: 2 },
        ],
      },
    });
    expect(more.data.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'properties.cf_renewal', code: 'datatype_mismatch' }),
        expect.objectContaining({ field: 'properties.cf_plan', code: 'datatype_mismatch' }),
        expect.objectContaining({ field: 'properties.cf_seats', code: 'invalid_value' }),
      ]),
    );
    const noName = await chat.call('POST', '/v2/users', { body: { properties: [{ value: 1 }] } });
    expect(noName.data.details).toEqual([
      expect.objectContaining({ field: 'properties.name', code: 'missing_field' }),
    ]);
  });

  it('reference ids are unique per site (409) but the same id in two sites makes two users', async () => {
    const first = await chat.call('POST', '/v2/users', { body: { site_id: 'shop', reference_id: 'dup-1' } });
    expect(first.statusCode).toBe(201);
    const clash = await chat.call('POST', '/v2/users', { body: { site_id: 'shop', reference_id: 'dup-1' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.data).toMatchObject({
      code: 409,
      status: 'CONFLICT',
      details: [{ field: 'reference_id', code: 'duplicate_value' }],
    });
    const other = await chat.call('POST', '/v2/users', {
      body: { site_id: 'portal', reference_id: 'dup-1' },
    });
    expect(other.statusCode).toBe(201);
    expect(other.data.id).not.toBe(first.data.id);
    const found = await chat.call('GET', '/v2/users?reference_id=dup-1');
    expect(found.data.users.map((u: { site_id: string }) => u.site_id).sort()).toEqual(['portal', 'shop']);
    const inShop = await chat.call('GET', '/v2/users?reference_id=dup-1&site_id=shop');
    expect(inShop.data.users.map((u: { id: string }) => u.id)).toEqual([first.data.id]);
  });

  it('GET /v2/users needs a filter and filters by email, phone, site and creation time', async () => {
    const none = await chat.call('GET', '/v2/users');
    expect(none.statusCode).toBe(400);
    expect(none.data.details).toEqual([expect.objectContaining({ field: 'filter', code: 'missing_field' })]);
    const onlyPage = await chat.call('GET', '/v2/users?page=1');
    expect(onlyPage.statusCode).toBe(400);

    await chat.call('POST', '/v2/sites', { body: { id: 'filters', name: 'Filters' } });
    const made = [];
    for (const i of [1, 2, 3]) {
      const res = await chat.call('POST', '/v2/users', {
        body: { site_id: 'filters', email: `Filter${i}@Example.com`, phone: `+1555000${i}` },
      });
      made.push(res.data);
    }
    const byEmail = await chat.call('GET', '/v2/users?email=filter2%40example.com');
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.data.users.map((u: { id: string }) => u.id)).toEqual([made[1].id]);
    const byPhone = await chat.call('GET', `/v2/users?phone=${encodeURIComponent('+15550003')}`);
    expect(byPhone.data.users.map((u: { id: string }) => u.id)).toEqual([made[2].id]);

    const bySite = await chat.call('GET', '/v2/users?site_id=filters&items_per_page=2&sort_order=desc');
    expect(bySite.data.users.map((u: { id: string }) => u.id)).toEqual([made[2].id, made[1].id]);
    expect(bySite.data.pagination).toEqual({
      current_page: 1,
      items_per_page: 2,
      total_items: 3,
      total_pages: 2,
    });
    expect(bySite.data.links.next_page.href).toContain('site_id=filters');
    expect(bySite.data.links.next_page.href).toContain('page=2');

    const future = await chat.call('GET', '/v2/users?created_from=2999-01-01T00:00:00Z');
    expect(future.statusCode).toBe(200);
    expect(future.data.users).toEqual([]);
    const past = await chat.call('GET', '/v2/users?created_to=2000-01-01');
    expect(past.data.pagination.total_items).toBe(0);
    const recent = await chat.call(
      'GET',
      `/v2/users?site_id=filters&created_from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
    );
    expect(recent.data.pagination.total_items).toBe(3);
    const badDate = await chat.call('GET', '/v2/users?created_from=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.data.details).toEqual([
      expect.objectContaining({ field: 'created_from', code: 'invalid_value' }),
    ]);
  });

  it('updates given fields, clears with null and merges properties', async () => {
    const created = await chat.call('POST', '/v2/users', {
      body: {
        site_id: 'shop',
        first_name: 'Grace',
        email: 'grace@example.com',
        properties: [
          { name: 'cf_plan', value: 'Free' },
          { name: 'cf_seats', value: 1 },
        ],
      },
    });
    const id = created.data.id as string;
    const res = await chat.call('PUT', `/v2/users/${id}`, {
      body: {
        last_name: 'Hopper',
        email: null,
        avatar: { url: 'https://cdn.example.com/g.png' },
        reference_id: 'grace-h',
        properties: [
          { name: 'cf_plan', value: 'Pro' },
          { name: 'cf_seats', value: null },
          { name: 'cf_vip', value: false },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id,
      site_id: 'shop',
      first_name: 'Grace',
      last_name: 'Hopper',
      email: null,
      reference_id: 'grace-h',
      avatar: { url: 'https://cdn.example.com/g.png' },
      properties: [
        { name: 'cf_plan', value: 'Pro' },
        { name: 'cf_vip', value: false },
      ],
    });
    expect(res.data.restore_id).toBeUndefined();
    const cleared = await chat.call('PUT', `/v2/users/${id}`, { body: { avatar: null } });
    expect(cleared.data.avatar).toEqual({ url: null });
  });

  it('update errors: 400 (site_id, bad property), 409 (reference id taken), 404', async () => {
    const a = await chat.call('POST', '/v2/users', { body: { site_id: 'shop', reference_id: 'upd-a' } });
    const b = await chat.call('POST', '/v2/users', { body: { site_id: 'shop', reference_id: 'upd-b' } });
    const move = await chat.call('PUT', `/v2/users/${a.data.id}`, { body: { site_id: 'portal' } });
    expect(move.statusCode).toBe(400);
    expect(move.data.details).toEqual([expect.objectContaining({ field: 'site_id', code: 'invalid_field' })]);
    const bad = await chat.call('PUT', `/v2/users/${a.data.id}`, {
      body: { properties: [{ name: 'cf_plan', value: 'Gold' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details).toEqual([
      expect.objectContaining({ field: 'properties.cf_plan', code: 'invalid_value' }),
    ]);
    const clash = await chat.call('PUT', `/v2/users/${a.data.id}`, { body: { reference_id: 'upd-b' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.data.details).toEqual([
      expect.objectContaining({ field: 'reference_id', code: 'duplicate_value' }),
    ]);
    const same = await chat.call('PUT', `/v2/users/${b.data.id}`, { body: { reference_id: 'upd-b' } });
    expect(same.statusCode).toBe(200);
    const missing = await chat.call('PUT', `/v2/users/${randomUUID()}`, { body: { first_name: 'X' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('GET /v2/users/:id: 404 for an unknown id, 400 for a non-UUID', async () => {
    const res = await chat.call('GET', `/v2/users/${randomUUID()}`);
    expect(res.statusCode).toBe(404);
    expect(res.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const bad = await chat.call('GET', '/v2/users/123');
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details).toEqual([expect.objectContaining({ field: 'id', code: 'invalid_value' })]);
  });

  it('POST /v2/users/fetch returns the known users of the given ids', async () => {
    const a = await chat.call('POST', '/v2/users', { body: { first_name: 'Fetch A' } });
    const b = await chat.call('POST', '/v2/users', { body: { first_name: 'Fetch B' } });
    const res = await chat.call('POST', '/v2/users/fetch', {
      body: { ids: [b.data.id, randomUUID(), a.data.id] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.users.map((u: { first_name: string }) => u.first_name)).toEqual(['Fetch A', 'Fetch B']);
    expect(res.data.users[0]).not.toHaveProperty('restore_id');
    const empty = await chat.call('POST', '/v2/users/fetch', { body: { ids: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.data.details).toEqual([expect.objectContaining({ field: 'ids', code: 'invalid_value' })]);
    const notUuid = await chat.call('POST', '/v2/users/fetch', { body: { ids: ['x'] } });
    expect(notUuid.data.details).toEqual([expect.objectContaining({ field: 'ids', code: 'invalid_value' })]);
    const missing = await chat.call('POST', '/v2/users/fetch', { body: {} });
    expect(missing.data.details).toEqual([expect.objectContaining({ field: 'ids', code: 'missing_field' })]);
  });

  it("GET /v2/users/:id/conversations lists the user's conversation ids, newest first", async () => {
    const user = await chat.call('POST', '/v2/users', { body: { site_id: 'shop' } });
    const none = await chat.call('GET', `/v2/users/${user.data.id}/conversations`);
    expect(none.statusCode).toBe(200);
    expect(none.data).toEqual({ conversations: [] });
    const older = await insertConversation(user.data.id, 'shop', new Date('2026-01-01T00:00:00Z'));
    const newer = await insertConversation(user.data.id, 'shop', new Date('2026-02-01T00:00:00Z'));
    const res = await chat.call('GET', `/v2/users/${user.data.id}/conversations`);
    expect(res.data).toEqual({ conversations: [{ id: newer }, { id: older }] });
    expect((await chat.call('GET', `/v2/users/${randomUUID()}/conversations`)).statusCode).toBe(404);
  });

  it('deletes a user (admins only); a user with conversations stays (409)', async () => {
    const user = await chat.call('POST', '/v2/users', { body: { first_name: 'Temp' } });
    const denied = await chat.call('DELETE', `/v2/users/${user.data.id}`, { token: agentToken });
    expect(denied.statusCode).toBe(403);
    expect(denied.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    const del = await chat.call('DELETE', `/v2/users/${user.data.id}`);
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await chat.call('GET', `/v2/users/${user.data.id}`)).statusCode).toBe(404);
    expect((await chat.call('DELETE', `/v2/users/${user.data.id}`)).statusCode).toBe(404);

    const talker = await chat.call('POST', '/v2/users', { body: { site_id: 'shop' } });
    await insertConversation(talker.data.id, 'shop', new Date());
    const kept = await chat.call('DELETE', `/v2/users/${talker.data.id}`);
    expect(kept.statusCode).toBe(409);
    expect(kept.data).toMatchObject({ code: 409, details: [{ field: 'id', code: 'inconsistent_state' }] });
  });

  it('agents read, create and edit users; no token gets 401', async () => {
    const created = await chat.call('POST', '/v2/users', {
      token: agentToken,
      body: { first_name: 'ByAgent' },
    });
    expect(created.statusCode).toBe(201);
    const edited = await chat.call('PUT', `/v2/users/${created.data.id}`, {
      token: agentToken,
      body: { last_name: 'Edited' },
    });
    expect(edited.data).toMatchObject({ first_name: 'ByAgent', last_name: 'Edited' });
    expect((await chat.call('GET', `/v2/users/${created.data.id}`, { token: agentToken })).statusCode).toBe(
      200,
    );
    for (const [method, url] of [
      ['GET', `/v2/users/${created.data.id}`],
      ['POST', '/v2/users'],
      ['GET', '/v2/users?site_id=default'],
    ] as const) {
      const res = await chat.call(method, url, { token: null, body: method === 'POST' ? {} : undefined });
      expect(res.statusCode).toBe(401);
      expect(res.data).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
    }
  });

  it('findUserByRestoreId finds the user only within its site', async () => {
    const res = await chat.call('POST', '/v2/users', { body: { site_id: 'shop', first_name: 'Resto' } });
    const db = chat.services.db;
    expect((await findUserByRestoreId(db, 'shop', res.data.restore_id))?.id).toBe(res.data.id);
    expect(await findUserByRestoreId(db, 'portal', res.data.restore_id)).toBeUndefined();
    expect(await findUserByRestoreId(db, 'shop', 'not-a-restore-id')).toBeUndefined();
  });

  it('upsertWidgetUser: creates once, then finds by external id or restore id within the site', async () => {
    const db = chat.services.db;
    const first = await upsertWidgetUser(db, {
      siteId: 'shop',
      referenceId: 'widget-1',
      firstName: 'Wid',
      email: 'wid@example.com',
      properties: { cf_plan: 'Free' },
    });
    expect(first.created).toBe(true);
    expect(first.restoreId).toMatch(/^[\w-]{32}$/);
    expect(first.user).toMatchObject({ site_id: 'shop', reference_id: 'widget-1', first_name: 'Wid' });
    expect((await findUserByRestoreId(db, 'shop', first.restoreId!))?.id).toBe(first.user.id);

    const again = await upsertWidgetUser(db, { siteId: 'shop', referenceId: 'widget-1', lastName: 'Get' });
    expect(again).toMatchObject({
      created: false,
      user: { id: first.user.id, first_name: 'Wid', last_name: 'Get' },
    });
    expect(again.restoreId).toBeUndefined();
    expect(again.user.properties).toEqual({ cf_plan: 'Free' });

    const otherSite = await upsertWidgetUser(db, { siteId: 'portal', referenceId: 'widget-1' });
    expect(otherSite.created).toBe(true);
    expect(otherSite.user.id).not.toBe(first.user.id);

    // An anonymous visitor comes back with their restore id, then logs in: same user, now with an external id.
    const anon = await upsertWidgetUser(db, { siteId: 'shop' });
    expect(anon.created).toBe(true);
    const back = await upsertWidgetUser(db, { siteId: 'shop', restoreId: anon.restoreId });
    expect(back).toMatchObject({ created: false, user: { id: anon.user.id } });
    const loggedIn = await upsertWidgetUser(db, {
      siteId: 'shop',
      restoreId: anon.restoreId,
      referenceId: 'widget-2',
    });
    expect(loggedIn.user).toMatchObject({ id: anon.user.id, reference_id: 'widget-2' });
    const wrongSite = await upsertWidgetUser(db, { siteId: 'portal', restoreId: anon.restoreId });
    expect(wrongSite.created).toBe(true);
    expect(wrongSite.user.id).not.toBe(anon.user.id);

    await expect(upsertWidgetUser(db, { siteId: 'shop', email: 'nope' })).rejects.toMatchObject({
      status: 400,
      fieldErrors: [expect.objectContaining({ field: 'email', code: 'invalid_value' })],
    });
    await expect(
      upsertWidgetUser(db, { siteId: 'shop', properties: { cf_plan: 'Gold' } }),
    ).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: 'properties.cf_plan', code: 'invalid_value' })],
    });
    await expect(upsertWidgetUser(db, { siteId: 'nowhere' })).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: 'site_id' })],
    });
  });

  it('concurrent widget visits with one external id make one user', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => upsertWidgetUser(chat.services.db, { siteId: 'shop', referenceId: 'racer' })),
    );
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});
