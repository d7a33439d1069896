import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite } from '../conversations/conversation-test-helpers.js';
import {
  client,
  connected,
  listen,
  widgetCredentials,
  widgetUser,
  type TestClient,
} from '../realtime/realtime-test-helpers.js';

/** The widget token alone names the account (one per install): app_id / appId are optional. */
describe.each(TEST_DATABASE_KINDS)('Chat widget credentials without an app id (%s)', (kind) => {
  let chat: TestChat;
  let url: string;
  let site: string;
  let creds: { appId: string; widgetToken: string };
  let ipCounter = 0;
  const open: TestClient[] = [];

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    site = await makeSite(chat);
    creds = await widgetCredentials(chat);
    url = await listen(chat);
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
      payload: JSON.stringify(body),
    });
    return Object.assign(response, { data: JSON.parse(response.body || 'null') });
  }

  it('starts a widget session with the widget token and no app_id', async () => {
    const res = await postSession({ widget_token: creds.widgetToken, site_id: site });
    expect(res.statusCode).toBe(201);
    expect(res.data.session_token).toEqual(expect.any(String));
    expect(res.data.restore_id).toEqual(expect.any(String));
    const me = await chat.call('GET', '/v2/widget/me', { token: res.data.session_token });
    expect(me.statusCode).toBe(200);
  });

  it('still checks an app_id when one is sent, and the token always', async () => {
    expect(
      (await postSession({ app_id: creds.appId, widget_token: creds.widgetToken, site_id: site })).statusCode,
    ).toBe(201);
    for (const body of [
      { app_id: '00000000-0000-4000-8000-000000000000', widget_token: creds.widgetToken, site_id: site },
      { app_id: 'not-a-uuid', widget_token: creds.widgetToken, site_id: site },
      { widget_token: 'wrong', site_id: site },
      { app_id: creds.appId, widget_token: 'wrong', site_id: site },
    ]) {
      const res = await postSession(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(401);
      expect(res.data.message).toBe('The app id or widget token is wrong.');
    }
    expect((await postSession({ site_id: site })).statusCode).toBe(400);
  });

  it('connects a widget socket whose handshake has no appId', async () => {
    const { restoreId } = await widgetUser(chat, site);
    const socket = client(url, { widgetToken: creds.widgetToken, siteId: site, restoreId });
    open.push(socket);
    await connected(socket);
    expect(socket.socket.connected).toBe(true);
  });

  it('refuses a handshake with a wrong appId or a wrong token', async () => {
    const { restoreId } = await widgetUser(chat, site);
    for (const auth of [
      {
        appId: '00000000-0000-4000-8000-000000000000',
        widgetToken: creds.widgetToken,
        siteId: site,
        restoreId,
      },
      { widgetToken: 'wrong', siteId: site, restoreId },
    ]) {
      const socket = client(url, auth);
      open.push(socket);
      await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'invalid_credentials' } });
    }
  });
});
