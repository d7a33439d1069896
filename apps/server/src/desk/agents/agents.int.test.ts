import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { hashApiKey } from '../auth/api-keys.js';
import { findActorByApiKeyHash } from '../auth/auth.repository.js';
import { insertContact } from '../contacts/index.js';
import type { RoleKind } from '../db.js';

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe.each(TEST_DATABASE_KINDS)('Agents API (%s)', (kind) => {
  let desk: TestDesk;
  let roleIds: Record<RoleKind, number>;
  let groupA: number;
  let groupB: number;
  let plainAgent: { id: number; apiKey: string };
  let administrator: { id: number; apiKey: string };

  const unique = () => Math.random().toString(36).slice(2, 10);

  async function insertGroup(name: string) {
    const row = await desk.services.db
      .insertInto('groups')
      .values({ name, created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    const roles = await desk.services.db.selectFrom('roles').select(['id', 'kind']).execute();
    roleIds = Object.fromEntries(roles.map((r) => [r.kind, r.id])) as Record<RoleKind, number>;
    groupA = await insertGroup('Billing');
    groupB = await insertGroup('Support');
    plainAgent = await createTestAgent(desk, { role: 'agent', name: 'Zed Plain', groupIds: [groupA] });
    administrator = await createTestAgent(desk, { role: 'admin' });
  });
  afterAll(async () => desk?.close());

  describe('reading', () => {
    it('GET /agents/:id returns the full Freshdesk agent object to any agent', async () => {
      const res = await desk.call('GET', `/api/v2/agents/${plainAgent.id}`, { key: plainAgent.apiKey });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({
        id: plainAgent.id,
        available: false,
        available_since: null,
        occasional: false,
        signature: null,
        ticket_scope: 1,
        group_ids: [groupA],
        role_ids: [roleIds.agent],
        skill_ids: [],
        type: 'support_agent',
        created_at: expect.stringMatching(TIME),
        updated_at: expect.stringMatching(TIME),
        contact: {
          active: true,
          email: expect.stringMatching(/@example\.com$/),
          job_title: null,
          language: 'en',
          last_login_at: null,
          mobile: null,
          name: 'Zed Plain',
          phone: null,
          time_zone: 'UTC',
          created_at: expect.stringMatching(TIME),
          updated_at: expect.stringMatching(TIME),
        },
      });
    });

    it('GET /agents/me returns the key owner', async () => {
      const me = await desk.call('GET', '/api/v2/agents/me', { key: plainAgent.apiKey });
      expect(me.statusCode).toBe(200);
      expect(me.data).toMatchObject({ id: plainAgent.id, role_ids: [roleIds.agent], group_ids: [groupA] });
      const admin = await desk.call('GET', '/api/v2/agents/me');
      expect(admin.data).toMatchObject({
        id: desk.adminId,
        role_ids: [roleIds.account_admin],
        contact: { email: ADMIN_EMAIL },
      });
    });

    it('404 for an unknown agent and for a contact that is not an agent; 400 for a malformed id', async () => {
      expect((await desk.call('GET', '/api/v2/agents/999999')).statusCode).toBe(404);
      const contact = await insertContact(desk.services.db, {
        name: 'Just a contact',
        email: `c-${unique()}@x.io`,
      });
      const res = await desk.call('GET', `/api/v2/agents/${contact.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.data).toMatchObject({ code: 'not_found' });
      const bad = await desk.call('GET', '/api/v2/agents/abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors[0]).toMatchObject({ field: 'id', code: 'datatype_mismatch' });
    });

    it('401 without a key', async () => {
      const res = await desk.call('GET', '/api/v2/agents', { key: null });
      expect(res.statusCode).toBe(401);
      expect(res.data).toMatchObject({ code: 'invalid_credentials' });
    });

    it('lists agents with a Link header only when a next page exists', async () => {
      const all = await desk.call('GET', '/api/v2/agents?per_page=100', { key: plainAgent.apiKey });
      expect(all.statusCode).toBe(200);
      expect(all.headers.link).toBeUndefined();
      const total = all.data.length as number;
      expect(total).toBeGreaterThanOrEqual(3);
      expect(all.data.map((a: { id: number }) => a.id)).toEqual(
        [...all.data.map((a: { id: number }) => a.id)].sort((x: number, y: number) => x - y),
      );

      const first = await desk.call('GET', '/api/v2/agents?per_page=2');
      expect(first.data).toHaveLength(2);
      expect(first.headers.link).toMatch(/<http[^>]*\/api\/v2\/agents\?per_page=2&page=2>; rel="next"/);
      const last = await desk.call('GET', `/api/v2/agents?per_page=${total - 1}&page=2`);
      expect(last.data).toHaveLength(1);
      expect(last.headers.link).toBeUndefined();
    });

    it('filters by state, email, phone and mobile', async () => {
      const occasional = await createTestAgent(desk, { occasional: true });
      const occ = await desk.call('GET', '/api/v2/agents?state=occasional&per_page=100');
      expect(occ.statusCode).toBe(200);
      expect(occ.data.map((a: { id: number }) => a.id)).toEqual([occasional.id]);
      expect(occ.data[0].occasional).toBe(true);
      const full = await desk.call('GET', '/api/v2/agents?state=fulltime&per_page=100');
      expect(full.data.map((a: { id: number }) => a.id)).not.toContain(occasional.id);
      expect(full.data.every((a: { occasional: boolean }) => !a.occasional)).toBe(true);

      const byEmail = await desk.call(
        'GET',
        `/api/v2/agents?email=${encodeURIComponent(ADMIN_EMAIL.toUpperCase())}`,
      );
      expect(byEmail.data.map((a: { id: number }) => a.id)).toEqual([desk.adminId]);

      await desk.services.db
        .updateTable('contacts')
        .set({ phone: '+1 555 0100', mobile: '+1 555 0199' })
        .where('id', '=', occasional.id)
        .execute();
      const byPhone = await desk.call('GET', `/api/v2/agents?phone=${encodeURIComponent('+1 555 0100')}`);
      expect(byPhone.data.map((a: { id: number }) => a.id)).toEqual([occasional.id]);
      expect(byPhone.data[0].contact).toMatchObject({ phone: '+1 555 0100', mobile: '+1 555 0199' });
      const byMobile = await desk.call('GET', `/api/v2/agents?mobile=${encodeURIComponent('+1 555 0199')}`);
      expect(byMobile.data.map((a: { id: number }) => a.id)).toEqual([occasional.id]);
      const none = await desk.call('GET', '/api/v2/agents?email=nobody@nowhere.io');
      expect(none.statusCode).toBe(200);
      expect(none.data).toEqual([]);
    });

    it('400 for a bad state, a bad per_page or an unknown query parameter', async () => {
      const state = await desk.call('GET', '/api/v2/agents?state=parttime');
      expect(state.statusCode).toBe(400);
      expect(state.data.errors).toEqual([
        {
          field: 'state',
          code: 'invalid_value',
          message: "It should be one of these values: 'fulltime,occasional'",
        },
      ]);
      const perPage = await desk.call('GET', '/api/v2/agents?per_page=101');
      expect(perPage.data.errors[0]).toMatchObject({ field: 'per_page', code: 'invalid_value' });
      const unknown = await desk.call('GET', '/api/v2/agents?colour=red');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.data.errors[0]).toMatchObject({ field: 'colour', code: 'invalid_field' });
    });

    it('autocompletes active agents by name or email prefix', async () => {
      const zelda = await createTestAgent(desk, {
        name: 'Zelda Quill',
        email: `quill-${unique()}@example.com`,
      });
      const gone = await createTestAgent(desk, { name: 'Zelda Gone', active: false });
      const byName = await desk.call('GET', '/api/v2/agents/autocomplete?term=zel', {
        key: plainAgent.apiKey,
      });
      expect(byName.statusCode).toBe(200);
      expect(byName.data).toEqual([
        { id: zelda.id, name: 'Zelda Quill', email: expect.stringMatching(/^quill-/) },
      ]);
      expect(byName.data.map((a: { id: number }) => a.id)).not.toContain(gone.id);
      const byEmail = await desk.call('GET', '/api/v2/agents/autocomplete?term=QUILL-');
      expect(byEmail.data.map((a: { id: number }) => a.id)).toEqual([zelda.id]);
      const wildcard = await desk.call('GET', '/api/v2/agents/autocomplete?term=%25');
      expect(wildcard.data).toEqual([]);
      const missing = await desk.call('GET', '/api/v2/agents/autocomplete');
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors[0]).toMatchObject({ field: 'term', code: 'missing_field' });
    });
  });

  describe('POST /agents', () => {
    it('creates an agent: 201, Location, defaults (name from email, Agent role)', async () => {
      const email = `new-${unique()}@example.com`;
      const res = await desk.call('POST', '/api/v2/agents', {
        body: {
          email,
          ticket_scope: 2,
          group_ids: [groupA, groupB],
          signature: '<p>Bye<script>x</script></p>',
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/agents/${res.data.id}$`));
      expect(res.data).toMatchObject({
        ticket_scope: 2,
        occasional: false,
        role_ids: [roleIds.agent],
        group_ids: [groupA, groupB],
        signature: '<p>Bye</p>',
        type: 'support_agent',
        contact: { email, name: email.split('@')[0], active: true, language: 'en', time_zone: 'UTC' },
      });
      const view = await desk.call('GET', `/api/v2/agents/${res.data.id}`);
      expect(view.data).toEqual(res.data);
    });

    it('accepts every documented field', async () => {
      const res = await desk.call('POST', '/api/v2/agents', {
        body: {
          email: `full-${unique()}@example.com`,
          ticket_scope: 3,
          name: 'Full Agent',
          occasional: true,
          role_ids: [roleIds.supervisor, roleIds.agent],
          group_ids: [],
          skill_ids: [],
          language: 'fr',
          time_zone: 'Europe/Paris',
          agent_type: 1,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.data).toMatchObject({
        ticket_scope: 3,
        occasional: true,
        role_ids: [roleIds.supervisor, roleIds.agent].sort((a, b) => a - b),
        group_ids: [],
        contact: { name: 'Full Agent', language: 'fr', time_zone: 'Europe/Paris' },
      });
    });

    it('turns an existing contact with that email into the agent (same id)', async () => {
      const email = `Customer-${unique()}@Example.com`;
      const contact = await insertContact(desk.services.db, { name: 'Known Customer', email });
      const res = await desk.call('POST', '/api/v2/agents', {
        body: { email: email.toLowerCase(), ticket_scope: 1 },
      });
      expect(res.statusCode).toBe(201);
      expect(res.data.id).toBe(contact.id);
      expect(res.data.contact).toMatchObject({ name: 'Known Customer', active: true });
      const row = await desk.services.db
        .selectFrom('contacts')
        .select(['is_agent', 'active'])
        .where('id', '=', contact.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ is_agent: true, active: true });
    });

    it('409 duplicate_value for an email already used by an agent (any case)', async () => {
      const res = await desk.call('POST', '/api/v2/agents', {
        body: { email: ADMIN_EMAIL.toUpperCase(), ticket_scope: 1 },
      });
      expect(res.statusCode).toBe(409);
      expect(res.data).toEqual({
        description: 'Validation failed',
        errors: [
          {
            field: 'email',
            code: 'duplicate_value',
            message: 'It should be a unique value',
            additional_info: { user_id: desk.adminId },
          },
        ],
      });
    });

    it('missing_field for email and ticket_scope, reported together', async () => {
      const res = await desk.call('POST', '/api/v2/agents', { body: { name: 'No Email' } });
      expect(res.statusCode).toBe(400);
      expect(res.data.description).toBe('Validation failed');
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'email', code: 'missing_field' }),
          expect.objectContaining({ field: 'ticket_scope', code: 'missing_field' }),
        ]),
      );
      expect(res.data.errors).toHaveLength(2);
    });

    it('invalid_value for a bad email, ticket_scope, empty role_ids, skills and agent_type', async () => {
      const res = await desk.call('POST', '/api/v2/agents', {
        body: { email: 'not-an-email', ticket_scope: 4, role_ids: [], skill_ids: [3], agent_type: 2 },
      });
      expect(res.statusCode).toBe(400);
      const byField = Object.fromEntries(res.data.errors.map((e: { field: string }) => [e.field, e]));
      expect(byField.email).toEqual({
        field: 'email',
        code: 'invalid_value',
        message: "It should be in the 'valid email address' format",
      });
      expect(byField.ticket_scope).toEqual({
        field: 'ticket_scope',
        code: 'invalid_value',
        message: "It should be one of these values: '1,2,3'",
      });
      expect(byField.role_ids).toMatchObject({ code: 'invalid_value' });
      expect(byField.skill_ids).toMatchObject({ code: 'invalid_value' });
      expect(byField.agent_type).toMatchObject({ code: 'invalid_value' });
    });

    it('datatype_mismatch for wrongly typed values', async () => {
      const res = await desk.call('POST', '/api/v2/agents', {
        body: { email: `t-${unique()}@example.com`, ticket_scope: '1', occasional: 'yes', role_ids: 'admin' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'ticket_scope',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Number',
          },
          {
            field: 'occasional',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Boolean',
          },
          expect.objectContaining({ field: 'role_ids', code: 'datatype_mismatch' }),
        ]),
      );
    });

    it('invalid_field for an unknown attribute', async () => {
      const res = await desk.call('POST', '/api/v2/agents', {
        // (`password` is known since the Tandem extension of agent-password.int.test.ts.)
        body: { email: `t-${unique()}@example.com`, ticket_scope: 1, favourite_colour: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'favourite_colour', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]);
    });

    it('invalid_value for unknown role and group ids', async () => {
      const res = await desk.call('POST', '/api/v2/agents', {
        body: {
          email: `t-${unique()}@example.com`,
          ticket_scope: 1,
          role_ids: [999],
          group_ids: [groupA, 998],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'role_ids', code: 'invalid_value', message: "There are no records matching the ids: '999'" },
        {
          field: 'group_ids',
          code: 'invalid_value',
          message: "There are no records matching the ids: '998'",
        },
      ]);
    });

    it('403 for non-admins, before the body is even validated', async () => {
      for (const body of [{ email: `t-${unique()}@example.com`, ticket_scope: 1 }, { nonsense: true }]) {
        const res = await desk.call('POST', '/api/v2/agents', { key: plainAgent.apiKey, body });
        expect(res.statusCode).toBe(403);
        expect(res.data).toEqual({
          code: 'access_denied',
          message: 'You are not authorized to perform this action.',
        });
      }
    });

    it('only account administrators grant the Account Administrator role', async () => {
      const body = {
        email: `owner-${unique()}@example.com`,
        ticket_scope: 1,
        role_ids: [roleIds.account_admin],
      };
      const denied = await desk.call('POST', '/api/v2/agents', { key: administrator.apiKey, body });
      expect(denied.statusCode).toBe(403);
      const notCreated = await desk.call('GET', `/api/v2/agents?email=${encodeURIComponent(body.email)}`);
      expect(notCreated.data).toEqual([]);
      const byAdmin = await desk.call('POST', '/api/v2/agents', {
        key: administrator.apiKey,
        body: { ...body, email: `admin-${unique()}@example.com`, role_ids: [roleIds.admin] },
      });
      expect(byAdmin.statusCode).toBe(201);
      const granted = await desk.call('POST', '/api/v2/agents', {
        body: { ...body, email: `owner2-${unique()}@example.com` },
      });
      expect(granted.statusCode).toBe(201);
      expect(granted.data.role_ids).toEqual([roleIds.account_admin]);
    });
  });

  describe('PUT /agents/:id', () => {
    it('updates agent and contact attributes; role_ids and group_ids replace', async () => {
      const agent = await createTestAgent(desk, { groupIds: [groupA] });
      const email = `renamed-${unique()}@example.com`;
      const res = await desk.call('PUT', `/api/v2/agents/${agent.id}`, {
        body: {
          name: 'Renamed',
          email,
          ticket_scope: 2,
          occasional: true,
          signature: 'Regards',
          role_ids: [roleIds.supervisor],
          group_ids: [groupB],
          language: 'de',
          time_zone: 'Europe/Berlin',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        id: agent.id,
        ticket_scope: 2,
        occasional: true,
        signature: 'Regards',
        role_ids: [roleIds.supervisor],
        group_ids: [groupB],
        contact: { name: 'Renamed', email, language: 'de', time_zone: 'Europe/Berlin', active: true },
      });
      const cleared = await desk.call('PUT', `/api/v2/agents/${agent.id}`, {
        body: { signature: null, group_ids: [] },
      });
      expect(cleared.data).toMatchObject({ signature: null, group_ids: [], role_ids: [roleIds.supervisor] });
    });

    it('refuses changes to your own ticket_scope and role_ids with invalid_value', async () => {
      const res = await desk.call('PUT', `/api/v2/agents/${administrator.id}`, {
        key: administrator.apiKey,
        body: { ticket_scope: 3, role_ids: [roleIds.agent] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'role_ids', code: 'invalid_value', message: 'You cannot change your own roles' },
        { field: 'ticket_scope', code: 'invalid_value', message: 'You cannot change your own ticket scope' },
      ]);
      const same = await desk.call('PUT', `/api/v2/agents/${administrator.id}`, {
        key: administrator.apiKey,
        body: { ticket_scope: 1, role_ids: [roleIds.admin], signature: 'Mine' },
      });
      expect(same.statusCode).toBe(200);
      expect(same.data).toMatchObject({ signature: 'Mine', ticket_scope: 1 });
    });

    it('409 duplicate_value when the new email belongs to another contact', async () => {
      const agent = await createTestAgent(desk);
      const res = await desk.call('PUT', `/api/v2/agents/${agent.id}`, { body: { email: ADMIN_EMAIL } });
      expect(res.statusCode).toBe(409);
      expect(res.data.errors[0]).toMatchObject({ field: 'email', code: 'duplicate_value' });
    });

    it('validation errors: invalid_field, invalid_value, datatype_mismatch', async () => {
      const res = await desk.call('PUT', `/api/v2/agents/${plainAgent.id}`, {
        body: { ticket_scope: 0, email: 'bad@', active: 'no', favourite: 1, group_ids: [12345] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'ticket_scope', code: 'invalid_value' }),
          expect.objectContaining({ field: 'email', code: 'invalid_value' }),
          expect.objectContaining({ field: 'active', code: 'datatype_mismatch' }),
          expect.objectContaining({ field: 'favourite', code: 'invalid_field' }),
        ]),
      );
      const groups = await desk.call('PUT', `/api/v2/agents/${plainAgent.id}`, {
        body: { group_ids: [12345] },
      });
      expect(groups.data.errors).toEqual([
        {
          field: 'group_ids',
          code: 'invalid_value',
          message: "There are no records matching the ids: '12345'",
        },
      ]);
    });

    it('404 for an unknown agent; 403 for non-admins', async () => {
      expect(
        (await desk.call('PUT', '/api/v2/agents/999999', { body: { occasional: true } })).statusCode,
      ).toBe(404);
      const res = await desk.call('PUT', `/api/v2/agents/${plainAgent.id}`, {
        key: plainAgent.apiKey,
        body: { occasional: true },
      });
      expect(res.statusCode).toBe(403);
      expect(res.data).toMatchObject({ code: 'access_denied' });
    });

    it('an Administrator cannot change an Account Administrator, nor grant that role', async () => {
      const owner = await desk.call('PUT', `/api/v2/agents/${desk.adminId}`, {
        key: administrator.apiKey,
        body: { signature: 'hijack' },
      });
      expect(owner.statusCode).toBe(403);
      const agent = await createTestAgent(desk);
      const grant = await desk.call('PUT', `/api/v2/agents/${agent.id}`, {
        key: administrator.apiKey,
        body: { role_ids: [roleIds.account_admin] },
      });
      expect(grant.statusCode).toBe(403);
      const allowed = await desk.call('PUT', `/api/v2/agents/${agent.id}`, {
        key: administrator.apiKey,
        body: { role_ids: [roleIds.supervisor] },
      });
      expect(allowed.statusCode).toBe(200);
    });

    it('active=false (Tandem extension) deactivates: the key answers 401 at once; active=true restores it', async () => {
      const agent = await createTestAgent(desk);
      expect((await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey })).statusCode).toBe(200);
      const off = await desk.call('PUT', `/api/v2/agents/${agent.id}`, { body: { active: false } });
      expect(off.statusCode).toBe(200);
      expect(off.data.contact.active).toBe(false);
      const denied = await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey });
      expect(denied.statusCode).toBe(401);
      expect(denied.data).toMatchObject({ code: 'invalid_credentials' });
      const listed = await desk.call('GET', `/api/v2/agents/${agent.id}`);
      expect(listed.data.contact.active).toBe(false);
      const on = await desk.call('PUT', `/api/v2/agents/${agent.id}`, { body: { active: true } });
      expect(on.data.contact.active).toBe(true);
      expect((await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey })).statusCode).toBe(200);
    });

    it('you cannot deactivate yourself', async () => {
      const res = await desk.call('PUT', `/api/v2/agents/${desk.adminId}`, { body: { active: false } });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'active', code: 'invalid_value', message: 'You cannot deactivate yourself' },
      ]);
    });
  });

  describe('DELETE /agents/:id', () => {
    it('downgrades the agent to a contact: 204, key 401 at once, memberships gone', async () => {
      const agent = await createTestAgent(desk, { groupIds: [groupA] });
      const res = await desk.call('DELETE', `/api/v2/agents/${agent.id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect((await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey })).statusCode).toBe(401);
      expect((await desk.call('GET', `/api/v2/agents/${agent.id}`)).statusCode).toBe(404);
      const contact = await desk.services.db
        .selectFrom('contacts')
        .select(['is_agent', 'deleted'])
        .where('id', '=', agent.id)
        .executeTakeFirstOrThrow();
      expect(contact).toEqual({ is_agent: false, deleted: false });
      const members = await desk.services.db
        .selectFrom('group_agents')
        .select('group_id')
        .where('agent_id', '=', agent.id)
        .execute();
      expect(members).toEqual([]);
      expect((await desk.call('DELETE', `/api/v2/agents/${agent.id}`)).statusCode).toBe(404);
    });

    it('refuses to delete yourself with inconsistent_state', async () => {
      const res = await desk.call('DELETE', `/api/v2/agents/${administrator.id}`, {
        key: administrator.apiKey,
      });
      expect(res.statusCode).toBe(409);
      expect(res.data).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'id', code: 'inconsistent_state', message: 'You cannot delete yourself' }],
      });
    });

    it('403 for non-admins and for an Administrator deleting an Account Administrator', async () => {
      const agent = await createTestAgent(desk);
      expect(
        (await desk.call('DELETE', `/api/v2/agents/${agent.id}`, { key: plainAgent.apiKey })).statusCode,
      ).toBe(403);
      const owner = await desk.call('DELETE', `/api/v2/agents/${desk.adminId}`, {
        key: administrator.apiKey,
      });
      expect(owner.statusCode).toBe(403);
      expect((await desk.call('GET', '/api/v2/agents/me')).statusCode).toBe(200);
    });
  });

  describe('API keys (Tandem extension)', () => {
    it('POST /agents/me/api_key: the old key stops working, the new one works', async () => {
      const agent = await createTestAgent(desk);
      const res = await desk.call('POST', '/api/v2/agents/me/api_key', { key: agent.apiKey });
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.data)).toEqual(['api_key']);
      expect(res.data.api_key).toMatch(/^[A-Za-z0-9]{32}$/);
      expect((await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey })).statusCode).toBe(401);
      const me = await desk.call('GET', '/api/v2/agents/me', { key: res.data.api_key });
      expect(me.statusCode).toBe(200);
      expect(me.data.id).toBe(agent.id);
      const stored = await desk.services.db
        .selectFrom('agents')
        .select('api_key_hash')
        .where('id', '=', agent.id)
        .executeTakeFirstOrThrow();
      expect(stored.api_key_hash).toBe(hashApiKey(res.data.api_key));
    });

    it('POST /agents/:id/api_key lets an admin issue a key, e.g. for a newly created agent', async () => {
      const created = await desk.call('POST', '/api/v2/agents', {
        body: { email: `keyless-${unique()}@example.com`, ticket_scope: 1 },
      });
      const issued = await desk.call('POST', `/api/v2/agents/${created.data.id}/api_key`);
      expect(issued.statusCode).toBe(200);
      const me = await desk.call('GET', '/api/v2/agents/me', { key: issued.data.api_key });
      expect(me.data.id).toBe(created.data.id);
      const again = await desk.call('POST', `/api/v2/agents/${created.data.id}/api_key`);
      expect((await desk.call('GET', '/api/v2/agents/me', { key: issued.data.api_key })).statusCode).toBe(
        401,
      );
      expect((await desk.call('GET', '/api/v2/agents/me', { key: again.data.api_key })).statusCode).toBe(200);
    });

    it('403 for non-admins and for an Administrator targeting an Account Administrator; 404 unknown', async () => {
      const other = await createTestAgent(desk);
      const res = await desk.call('POST', `/api/v2/agents/${other.id}/api_key`, { key: plainAgent.apiKey });
      expect(res.statusCode).toBe(403);
      expect((await desk.call('GET', '/api/v2/agents/me', { key: other.apiKey })).statusCode).toBe(200);
      const owner = await desk.call('POST', `/api/v2/agents/${desk.adminId}/api_key`, {
        key: administrator.apiKey,
      });
      expect(owner.statusCode).toBe(403);
      expect((await desk.call('POST', '/api/v2/agents/999999/api_key')).statusCode).toBe(404);
    });
  });

  describe('PUT /contacts/:id/make_agent', () => {
    it('makes a contact an agent with defaults (empty body), then round-trips through DELETE', async () => {
      const email = `promote-${unique()}@example.com`;
      const contact = await insertContact(desk.services.db, { name: 'Promoted', email });
      const res = await desk.call('PUT', `/api/v2/contacts/${contact.id}/make_agent`, {
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        id: contact.id,
        ticket_scope: 1,
        occasional: false,
        role_ids: [roleIds.agent],
        group_ids: [],
        type: 'support_agent',
        contact: { email, name: 'Promoted', active: true },
      });
      const listed = await desk.call('GET', `/api/v2/agents?email=${encodeURIComponent(email)}`);
      expect(listed.data.map((a: { id: number }) => a.id)).toEqual([contact.id]);

      expect((await desk.call('DELETE', `/api/v2/agents/${contact.id}`)).statusCode).toBe(204);
      const again = await desk.call('PUT', `/api/v2/contacts/${contact.id}/make_agent`, {
        body: {
          occasional: true,
          ticket_scope: 2,
          role_ids: [roleIds.supervisor],
          group_ids: [groupB],
          signature: 'S',
        },
      });
      expect(again.statusCode).toBe(200);
      expect(again.data).toMatchObject({
        id: contact.id,
        occasional: true,
        ticket_scope: 2,
        role_ids: [roleIds.supervisor],
        group_ids: [groupB],
        signature: 'S',
      });
    });

    it('409 inconsistent_state for a contact without email, an agent, or a deleted contact', async () => {
      const phoneOnly = await insertContact(desk.services.db, { name: 'Phone Only', phone: '+44 20 0000' });
      const noEmail = await desk.call('PUT', `/api/v2/contacts/${phoneOnly.id}/make_agent`);
      expect(noEmail.statusCode).toBe(409);
      expect(noEmail.data.errors).toEqual([
        {
          field: 'email',
          code: 'inconsistent_state',
          message: 'The contact needs an email address to become an agent',
        },
      ]);
      const already = await desk.call('PUT', `/api/v2/contacts/${plainAgent.id}/make_agent`);
      expect(already.statusCode).toBe(409);
      expect(already.data.errors[0]).toMatchObject({
        code: 'inconsistent_state',
        message: 'The contact is already an agent',
      });
      const deleted = await insertContact(desk.services.db, {
        name: 'Deleted',
        email: `del-${unique()}@example.com`,
        deleted: true,
      });
      const res = await desk.call('PUT', `/api/v2/contacts/${deleted.id}/make_agent`);
      expect(res.statusCode).toBe(409);
      expect(res.data.errors[0]).toMatchObject({ code: 'inconsistent_state', field: 'id' });
    });

    it('404 for an unknown contact, 403 for non-admins, validation on the body', async () => {
      expect((await desk.call('PUT', '/api/v2/contacts/999999/make_agent')).statusCode).toBe(404);
      const contact = await insertContact(desk.services.db, {
        name: 'Someone',
        email: `s-${unique()}@example.com`,
      });
      const denied = await desk.call('PUT', `/api/v2/contacts/${contact.id}/make_agent`, {
        key: plainAgent.apiKey,
      });
      expect(denied.statusCode).toBe(403);
      const bad = await desk.call('PUT', `/api/v2/contacts/${contact.id}/make_agent`, {
        body: { ticket_scope: 9, email: 'x@y.z' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'ticket_scope', code: 'invalid_value' }),
          expect.objectContaining({ field: 'email', code: 'invalid_field' }),
        ]),
      );
      const grant = await desk.call('PUT', `/api/v2/contacts/${contact.id}/make_agent`, {
        key: administrator.apiKey,
        body: { role_ids: [roleIds.account_admin] },
      });
      expect(grant.statusCode).toBe(403);
      const unchanged = await desk.call('GET', `/api/v2/agents/${contact.id}`);
      expect(unchanged.statusCode).toBe(404);
    });
  });

  it("group membership shows in group_ids and in the authenticated actor's groups", async () => {
    const agent = await createTestAgent(desk);
    const res = await desk.call('PUT', `/api/v2/agents/${agent.id}`, {
      body: { group_ids: [groupB, groupA] },
    });
    expect(res.data.group_ids).toEqual([groupA, groupB].sort((a, b) => a - b));
    const actor = await findActorByApiKeyHash(desk.services.db, hashApiKey(agent.apiKey));
    expect(actor?.group_ids).toEqual([groupA, groupB].sort((a, b) => a - b));
    const me = await desk.call('GET', '/api/v2/agents/me', { key: agent.apiKey });
    expect(me.data.group_ids).toEqual(res.data.group_ids);
  });
});
