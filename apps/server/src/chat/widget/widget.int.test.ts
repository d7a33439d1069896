import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_TOKEN, startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeAgentSession, makeSite, text } from '../conversations/conversation-test-helpers.js';
import { multipart, PNG } from '../files/test-support.js';
import {
  client,
  connected,
  listen,
  waitFor,
  widgetCredentials,
  type TestClient,
} from '../realtime/realtime-test-helpers.js';
import { signExternalId } from '../users/index.js';
import { signJwt } from '../users/test-support.js';

describe.each(TEST_DATABASE_KINDS)('Chat widget sessions and REST surface (%s)', (kind) => {
  let chat: TestChat;
  let site: string;
  let otherSite: string;
  let agentId: string;
  let creds: { appId: string; widgetToken: string };
  let ipCounter = 0;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    site = await makeSite(chat);
    otherSite = await makeSite(chat);
    agentId = await makeAgent(chat, { firstName: 'Jane' });
    creds = await widgetCredentials(chat);
  });
  afterAll(async () => chat?.close());

  /** POST /v2/widget/sessions from its own client IP (each IP has a budget of 30 a minute). */
  async function postSession(
    body: Record<string, unknown>,
    options: { headers?: Record<string, string>; ip?: string } = {},
  ) {
    const response = await chat.app.inject({
      method: 'POST',
      url: '/v2/widget/sessions',
      remoteAddress: options.ip ?? `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
      headers: { 'content-type': 'application/json', ...options.headers },
      payload: JSON.stringify(body),
    });
    return Object.assign(response, { data: JSON.parse(response.body || 'null') });
  }
  const sessionBody = (extra: Record<string, unknown> = {}, siteId = site) => ({
    app_id: creds.appId,
    widget_token: creds.widgetToken,
    site_id: siteId,
    ...extra,
  });
  /** A new visitor's session: its bearer token, user id and restore id. */
  async function visitor(siteId = site, extra: Record<string, unknown> = {}) {
    const res = await postSession(sessionBody(extra, siteId));
    expect(res.statusCode).toBe(201);
    return {
      token: res.data.session_token as string,
      userId: res.data.user.id as string,
      restoreId: res.data.restore_id as string,
    };
  }
  const as = (token: string) => ({
    call: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
      chat.call(method, url, { token, ...(body !== undefined ? { body } : {}) }),
  });
  async function startConversation(token: string, content = 'Hello', clientMessageId?: string) {
    const res = await as(token).call('POST', '/v2/widget/conversations', {
      message_parts: text(content),
      ...(clientMessageId ? { client_message_id: clientMessageId } : {}),
    });
    expect(res.statusCode).toBe(201);
    return res.data as { conversation: { id: string; status: string }; message: { id: string; seq: number } };
  }

  describe('sessions', () => {
    it('a new visitor gets a session, a user and a restore id (once); the token works on widget routes', async () => {
      const res = await postSession(
        sessionBody({ user: { first_name: 'Ada', email: 'ada@example.com', properties: [] } }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.data).toEqual({
        session_token: expect.stringMatching(/^[\w-]{43}$/),
        expires_time: expect.any(String),
        restore_id: expect.any(String),
        user: {
          id: expect.any(String),
          external_id: null,
          first_name: 'Ada',
          last_name: null,
          email: 'ada@example.com',
          phone: null,
          avatar: { url: null },
          properties: [],
          created_time: expect.any(String),
        },
      });
      const days = (Date.parse(res.data.expires_time) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      const me = await as(res.data.session_token).call('GET', '/v2/widget/me');
      expect(me.statusCode).toBe(200);
      expect(me.data).toEqual(res.data.user);
      // Only the hash is stored.
      const rows = await chat.services.db
        .selectFrom('widget_sessions')
        .select(['token_hash', 'site_id'])
        .where('user_id', '=', res.data.user.id)
        .execute();
      expect(rows).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), site_id: site }]);
    });

    it('a restore id brings back the same user without issuing a new one; only on its own site', async () => {
      const first = await visitor();
      const again = await postSession(
        sessionBody({ restore_id: first.restoreId, user: { last_name: 'Back' } }),
      );
      expect(again.statusCode).toBe(201);
      expect(again.data.user).toMatchObject({ id: first.userId, last_name: 'Back' });
      expect(again.data).not.toHaveProperty('restore_id');
      expect(again.data.session_token).not.toBe(first.token);
      const elsewhere = await postSession(sessionBody({ restore_id: first.restoreId }, otherSite));
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.data.message).toBe('No user of this site has this restore id.');
      expect((await postSession(sessionBody({ restore_id: 'made-up' }))).statusCode).toBe(404);
    });

    it('an external id without verification is taken as given and finds the same user again', async () => {
      const first = await postSession(sessionBody({ external_id: 'crm-1' }));
      expect(first.statusCode).toBe(201);
      expect(first.data.user.external_id).toBe('crm-1');
      const again = await postSession(sessionBody({ external_id: 'crm-1' }));
      expect(again.data.user.id).toBe(first.data.user.id);
      expect(again.data).not.toHaveProperty('restore_id');
    });

    it('wrong widget token or app id is 401; an unknown site 400; bad bodies 400', async () => {
      const wrongToken = await postSession(sessionBody({ widget_token: 'wrong' }));
      expect(wrongToken.statusCode).toBe(401);
      expect(wrongToken.data).toEqual({
        code: 401,
        status: 'UNAUTHORIZED',
        message: 'The app id or widget token is wrong.',
      });
      expect((await postSession(sessionBody({ app_id: 'not-a-uuid' }))).statusCode).toBe(401);
      expect(
        (await postSession(sessionBody({ app_id: '2f1d2b8e-7c6a-4d2e-9a51-3b0e4c7d9f10' }))).statusCode,
      ).toBe(401);
      const unknownSite = await postSession(sessionBody({}, 'no-such-site'));
      expect(unknownSite.statusCode).toBe(400);
      expect(unknownSite.data.details).toEqual([
        { field: 'site_id', code: 'invalid_value', message: 'There is no site with this id' },
      ]);
      const bad = await postSession(sessionBody({ user: { email: 'nope', reference_id: 'x' } }));
      expect(bad.statusCode).toBe(400);
      expect(bad.data.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'user.email',
        'user.reference_id',
      ]);
    });

    it('a site with allowed origins refuses other origins (403 naming it); its own and Chat’s own pass', async () => {
      const shop = await makeSite(chat);
      const put = await chat.call('PUT', `/v2/sites/${shop}`, {
        body: { allowed_origins: ['https://shop.example'] },
      });
      expect(put.statusCode).toBe(200);
      const evil = await postSession(sessionBody({}, shop), { headers: { origin: 'https://evil.example' } });
      expect(evil.statusCode).toBe(403);
      expect(evil.data.status).toBe('FORBIDDEN');
      expect(evil.data.message).toContain('https://evil.example');
      const page = await postSession(sessionBody({ page_origin: 'https://evil.example' }, shop));
      expect(page.statusCode).toBe(403);
      expect(
        (await postSession(sessionBody({}, shop), { headers: { origin: 'https://SHOP.example:443' } }))
          .statusCode,
      ).toBe(201);
      // The widget iframe is served by Chat: its requests carry Chat's own origin, and the page's.
      const iframe = await postSession(sessionBody({ page_origin: 'https://shop.example' }, shop), {
        headers: { origin: 'http://localhost' },
      });
      expect(iframe.statusCode).toBe(201);
      // A site without a list takes any origin.
      expect(
        (await postSession(sessionBody(), { headers: { origin: 'https://evil.example' } })).statusCode,
      ).toBe(201);
    });

    it('each client IP may start 30 sessions a minute, then 429 with Retry-After', async () => {
      // Windows are whole minutes: start well inside one so the count cannot reset mid-test.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const ip = '192.0.2.77';
      // Malformed requests are counted too (they are guesses as much as any).
      for (let i = 0; i < 30; i++) expect((await postSession({}, { ip })).statusCode).toBe(400);
      const limited = await postSession(sessionBody(), { ip });
      expect(limited.statusCode).toBe(429);
      expect(limited.data).toMatchObject({ code: 429, status: 'TOO_MANY_REQUESTS' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await postSession(sessionBody(), { ip: '192.0.2.78' })).statusCode).toBe(201);
    });
  });

  describe('identity verification', () => {
    let secret: string;
    beforeAll(async () => {
      secret = (await chat.call('POST', '/v2/accounts/identity_verification/secret')).data.secret;
      expect(
        (await chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: true } }))
          .statusCode,
      ).toBe(200);
    });
    afterAll(async () => {
      await chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: false } });
    });

    it('refuses an unsigned or wrongly signed external id; accepts a valid HMAC or JWT', async () => {
      const unsigned = await postSession(sessionBody({ external_id: 'vip-1' }));
      expect(unsigned.statusCode).toBe(401);
      expect(unsigned.data.message).toBe(
        'Identity verification is on: the external id must be signed (signature or JWT).',
      );
      const wrong = await postSession(
        sessionBody({ external_id: 'vip-1', signature: signExternalId(secret, 'vip-2') }),
      );
      expect(wrong.statusCode).toBe(401);
      expect(wrong.data.message).toBe('The external id signature is not valid.');
      const badJwt = await postSession(sessionBody({ jwt: signJwt('not-the-secret', { sub: 'vip-1' }) }));
      expect(badJwt.statusCode).toBe(401);
      const signed = await postSession(
        sessionBody({ external_id: 'vip-1', signature: signExternalId(secret, 'vip-1') }),
      );
      expect(signed.statusCode).toBe(201);
      expect(signed.data.user.external_id).toBe('vip-1');
      const jwt = await postSession(
        sessionBody({ jwt: signJwt(secret, { sub: 'vip-1', exp: Math.floor(Date.now() / 1000) + 60 }) }),
      );
      expect(jwt.statusCode).toBe(201);
      expect(jwt.data.user.id).toBe(signed.data.user.id);
      // Anonymous visitors still come in.
      expect((await postSession(sessionBody())).statusCode).toBe(201);
    });
  });

  describe('own profile and session', () => {
    it('PUT /widget/me changes names, email, phone, properties — never the external id', async () => {
      const { token } = await visitor();
      const res = await as(token).call('PUT', '/v2/widget/me', {
        first_name: 'Grace',
        phone: '+81 3 1234 5678',
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({ first_name: 'Grace', phone: '+81 3 1234 5678' });
      const bad = await as(token).call('PUT', '/v2/widget/me', {
        email: 'not-an-email',
        reference_id: 'admin',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'email',
        'reference_id',
      ]);
      const property = await as(token).call('PUT', '/v2/widget/me', {
        properties: [{ name: 'cf_undeclared', value: 1 }],
      });
      expect(property.statusCode).toBe(400);
    });

    it('DELETE /widget/sessions/current ends the session; an expired one is 401 too', async () => {
      const { token, userId } = await visitor();
      expect((await as(token).call('DELETE', '/v2/widget/sessions/current')).statusCode).toBe(204);
      const after = await as(token).call('GET', '/v2/widget/me');
      expect(after.statusCode).toBe(401);
      expect(after.data.message).toContain('widget session');
      const second = await visitor();
      await chat.services.db
        .updateTable('widget_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', second.userId)
        .execute();
      expect((await as(second.token).call('GET', '/v2/widget/me')).statusCode).toBe(401);
      expect(userId).not.toBe(second.userId);
    });
  });

  describe('conversations', () => {
    it('starts a conversation (idempotent), lists and reads it, sends as self, rates it once', async () => {
      const { token, userId } = await visitor();
      const me = as(token);
      const started = await startConversation(token, 'First question', 'first-1');
      expect(started.conversation).toMatchObject({ status: 'new', last_seq: 1, csat_offered: false });
      expect(started.message).toMatchObject({
        seq: 1,
        actor_type: 'user',
        actor_id: userId,
        message_type: 'normal',
      });
      const resend = await me.call('POST', '/v2/widget/conversations', {
        message_parts: text('First question'),
        client_message_id: 'first-1',
      });
      expect(resend.statusCode).toBe(200);
      expect(resend.data.conversation.id).toBe(started.conversation.id);
      expect(resend.data.message.id).toBe(started.message.id);
      const cid = started.conversation.id;

      const second = await startConversation(token, 'Another topic');
      const list = await me.call('GET', '/v2/widget/conversations');
      expect(list.statusCode).toBe(200);
      expect(list.data.conversations.map((c: { id: string }) => c.id)).toEqual([second.conversation.id, cid]);
      const paged = await me.call('GET', '/v2/widget/conversations?limit=1');
      expect(paged.data.conversations).toHaveLength(1);
      const next = await me.call('GET', `/v2/widget/conversations?limit=1&cursor=${paged.data.next_cursor}`);
      expect(next.data.conversations.map((c: { id: string }) => c.id)).toEqual([cid]);
      expect(next.data.next_cursor).toBeNull();

      const sent = await me.call('POST', `/v2/widget/conversations/${cid}/messages`, {
        message_parts: text('More'),
        client_message_id: 'm-2',
      });
      expect(sent.statusCode).toBe(201);
      expect(sent.data).toMatchObject({ seq: 2, conversation_id: cid, actor_type: 'user' });
      const resent = await me.call('POST', `/v2/widget/conversations/${cid}/messages`, {
        message_parts: text('More'),
        client_message_id: 'm-2',
      });
      expect(resent.statusCode).toBe(200);
      expect(resent.data.id).toBe(sent.data.id);
      // Buttons are for agents; outside image URLs are refused.
      const button = await me.call('POST', `/v2/widget/conversations/${cid}/messages`, {
        message_parts: [{ url_button: { url: 'https://evil.example', label: 'Click' } }],
      });
      expect(button.statusCode).toBe(400);
      const outside = await me.call('POST', `/v2/widget/conversations/${cid}/messages`, {
        message_parts: [{ image: { url: 'https://tracker.example/pixel.png' } }],
      });
      expect(outside.statusCode).toBe(400);
      expect(outside.data.details[0]).toMatchObject({
        field: 'message_parts.image.url',
        code: 'invalid_value',
      });

      // Not rateable before a resolve; after it, once.
      expect((await me.call('POST', `/v2/widget/conversations/${cid}/csat`, { rating: 5 })).statusCode).toBe(
        409,
      );
      expect(
        (
          await chat.call('PUT', `/v2/conversations/${cid}`, {
            body: { assigned_agent_id: agentId, status: 'assigned' },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await chat.call('PUT', `/v2/conversations/${cid}`, { body: { status: 'resolved' } })).statusCode,
      ).toBe(200);
      expect((await me.call('GET', `/v2/widget/conversations/${cid}`)).data).toMatchObject({
        status: 'resolved',
        csat_offered: true,
      });
      expect((await me.call('POST', `/v2/widget/conversations/${cid}/csat`, { rating: 6 })).statusCode).toBe(
        400,
      );
      const rated = await me.call('POST', `/v2/widget/conversations/${cid}/csat`, {
        rating: 4,
        review: 'Quick and kind',
      });
      expect(rated.statusCode).toBe(201);
      expect(rated.data).toEqual({
        conversation_id: cid,
        rating: 4,
        review: 'Quick and kind',
        created_time: expect.any(String),
      });
      expect((await me.call('POST', `/v2/widget/conversations/${cid}/csat`, { rating: 5 })).statusCode).toBe(
        409,
      );
      expect((await me.call('GET', `/v2/widget/conversations/${cid}`)).data.csat_offered).toBe(false);
      const report = await chat.call('GET', '/v2/csat/report');
      expect(report.data.count).toBeGreaterThanOrEqual(1);

      // A new message reopens the resolved conversation.
      await me.call('POST', `/v2/widget/conversations/${cid}/messages`, {
        message_parts: text('One more thing'),
      });
      expect((await me.call('GET', `/v2/widget/conversations/${cid}`)).data.status).toBe('reopened');
    });

    it('an uploaded image goes into a message as the stored part', async () => {
      const { token } = await visitor();
      const body = multipart([{ name: 'file', filename: 'shot.png', contentType: 'image/png', data: PNG }]);
      const uploaded = await chat.app.inject({
        method: 'POST',
        url: '/v2/widget/files/upload',
        payload: body.payload,
        headers: { ...body.headers, authorization: `Bearer ${token}` },
      });
      expect(uploaded.statusCode).toBe(201);
      const { image } = JSON.parse(uploaded.body);
      const res = await as(token).call('POST', '/v2/widget/conversations', {
        message_parts: [{ image }, { file: { url: image.url, name: 'lies.exe' } }],
      });
      expect(res.statusCode).toBe(201);
      expect(res.data.message.message_parts).toEqual([
        { image },
        {
          file: {
            url: image.url,
            name: 'shot.png',
            file_size_in_bytes: PNG.length,
            content_type: 'image/png',
          },
        },
      ]);
    });
  });

  describe('isolation', () => {
    it("user A gets 404 for user B's conversation: read, messages, send, CSAT; and never lists it", async () => {
      const a = await visitor();
      const b = await visitor();
      const cid = (await startConversation(b.token, 'B’s secret')).conversation.id;
      await chat.call('PUT', `/v2/conversations/${cid}`, {
        body: { assigned_agent_id: agentId, status: 'assigned' },
      });
      await chat.call('PUT', `/v2/conversations/${cid}`, { body: { status: 'resolved' } });
      const asA = as(a.token);
      for (const [method, url, body] of [
        ['GET', `/v2/widget/conversations/${cid}`, undefined],
        ['GET', `/v2/widget/conversations/${cid}/messages`, undefined],
        ['POST', `/v2/widget/conversations/${cid}/messages`, { message_parts: text('let me in') }],
        ['POST', `/v2/widget/conversations/${cid}/csat`, { rating: 1 }],
      ] as const) {
        const res = await asA.call(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.body).not.toContain('secret');
      }
      expect((await asA.call('GET', '/v2/widget/conversations')).data.conversations).toEqual([]);
      // Nothing was written on B's conversation in A's name.
      const messages = await chat.call('GET', `/v2/conversations/${cid}/messages`);
      expect(messages.data.messages.filter((m: { actor_id: string }) => m.actor_id === a.userId)).toEqual([]);
      const csat = await chat.services.db
        .selectFrom('csat_responses')
        .select('id')
        .where('conversation_id', '=', cid)
        .execute();
      expect(csat).toEqual([]);
    });

    it('a user of another site sees none of the first site’s conversations', async () => {
      const first = await visitor();
      const cid = (await startConversation(first.token)).conversation.id;
      const other = await visitor(otherSite);
      expect((await as(other.token).call('GET', '/v2/widget/conversations')).data.conversations).toEqual([]);
      expect((await as(other.token).call('GET', `/v2/widget/conversations/${cid}`)).statusCode).toBe(404);
      // Even a session row pointing at the wrong site gets nothing: the user's own site must match.
      await chat.services.db
        .updateTable('widget_sessions')
        .set({ site_id: otherSite })
        .where('user_id', '=', first.userId)
        .execute();
      expect((await as(first.token).call('GET', '/v2/widget/conversations')).statusCode).toBe(401);
    });

    it('a private note never appears in any widget payload', async () => {
      const { token } = await visitor();
      const me = as(token);
      const cid = (await startConversation(token, 'Hi')).conversation.id;
      const note = await chat.call('POST', `/v2/conversations/${cid}/messages`, {
        body: {
          actor_type: 'agent',
          actor_id: agentId,
          message_type: 'private',
          message_parts: text('INTERNAL NOTE'),
          client_message_id: 'dup',
        },
      });
      expect(note.statusCode).toBe(201);
      await chat.call('POST', `/v2/conversations/${cid}/messages`, {
        body: { actor_type: 'agent', actor_id: agentId, message_parts: text('Public answer') },
      });
      const payloads = [
        await me.call('GET', '/v2/widget/conversations'),
        await me.call('GET', `/v2/widget/conversations/${cid}`),
        await me.call('GET', `/v2/widget/conversations/${cid}/messages`),
        await me.call('POST', `/v2/widget/conversations/${cid}/messages`, { message_parts: text('Thanks') }),
        // Reusing the note's client id is a clash, not a way to read it.
        await me.call('POST', `/v2/widget/conversations/${cid}/messages`, {
          message_parts: text('x'),
          client_message_id: 'dup',
        }),
      ];
      expect(payloads.map((p) => p.statusCode)).toEqual([200, 200, 200, 201, 409]);
      for (const payload of payloads) {
        expect(payload.body).not.toContain('INTERNAL NOTE');
        expect(payload.body).not.toContain('private');
      }
      const listed = payloads[2]!.data.messages.map((m: { seq: number }) => m.seq);
      expect(listed).toEqual([1, 3]);
    });

    it('a widget session token is 401 on staff routes; staff tokens are 401 on widget routes', async () => {
      const { token } = await visitor();
      for (const url of [
        '/v2/conversations',
        '/v2/users?site_id=default',
        '/v2/accounts/configuration',
        '/v2/csat/report',
      ]) {
        const res = await chat.call('GET', url, { token });
        expect(res.statusCode, url).toBe(401);
      }
      expect((await chat.call('POST', '/v2/files/upload', { token, body: {} })).statusCode).toBe(401);
      const sessionToken = await makeAgentSession(chat, agentId);
      for (const staff of [CHAT_TOKEN, sessionToken]) {
        for (const url of ['/v2/widget/me', '/v2/widget/conversations']) {
          const res = await chat.call('GET', url, { token: staff });
          expect(res.statusCode, url).toBe(401);
        }
      }
      expect((await chat.call('GET', '/v2/widget/me', { token: null })).statusCode).toBe(401);
    });
  });

  describe('socket handshake with a widget session', () => {
    let url: string;
    const open: TestClient[] = [];
    beforeAll(async () => {
      url = await listen(chat);
    });
    afterEach(() => {
      for (const c of open.splice(0)) c.close();
    });
    const connect = (auth: Record<string, unknown>) => {
      const c = client(url, auth);
      open.push(c);
      return connected(c);
    };

    it('connects as the session’s user and receives its conversation’s messages', async () => {
      const { token } = await visitor();
      const cid = (await startConversation(token, 'Over REST')).conversation.id;
      const socket = await connect({ ...creds, siteId: site, userSessionToken: token, resume: { [cid]: 0 } });
      await waitFor(() => socket.seqs(cid).length === 1);
      await chat.call('POST', `/v2/conversations/${cid}/messages`, {
        body: { actor_type: 'agent', actor_id: agentId, message_parts: text('Live reply') },
      });
      await waitFor(() => socket.seqs(cid).length === 2);
      expect(socket.seqs(cid)).toEqual([1, 2]);
    });

    it('refuses an expired or revoked session, or one of another site', async () => {
      const expired = await visitor();
      await chat.services.db
        .updateTable('widget_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', expired.userId)
        .execute();
      await expect(
        connect({ ...creds, siteId: site, userSessionToken: expired.token }),
      ).rejects.toMatchObject({
        message: 'The widget session is unknown or has expired.',
        data: { code: 'invalid_credentials' },
      });
      const revoked = await visitor();
      await as(revoked.token).call('DELETE', '/v2/widget/sessions/current');
      await expect(
        connect({ ...creds, siteId: site, userSessionToken: revoked.token }),
      ).rejects.toMatchObject({
        message: 'The widget session is unknown or has expired.',
      });
      const live = await visitor();
      await expect(
        connect({ ...creds, siteId: otherSite, userSessionToken: live.token }),
      ).rejects.toMatchObject({
        data: { code: 'invalid_credentials' },
      });
      await expect(
        connect({ ...creds, widgetToken: 'wrong', siteId: site, userSessionToken: live.token }),
      ).rejects.toMatchObject({
        message: 'The app id or widget token is wrong.',
      });
      // The same session still works where it belongs.
      await expect(connect({ ...creds, siteId: site, userSessionToken: live.token })).resolves.toBeDefined();
    });

    it('a socket send after sign-out is refused and the socket is dropped', async () => {
      const { token } = await visitor();
      const socket = await connect({ ...creds, siteId: site, userSessionToken: token });
      const first = await socket.socket.emitWithAck('message:send', {
        clientMessageId: 'so-1',
        parts: text('hi'),
      });
      expect(first).toMatchObject({ ok: true, seq: 1 });
      await as(token).call('DELETE', '/v2/widget/sessions/current');
      const refused = await socket.socket.emitWithAck('message:send', {
        conversationId: (first as { conversationId: string }).conversationId,
        clientMessageId: 'so-2',
        parts: text('after sign-out'),
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      await waitFor(() => socket.socket.disconnected);
      const rows = await chat.services.db
        .selectFrom('messages')
        .select('client_message_id')
        .where('conversation_id', '=', (first as { conversationId: string }).conversationId)
        .execute();
      expect(rows.map((r) => r.client_message_id)).toEqual(['so-1']);
    });

    it('socket sends follow the widget rules: only this Chat’s uploads as images/files; no reuse of another message’s client id', async () => {
      const { token, restoreId } = await visitor();
      const socket = await connect({ ...creds, siteId: site, restoreId });
      const outside = await socket.socket.emitWithAck('message:send', {
        clientMessageId: 'img-1',
        parts: [{ image: { url: 'https://tracker.example/pixel.png' } }],
      });
      expect(outside).toMatchObject({
        ok: false,
        error: {
          code: 'validation_failed',
          details: [expect.objectContaining({ field: expect.stringMatching(/image\.url$/) })],
        },
      });
      const started = await startConversation(token, 'Hi', 'first-1');
      const cid = started.conversation.id;
      const note = await chat.call('POST', `/v2/conversations/${cid}/messages`, {
        body: {
          actor_type: 'agent',
          actor_id: agentId,
          message_type: 'private',
          message_parts: text('secret note'),
          client_message_id: 'agent-note-1',
        },
      });
      expect(note.statusCode).toBe(201);
      const clash = await socket.socket.emitWithAck('message:send', {
        conversationId: cid,
        clientMessageId: 'agent-note-1',
        parts: text('mine'),
      });
      expect(clash).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      const count = await chat.services.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('conversation_id', '=', cid)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      // The socket's resend of the REST-created first message answers the original.
      const resend = await socket.socket.emitWithAck('message:send', {
        clientMessageId: 'first-1',
        parts: text('Hi'),
      });
      expect(resend).toMatchObject({ ok: true, seq: 1, conversationId: cid, messageId: started.message.id });
    });
  });
});
