import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { hashApiKey } from '../auth/api-keys.js';
import { findActorByApiKeyHash } from '../auth/auth.repository.js';

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe.each(TEST_DATABASE_KINDS)('Groups API (%s)', (kind) => {
  let desk: TestDesk;
  let agent: { id: number; apiKey: string };
  let other: { id: number; apiKey: string };
  const unique = () => Math.random().toString(36).slice(2, 10);

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    agent = await createTestAgent(desk, { role: 'agent' });
    other = await createTestAgent(desk, { role: 'supervisor' });
  });
  afterAll(async () => desk?.close());

  async function create(body: Record<string, unknown>) {
    const res = await desk.call('POST', '/api/v2/groups', { body });
    expect(res.statusCode).toBe(201);
    return res.data as { id: number; name: string; agent_ids: number[] };
  }

  describe('POST /groups', () => {
    it('creates a group: 201, Location, every attribute', async () => {
      const res = await desk.call('POST', '/api/v2/groups', {
        body: {
          name: 'Escalations',
          description: 'Hard cases',
          agent_ids: [other.id, agent.id, agent.id],
          escalate_to: other.id,
          unassigned_for: '2h',
          auto_ticket_assign: true,
          business_hour_id: 7,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/groups/${res.data.id}$`));
      expect(res.data).toEqual({
        id: expect.any(Number),
        name: 'Escalations',
        description: 'Hard cases',
        escalate_to: other.id,
        unassigned_for: '2h',
        business_hour_id: 7,
        agent_ids: [agent.id, other.id].sort((a, b) => a - b),
        auto_ticket_assign: true,
        group_type: 'support_agent_group',
        created_at: expect.stringMatching(TIME),
        updated_at: expect.stringMatching(TIME),
      });
      const view = await desk.call('GET', `/api/v2/groups/${res.data.id}`);
      expect(view.data).toEqual(res.data);
    });

    it('defaults: null scalars, empty agent_ids, auto_ticket_assign false', async () => {
      const group = await create({ name: `Plain ${unique()}` });
      expect(group).toMatchObject({
        description: null,
        escalate_to: null,
        unassigned_for: null,
        business_hour_id: null,
        agent_ids: [],
        auto_ticket_assign: false,
      });
    });

    it('missing_field for name; invalid_value for a blank name and a bad unassigned_for', async () => {
      const missing = await desk.call('POST', '/api/v2/groups', { body: { description: 'x' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors).toEqual([
        { field: 'name', code: 'missing_field', message: 'It should be a/an String' },
      ]);
      const bad = await desk.call('POST', '/api/v2/groups', { body: { name: '  ', unassigned_for: '5h' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual([
        { field: 'name', code: 'invalid_value', message: 'It should not be blank' },
        {
          field: 'unassigned_for',
          code: 'invalid_value',
          message: "It should be one of these values: '30m,1h,2h,4h,8h,12h,1d,2d,3d'",
        },
      ]);
    });

    it('409 duplicate_value for a name already used, ignoring case', async () => {
      const name = `Sales ${unique()}`;
      await create({ name });
      const res = await desk.call('POST', '/api/v2/groups', { body: { name: name.toUpperCase() } });
      expect(res.statusCode).toBe(409);
      expect(res.data).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'name', code: 'duplicate_value', message: 'It should be a unique value' }],
      });
    });

    it('invalid_value for unknown agents in agent_ids and escalate_to', async () => {
      const res = await desk.call('POST', '/api/v2/groups', {
        body: { name: `G ${unique()}`, agent_ids: [agent.id, 99999], escalate_to: 99998 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'agent_ids',
          code: 'invalid_value',
          message: "There are no records matching the ids: '99999'",
        },
        { field: 'escalate_to', code: 'invalid_value', message: 'There is no agent with this id' },
      ]);
    });

    it('datatype_mismatch and invalid_field', async () => {
      const res = await desk.call('POST', '/api/v2/groups', {
        body: { name: 42, auto_ticket_assign: 'yes', agent_ids: 'all', colour: 'red' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'name',
            code: 'datatype_mismatch',
            message: 'Value set is of type Number.It should be a/an String',
          },
          {
            field: 'auto_ticket_assign',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Boolean',
          },
          expect.objectContaining({ field: 'agent_ids', code: 'datatype_mismatch' }),
          { field: 'colour', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
    });

    it('403 for non-admins', async () => {
      const res = await desk.call('POST', '/api/v2/groups', { key: agent.apiKey, body: { name: 'Nope' } });
      expect(res.statusCode).toBe(403);
      expect(res.data).toEqual({
        code: 'access_denied',
        message: 'You are not authorized to perform this action.',
      });
    });
  });

  describe('reading', () => {
    it('any agent lists groups, with a Link header only when a next page exists', async () => {
      await create({ name: `List A ${unique()}` });
      await create({ name: `List B ${unique()}` });
      const all = await desk.call('GET', '/api/v2/groups?per_page=100', { key: agent.apiKey });
      expect(all.statusCode).toBe(200);
      expect(all.headers.link).toBeUndefined();
      const total = all.data.length as number;
      expect(total).toBeGreaterThanOrEqual(3);
      const ids = all.data.map((g: { id: number }) => g.id);
      expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));

      const first = await desk.call('GET', '/api/v2/groups?per_page=2', { key: agent.apiKey });
      expect(first.data.map((g: { id: number }) => g.id)).toEqual(ids.slice(0, 2));
      expect(first.headers.link).toMatch(/\/api\/v2\/groups\?per_page=2&page=2>; rel="next"$/);
      const last = await desk.call('GET', `/api/v2/groups?per_page=${total - 1}&page=2`);
      expect(last.data.map((g: { id: number }) => g.id)).toEqual(ids.slice(total - 1));
      expect(last.headers.link).toBeUndefined();
    });

    it('GET /groups/:id: 200 for any agent, 404 unknown, 400 malformed; 401 without a key', async () => {
      const group = await create({ name: `View ${unique()}`, agent_ids: [agent.id] });
      const res = await desk.call('GET', `/api/v2/groups/${group.id}`, { key: agent.apiKey });
      expect(res.statusCode).toBe(200);
      expect(res.data.agent_ids).toEqual([agent.id]);
      const missing = await desk.call('GET', '/api/v2/groups/999999');
      expect(missing.statusCode).toBe(404);
      expect(missing.data).toMatchObject({ code: 'not_found' });
      expect((await desk.call('GET', '/api/v2/groups/x1')).statusCode).toBe(400);
      expect((await desk.call('GET', '/api/v2/groups', { key: null })).statusCode).toBe(401);
    });
  });

  describe('PUT /groups/:id', () => {
    it("agent_ids replaces membership, reflected in the agent's group_ids and the actor's groups", async () => {
      const group = await create({ name: `Team ${unique()}`, agent_ids: [other.id] });
      const res = await desk.call('PUT', `/api/v2/groups/${group.id}`, {
        body: { agent_ids: [agent.id], description: 'Now with agent', unassigned_for: '1d' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        id: group.id,
        name: group.name,
        agent_ids: [agent.id],
        description: 'Now with agent',
        unassigned_for: '1d',
      });
      const me = await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey });
      expect(me.data.group_ids).toContain(group.id);
      const otherView = await desk.call('GET', `/api/v2/agents/${other.id}`);
      expect(otherView.data.group_ids).not.toContain(group.id);
      const actor = await findActorByApiKeyHash(desk.services.db, hashApiKey(agent.apiKey));
      expect(actor?.group_ids).toContain(group.id);

      const emptied = await desk.call('PUT', `/api/v2/groups/${group.id}`, {
        body: { agent_ids: [], escalate_to: null, unassigned_for: null },
      });
      expect(emptied.data).toMatchObject({ agent_ids: [], escalate_to: null, unassigned_for: null });
      const actorAfter = await findActorByApiKeyHash(desk.services.db, hashApiKey(agent.apiKey));
      expect(actorAfter?.group_ids).not.toContain(group.id);
    });

    it('keeps members when agent_ids is not sent; renaming to its own name in another case is fine', async () => {
      const group = await create({ name: `Keep ${unique()}`, agent_ids: [agent.id] });
      const res = await desk.call('PUT', `/api/v2/groups/${group.id}`, {
        body: { name: group.name.toUpperCase(), auto_ticket_assign: true },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        name: group.name.toUpperCase(),
        agent_ids: [agent.id],
        auto_ticket_assign: true,
      });
    });

    it('409 when renaming to another group name; validation errors', async () => {
      const a = await create({ name: `Alpha ${unique()}` });
      const b = await create({ name: `Beta ${unique()}` });
      const clash = await desk.call('PUT', `/api/v2/groups/${b.id}`, {
        body: { name: a.name.toLowerCase() },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.data.errors[0]).toMatchObject({ field: 'name', code: 'duplicate_value' });
      const bad = await desk.call('PUT', `/api/v2/groups/${b.id}`, {
        body: { unassigned_for: '10m', agent_ids: [424242], group_type: 'field_agent_group' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'unassigned_for', code: 'invalid_value' }),
          expect.objectContaining({ field: 'group_type', code: 'invalid_field' }),
        ]),
      );
      const unknownAgent = await desk.call('PUT', `/api/v2/groups/${b.id}`, {
        body: { agent_ids: [424242] },
      });
      expect(unknownAgent.data.errors).toEqual([
        {
          field: 'agent_ids',
          code: 'invalid_value',
          message: "There are no records matching the ids: '424242'",
        },
      ]);
    });

    it('404 unknown; 403 for non-admins', async () => {
      expect((await desk.call('PUT', '/api/v2/groups/999999', { body: { name: 'X' } })).statusCode).toBe(404);
      const group = await create({ name: `Guarded ${unique()}` });
      const res = await desk.call('PUT', `/api/v2/groups/${group.id}`, {
        key: other.apiKey,
        body: { name: 'Mine' },
      });
      expect(res.statusCode).toBe(403);
      expect((await desk.call('GET', `/api/v2/groups/${group.id}`)).data.name).toBe(group.name);
    });
  });

  describe('DELETE /groups/:id', () => {
    it('204; tickets keep existing with group_id null; members lose the group', async () => {
      const group = await create({ name: `Doomed ${unique()}`, agent_ids: [agent.id] });
      const now = new Date();
      const ticket = await desk.services.db
        .insertInto('tickets')
        .values({
          subject: 'In the doomed group',
          requester_id: other.id,
          group_id: group.id,
          due_by: now,
          fr_due_by: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const res = await desk.call('DELETE', `/api/v2/groups/${group.id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      const row = await desk.services.db
        .selectFrom('tickets')
        .select('group_id')
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      expect(row.group_id).toBeNull();
      const me = await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey });
      expect(me.data.group_ids).not.toContain(group.id);
      expect((await desk.call('GET', `/api/v2/groups/${group.id}`)).statusCode).toBe(404);
      expect((await desk.call('DELETE', `/api/v2/groups/${group.id}`)).statusCode).toBe(404);
    });

    it('403 for non-admins', async () => {
      const group = await create({ name: `Safe ${unique()}` });
      const res = await desk.call('DELETE', `/api/v2/groups/${group.id}`, { key: agent.apiKey });
      expect(res.statusCode).toBe(403);
      expect((await desk.call('GET', `/api/v2/groups/${group.id}`)).statusCode).toBe(200);
    });
  });

  it('deleting an agent removes it from groups and clears escalate_to', async () => {
    const leaving = await createTestAgent(desk);
    const group = await create({
      name: `Leaving ${unique()}`,
      agent_ids: [leaving.id, agent.id],
      escalate_to: leaving.id,
    });
    expect((await desk.call('DELETE', `/api/v2/agents/${leaving.id}`)).statusCode).toBe(204);
    const view = await desk.call('GET', `/api/v2/groups/${group.id}`);
    expect(view.data).toMatchObject({ agent_ids: [agent.id], escalate_to: null });
  });
});
