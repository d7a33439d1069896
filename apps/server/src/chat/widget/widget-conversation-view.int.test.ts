import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeGroup, makeSite, text } from '../conversations/conversation-test-helpers.js';
import type { UserConversationUpdate } from '../realtime/protocol.js';
import {
  client,
  connected,
  listen,
  waitFor,
  widgetCredentials,
  type TestClient,
} from '../realtime/realtime-test-helpers.js';

/** The widget's REST view of its conversations (assigned agent) and of its own profile's values. */
describe.each(TEST_DATABASE_KINDS)('Chat widget conversation view and profile values (%s)', (kind) => {
  let chat: TestChat;
  let url: string;
  let site: string;
  let agentId: string;
  let groupId: string;
  let creds: { appId: string; widgetToken: string };
  let ipCounter = 0;
  const open: TestClient[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    url = await listen(chat);
    site = await makeSite(chat);
    agentId = await makeAgent(chat, { firstName: 'Jane' });
    await chat.services.db
      .updateTable('agents')
      .set({ avatar_url: 'https://cdn.example/jane.png' })
      .where('id', '=', agentId)
      .execute();
    groupId = await makeGroup(chat, [agentId], 'manual');
    creds = await widgetCredentials(chat);
    for (const body of [
      { name: 'cf_plan', label: 'Plan', type: 'dropdown', choices: ['Free', 'Pro'] },
      { name: 'cf_seats', label: 'Seats', type: 'number' },
      { name: 'cf_vip', label: 'VIP', type: 'boolean' },
      { name: 'cf_renewal', label: 'Renewal', type: 'date' },
      { name: 'cf_company', label: 'Company', type: 'text' },
    ]) {
      expect((await chat.call('POST', '/v2/users/fields', { body })).statusCode).toBe(201);
    }
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => chat?.close());

  async function postSession(body: Record<string, unknown>) {
    const response = await chat.app.inject({
      method: 'POST',
      url: '/v2/widget/sessions',
      remoteAddress: `10.7.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        app_id: creds.appId,
        widget_token: creds.widgetToken,
        site_id: site,
        ...body,
      }),
    });
    return Object.assign(response, { data: JSON.parse(response.body || 'null') });
  }
  async function visitor() {
    const res = await postSession({});
    expect(res.statusCode).toBe(201);
    const token = res.data.session_token as string;
    return {
      token,
      call: (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
        chat.call(method, path, { token, ...(body !== undefined ? { body } : {}) }),
    };
  }
  const put = async (cid: string, body: Record<string, unknown>) =>
    expect((await chat.call('PUT', `/v2/conversations/${cid}`, { body })).statusCode).toBe(200);

  describe('the assigned agent in the conversation view', () => {
    it('is null until assignment, then the public face on view, list and a resent start; null again when unassigned', async () => {
      const me = await visitor();
      const started = await me.call('POST', '/v2/widget/conversations', {
        message_parts: text('Hello'),
        client_message_id: 'view-1',
      });
      expect(started.statusCode).toBe(201);
      const cid = started.data.conversation.id as string;
      expect(started.data.conversation.assigned_agent).toBeNull();
      expect((await me.call('GET', `/v2/widget/conversations/${cid}`)).data.assigned_agent).toBeNull();

      await put(cid, { assigned_agent_id: agentId, assigned_group_id: groupId, status: 'assigned' });
      const face = { first_name: 'Jane', name: 'Jane Smith', avatar_url: 'https://cdn.example/jane.png' };
      const view = await me.call('GET', `/v2/widget/conversations/${cid}`);
      expect(view.statusCode).toBe(200);
      expect(view.data).toEqual({
        id: cid,
        conversation_id: cid,
        status: 'assigned',
        last_seq: expect.any(Number),
        assigned_agent: face,
        csat_offered: false,
        created_time: expect.any(String),
        updated_time: expect.any(String),
      });
      const list = await me.call('GET', '/v2/widget/conversations');
      expect(list.data.conversations).toEqual([view.data]);
      const resent = await me.call('POST', '/v2/widget/conversations', {
        message_parts: text('Hello'),
        client_message_id: 'view-1',
      });
      expect(resent.statusCode).toBe(200);
      expect(resent.data.conversation).toEqual(view.data);
      // Nothing private of the agent or the assignment travels: no id, email, group or role.
      for (const body of [view.body, list.body, resent.body]) {
        expect(body).not.toContain(agentId);
        expect(body).not.toContain('@example.com');
        expect(body).not.toContain(groupId);
        expect(body).not.toMatch(/assigned_agent_id|assigned_group_id|"role"|"email"/);
      }

      await put(cid, { assigned_agent_id: null, status: 'new' });
      expect((await me.call('GET', `/v2/widget/conversations/${cid}`)).data.assigned_agent).toBeNull();
    });

    it('shows the same face as the realtime conversation:updated the user socket receives', async () => {
      const me = await visitor();
      const socket = await connected(client(url, { ...creds, siteId: site, userSessionToken: me.token }));
      open.push(socket);
      const cid = (await me.call('POST', '/v2/widget/conversations', { message_parts: text('Hi') })).data
        .conversation.id as string;
      await put(cid, { assigned_agent_id: agentId, status: 'assigned' });
      const assigned = () =>
        socket
          .of('conversation:updated')
          .map((u) => u as UserConversationUpdate)
          .find((u) => u.conversationId === cid && u.assignedAgent !== null);
      await waitFor(() => assigned() !== undefined);
      const live = assigned()!.assignedAgent!;
      const rest = (await me.call('GET', `/v2/widget/conversations/${cid}`)).data.assigned_agent;
      expect({ name: rest.name, avatarUrl: rest.avatar_url }).toEqual(live);
      expect(live).toEqual({ name: 'Jane Smith', avatarUrl: 'https://cdn.example/jane.png' });
    });

    it('a conversation with a routing group is shown with the agent it was given at once', async () => {
      const roundRobin = await makeGroup(chat, [agentId], 'round_robin');
      const me = await visitor();
      const cid = (await me.call('POST', '/v2/widget/conversations', { message_parts: text('Hi') })).data
        .conversation.id as string;
      await put(cid, { assigned_group_id: roundRobin });
      const view = await me.call('GET', `/v2/widget/conversations/${cid}`);
      expect(view.data.assigned_agent).toMatchObject({ first_name: 'Jane' });
      expect(view.body).not.toContain(roundRobin);
    });
  });

  describe('PUT /v2/widget/me checks values as the users API does', () => {
    it('refuses a bad email and property values of the wrong type, each with its field', async () => {
      const me = await visitor();
      const email = await me.call('PUT', '/v2/widget/me', { email: 'not-an-email', first_name: 'Kept?' });
      expect(email.statusCode).toBe(400);
      expect(email.data.details).toEqual([
        expect.objectContaining({ field: 'email', code: 'invalid_value' }),
      ]);
      const res = await me.call('PUT', '/v2/widget/me', {
        first_name: 'Kept?',
        properties: [
          { name: 'cf_plan', value: 'Enterprise' },
          { name: 'cf_seats', value: 'ten' },
          { name: 'cf_vip', value: 'yes' },
          { name: 'cf_renewal', value: '2026-02-30' },
          { name: 'cf_company', value: 42 },
          { name: 'cf_unknown', value: 'x' },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(
        (res.data.details as { field: string; code: string }[]).map((d) => ({
          field: d.field,
          code: d.code,
        })),
      ).toEqual(
        expect.arrayContaining([
          { field: 'properties.cf_plan', code: 'invalid_value' },
          { field: 'properties.cf_seats', code: 'datatype_mismatch' },
          { field: 'properties.cf_vip', code: 'datatype_mismatch' },
          { field: 'properties.cf_renewal', code: 'invalid_value' },
          { field: 'properties.cf_company', code: 'datatype_mismatch' },
          { field: 'properties.cf_unknown', code: 'invalid_field' },
        ]),
      );
      // Nothing was stored from the refused request.
      const after = await me.call('GET', '/v2/widget/me');
      expect(after.data).toMatchObject({ first_name: null, email: null, properties: [] });
    });

    it('stores values that fit; a required pre-chat field is not enforced here (the form is a UX step)', async () => {
      const me = await visitor();
      const res = await me.call('PUT', '/v2/widget/me', {
        first_name: 'Aiko',
        email: 'aiko@example.org',
        properties: [
          { name: 'cf_plan', value: 'Pro' },
          { name: 'cf_seats', value: 12 },
          { name: 'cf_vip', value: true },
          { name: 'cf_renewal', value: '2027-01-31' },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        first_name: 'Aiko',
        email: 'aiko@example.org',
        properties: [
          { name: 'cf_plan', value: 'Pro' },
          { name: 'cf_renewal', value: '2027-01-31' },
          { name: 'cf_seats', value: 12 },
          { name: 'cf_vip', value: true },
        ],
      });
      // A site asking for a required email does not make PUT /widget/me without one fail.
      await chat.call('PUT', `/v2/sites/${site}`, {
        body: {
          widget_settings: { prechat: { enabled: true, fields: [{ name: 'email', required: true }] } },
        },
      });
      const other = await visitor();
      expect((await other.call('PUT', '/v2/widget/me', { first_name: 'No email' })).statusCode).toBe(200);
      await chat.call('PUT', `/v2/sites/${site}`, { body: { widget_settings: {} } });
    });

    it('a session’s user details are checked the same way', async () => {
      const res = await postSession({
        user: { email: 'nope', properties: [{ name: 'cf_seats', value: 'many' }] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.details.map((d: { field: string }) => d.field).sort()).toEqual(['user.email']);
      const typed = await postSession({ user: { properties: [{ name: 'cf_seats', value: 'many' }] } });
      expect(typed.statusCode).toBe(400);
      expect(typed.data.details).toEqual([
        expect.objectContaining({ field: 'properties.cf_seats', code: 'datatype_mismatch' }),
      ]);
    });
  });
});
