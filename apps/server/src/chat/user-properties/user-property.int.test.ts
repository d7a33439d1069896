import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { createAgentToken } from '../users/test-support.js';

describe.each(TEST_DATABASE_KINDS)('Chat user property definitions (%s)', (kind) => {
  let chat: TestChat;
  let agentToken: string;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    agentToken = await createAgentToken(chat);
  });
  afterAll(async () => chat?.close());

  it('admins declare properties of every type; any token lists them', async () => {
    const bodies = [
      { name: 'cf_nickname', label: 'Nickname', type: 'text' },
      { name: 'cf_seats', label: 'Seats', type: 'number' },
      { name: 'cf_vip', label: 'VIP', type: 'boolean' },
      { name: 'cf_renewal_date', label: 'Renewal', type: 'date' },
      { name: 'cf_plan', label: 'Plan', type: 'dropdown', choices: ['Free', 'Pro'] },
    ];
    for (const body of bodies) {
      const res = await chat.call('POST', '/v2/users/fields', { body });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/v2/users/fields/${body.name}$`));
      expect(res.data).toEqual({
        choices: [],
        ...body,
        created_time: expect.any(String),
        updated_time: expect.any(String),
      });
    }
    const list = await chat.call('GET', '/v2/users/fields', { token: agentToken });
    expect(list.statusCode).toBe(200);
    expect(list.data.fields.map((f: { name: string }) => f.name)).toEqual(bodies.map((b) => b.name));
    expect(list.data.fields[4]).toMatchObject({ type: 'dropdown', choices: ['Free', 'Pro'] });
  });

  it('400 for a bad name, an unknown type, choices misuse and unknown keys', async () => {
    const badName = await chat.call('POST', '/v2/users/fields', {
      body: { name: 'Plan', label: 'Plan', type: 'colour', extra: 1 },
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.data.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', code: 'invalid_value' }),
        expect.objectContaining({ field: 'type', code: 'invalid_value' }),
        expect.objectContaining({ field: 'extra', code: 'invalid_field' }),
      ]),
    );
    const noChoices = await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_tier', label: 'Tier', type: 'dropdown' },
    });
    expect(noChoices.statusCode).toBe(400);
    expect(noChoices.data.details).toEqual([
      expect.objectContaining({ field: 'choices', code: 'missing_field' }),
    ]);
    const emptyChoices = await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_tier', label: 'Tier', type: 'dropdown', choices: [] },
    });
    expect(emptyChoices.data.details).toEqual([
      expect.objectContaining({ field: 'choices', code: 'invalid_value' }),
    ]);
    const choicesOnText = await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_tier', label: 'Tier', type: 'text', choices: ['a'] },
    });
    expect(choicesOnText.data.details).toEqual([
      expect.objectContaining({ field: 'choices', code: 'invalid_value' }),
    ]);
    const dupChoices = await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_tier', label: 'Tier', type: 'dropdown', choices: ['a', 'a'] },
    });
    expect(dupChoices.data.details).toEqual([
      expect.objectContaining({ field: 'choices', code: 'invalid_value' }),
    ]);
    const missing = await chat.call('POST', '/v2/users/fields', { body: { name: 'cf_tier' } });
    expect(missing.data.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'label', code: 'missing_field' }),
        expect.objectContaining({ field: 'type', code: 'missing_field' }),
      ]),
    );
  });

  it('409 when the name is taken', async () => {
    await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_company', label: 'Company', type: 'text' },
    });
    const res = await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_company', label: 'Again', type: 'number' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.data).toMatchObject({
      code: 409,
      status: 'CONFLICT',
      details: [{ field: 'name', code: 'duplicate_value' }],
    });
  });

  it('admins relabel and change dropdown choices; the type is fixed', async () => {
    await chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_size', label: 'Size', type: 'dropdown', choices: ['S', 'M'] },
    });
    const res = await chat.call('PUT', '/v2/users/fields/cf_size', {
      body: { label: 'Company size', choices: ['S', 'M', 'L'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      name: 'cf_size',
      label: 'Company size',
      type: 'dropdown',
      choices: ['S', 'M', 'L'],
    });
    const retype = await chat.call('PUT', '/v2/users/fields/cf_size', { body: { type: 'text' } });
    expect(retype.statusCode).toBe(400);
    expect(retype.data.details).toEqual([expect.objectContaining({ field: 'type', code: 'invalid_field' })]);
    const empty = await chat.call('PUT', '/v2/users/fields/cf_size', { body: { choices: [] } });
    expect(empty.data.details).toEqual([
      expect.objectContaining({ field: 'choices', code: 'invalid_value' }),
    ]);
    const onText = await chat.call('PUT', '/v2/users/fields/cf_company', { body: { choices: ['x'] } });
    expect(onText.statusCode).toBe(400);
    expect(onText.data.details).toEqual([
      expect.objectContaining({ field: 'choices', code: 'invalid_value' }),
    ]);
  });

  it('deleting a definition removes the values users held for it', async () => {
    await chat.call('POST', '/v2/users/fields', { body: { name: 'cf_temp', label: 'Temp', type: 'text' } });
    const user = await chat.call('POST', '/v2/users', {
      body: {
        properties: [
          { name: 'cf_temp', value: 'x' },
          { name: 'cf_company', value: 'Acme' },
        ],
      },
    });
    expect(user.statusCode).toBe(201);
    const del = await chat.call('DELETE', '/v2/users/fields/cf_temp');
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    const after = await chat.call('GET', `/v2/users/${user.data.id}`);
    expect(after.data.properties).toEqual([{ name: 'cf_company', value: 'Acme' }]);
    const list = await chat.call('GET', '/v2/users/fields');
    expect(list.data.fields.map((f: { name: string }) => f.name)).not.toContain('cf_temp');
  });

  it('404 for unknown names on update and delete', async () => {
    const put = await chat.call('PUT', '/v2/users/fields/cf_nothing', { body: { label: 'X' } });
    expect(put.statusCode).toBe(404);
    expect(put.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect((await chat.call('DELETE', '/v2/users/fields/cf_nothing')).statusCode).toBe(404);
  });

  it('403 for non-admin writes, 401 without a token', async () => {
    const writes = await Promise.all([
      chat.call('POST', '/v2/users/fields', {
        token: agentToken,
        body: { name: 'cf_x', label: 'X', type: 'text' },
      }),
      chat.call('PUT', '/v2/users/fields/cf_company', { token: agentToken, body: { label: 'X' } }),
      chat.call('DELETE', '/v2/users/fields/cf_company', { token: agentToken }),
    ]);
    for (const res of writes) {
      expect(res.statusCode).toBe(403);
      expect(res.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
    }
    expect((await chat.call('GET', '/v2/users/fields', { token: null })).statusCode).toBe(401);
  });
});
