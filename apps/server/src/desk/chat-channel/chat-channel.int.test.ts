import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_TOKEN } from '../../test/chat-harness.js';
import { createTestAgent, TEST_DATABASE_KINDS } from '../../test/desk-harness.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';
import { insertContact, TestBrowser, type PageResponse } from '../portal/pages/page-test-helpers.js';

const PORTAL_HOST = 'help.chat.test';
const PORTAL_ORIGIN = `http://${PORTAL_HOST}`;
const IDENTITY_SECRET_PLACEHOLDER = 'desk-side-secret-not-chats-0123456789';
const CHANNEL = '/api/v2/admin/chat_channel';

/** The widget settings a portal page carries (window.tandemChatSettings), or undefined. */
function widgetSettingsOf(page: PageResponse): Record<string, string> | undefined {
  const match = /window\.tandemChatSettings = (\{[^<]*\});/.exec(page.raw);
  return match ? (JSON.parse(match[1]!) as Record<string, string>) : undefined;
}

/** A local server that answers every request with an HTML page: something, but not Chat. */
async function startNotChat(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Intranet</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A 127.0.0.1 URL with nothing listening (a port taken and released). */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.each(TEST_DATABASE_KINDS)('Desk chat channel against a real Chat (%s)', (kind) => {
  let pair: LinkedPair;
  let notChat: { url: string; close(): Promise<void> };
  let dead: string;
  let appId: string;
  let widgetToken: string;
  let portalId: number;
  const ids: Record<string, number> = {};

  const put = (body: Record<string, unknown>, key?: string) =>
    pair.desk.call('PUT', CHANNEL, { body, ...(key ? { key } : {}) });
  const stored = () => pair.desk.services.db.selectFrom('chat_channel').selectAll().executeTakeFirst();
  const visitor = () => new TestBrowser(pair.desk, PORTAL_HOST);

  beforeAll(async () => {
    pair = await startLinkedPair(kind, { desk: { rateLimitPerMinute: 100_000 } });
    notChat = await startNotChat();
    dead = await deadUrl();
    // These local test servers play "this install's own Chat"; any other private URL stays refused.
    pair.desk.services.config.chatTrustedOrigins = [pair.chatUrl, notChat.url, dead];
    const config = await pair.chat.call('GET', '/v2/accounts/configuration');
    appId = config.data.app_id;
    widgetToken = config.data.widget_token;
    expect(appId).toBeTruthy();
    expect(widgetToken).toBeTruthy();
    const portal = await pair.desk.call('POST', '/api/v2/portals', {
      body: { name: 'Chatty Help', host: PORTAL_HOST },
    });
    expect(portal.statusCode).toBe(201);
    portalId = portal.data.id;
    ids.contact = await insertContact(pair.desk, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
  }, 60_000);
  afterAll(async () => {
    await notChat?.close();
    await pair?.close();
  });

  it('is for admins only: agents get 403 access_denied on reading and on saving', async () => {
    const agent = await createTestAgent(pair.desk, { role: 'agent' });
    const read = await pair.desk.call('GET', CHANNEL, { key: agent.apiKey });
    expect(read.statusCode).toBe(403);
    expect(read.data).toEqual({ code: 'access_denied', message: expect.any(String) });
    const write = await put({ enabled: true, chat_url: pair.chatUrl, app_id: appId }, agent.apiKey);
    expect(write.statusCode).toBe(403);
    expect(write.data.code).toBe('access_denied');
    expect(await stored()).toBeUndefined();
  });

  it('starts off, with nothing set', async () => {
    const res = await pair.desk.call('GET', CHANNEL);
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      enabled: false,
      chat_url: null,
      app_id: null,
      widget_token: null,
      identity_secret_set: false,
      api_token_set: false,
    });
  });

  it.each([
    [
      'a wrong widget token',
      () => ({ widget_token: 'not-the-token' }),
      'widget_token',
      'invalid_widget_token',
    ],
    ['a wrong app id', () => ({ app_id: 'not-the-app-id' }), 'app_id', 'app_id_mismatch'],
    ['a port with nothing listening', () => ({ chat_url: dead }), 'chat_url', 'unreachable'],
    ['a server that is not Chat', () => ({ chat_url: notChat.url }), 'chat_url', 'not_a_chat'],
    ['a malformed URL', () => ({ chat_url: 'chat example com' }), 'chat_url', 'malformed_url'],
    [
      'a private address that is not a trusted Chat',
      () => ({ chat_url: pair.chatUrl.replace('127.0.0.1', 'localhost') }),
      'chat_url',
      'blocked_address',
    ],
    [
      'a wrong Chat API token',
      () => ({ api_token: 'wrong-api-token-0123456789-abcdef' }),
      'api_token',
      'invalid_api_token',
    ],
  ])('refuses %s with the field and the reason, and saves nothing', async (_label, change, field, cause) => {
    const res = await put({
      enabled: true,
      chat_url: pair.chatUrl,
      app_id: appId,
      widget_token: widgetToken,
      identity_secret: IDENTITY_SECRET_PLACEHOLDER,
      ...change(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.description).toBe('Validation failed');
    expect(res.data.errors).toHaveLength(1);
    expect(res.data.errors[0]).toMatchObject({
      field,
      code: 'invalid_value',
      additional_info: { cause },
    });
    expect(res.data.errors[0].message.length).toBeGreaterThan(20);
    expect(await stored()).toBeUndefined();
  });

  it('says which fields are missing to enable the channel', async () => {
    const res = await put({ enabled: true, chat_url: pair.chatUrl });
    expect(res.statusCode).toBe(400);
    expect(res.data.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['app_id', 'missing_field'],
      ['widget_token', 'missing_field'],
    ]);
    expect(await stored()).toBeUndefined();
  });

  it('verifies the pair against Chat and saves it; secrets are sealed and never returned', async () => {
    const res = await put({
      enabled: true,
      chat_url: `${pair.chatUrl}/`,
      app_id: appId,
      widget_token: widgetToken,
      identity_secret: IDENTITY_SECRET_PLACEHOLDER,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      enabled: true,
      chat_url: pair.chatUrl,
      app_id: appId,
      widget_token: widgetToken,
      identity_secret_set: true,
      api_token_set: false,
      verified_at: expect.any(String),
    });
    const read = await pair.desk.call('GET', CHANNEL);
    expect(read.data).toEqual(res.data);
    for (const body of [res.body, read.body]) expect(body).not.toContain(IDENTITY_SECRET_PLACEHOLDER);
    const row = await stored();
    expect(row?.identity_secret_sealed).toMatch(/^v1\./);
    expect(row?.identity_secret_sealed).not.toContain(IDENTITY_SECRET_PLACEHOLDER);
  });

  it('puts the widget on portal pages only when the channel and the portal toggle are both on', async () => {
    const off = await visitor().get('/support/home');
    expect(off.status).toBe(200);
    expect(widgetSettingsOf(off)).toBeUndefined();
    expect(off.raw).not.toContain('widget.js');

    const on = await pair.desk.call('PUT', `/api/v2/portals/${portalId}`, { body: { chat_enabled: true } });
    expect(on.statusCode).toBe(200);
    const page = await visitor().get('/support/home');
    expect(widgetSettingsOf(page)).toEqual({
      token: widgetToken,
      host: pair.chatUrl,
      siteId: `portal-${portalId}`,
    });
    expect(page.raw).toContain(`<script async src="${pair.chatUrl}/widget.js"`);
    // The page's CSP lets the widget's scripts, bootstrap call and frame reach Chat, by nonce.
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.raw).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' ${pair.chatUrl}`);
    expect(csp).toContain(`connect-src 'self' ${pair.chatUrl}`);
    expect(csp).toContain(`frame-src ${pair.chatUrl}`);
    // Anonymous visitors carry no identity.
    expect(widgetSettingsOf(page)).not.toHaveProperty('externalId');

    const disabled = await put({ enabled: false });
    expect(disabled.statusCode).toBe(200);
    const channelOff = await visitor().get('/support/home');
    expect(widgetSettingsOf(channelOff)).toBeUndefined();
    expect(channelOff.raw).not.toContain('widget.js');
    expect(String(channelOff.headers['content-security-policy'])).not.toContain(pair.chatUrl);

    // Re-enabling re-verifies with the stored values (the request names only `enabled`).
    expect((await put({ enabled: true })).statusCode).toBe(200);
    expect(widgetSettingsOf(await visitor().get('/support/home'))?.siteId).toBe(`portal-${portalId}`);
  });

  it('without an API token, lists the sites an admin must add in Chat', async () => {
    const res = await pair.desk.call('GET', CHANNEL);
    expect(res.data.sites).toEqual({
      managed_by_desk: false,
      message: expect.stringContaining(`portal-${portalId}`),
      required: [{ site_id: `portal-${portalId}`, portal_id: portalId, allowed_origins: [PORTAL_ORIGIN] }],
    });
    expect((await pair.chat.call('GET', `/v2/sites/portal-${portalId}`)).statusCode).toBe(404);
  });

  it('with an API token, creates the portal sites in Chat with the portal origin allowed', async () => {
    const res = await put({ api_token: CHAT_TOKEN });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ api_token_set: true, sites: { managed_by_desk: true } });
    expect(res.body).not.toContain(CHAT_TOKEN);
    const site = await pair.chat.call('GET', `/v2/sites/portal-${portalId}`);
    expect(site.statusCode).toBe(200);
    expect(site.data.allowed_origins).toEqual([PORTAL_ORIGIN]);

    // A portal that turns chat on later gets its site when it is saved.
    const second = await pair.desk.call('POST', '/api/v2/portals', {
      body: { name: 'Second Help', host: 'second.chat.test', chat_enabled: true },
    });
    expect(second.statusCode).toBe(201);
    const secondSite = await pair.chat.call('GET', `/v2/sites/portal-${second.data.id}`);
    expect(secondSite.statusCode).toBe(200);
    expect(secondSite.data.allowed_origins).toEqual(['http://second.chat.test']);
  });

  it("gives a signed-in contact's widget their name, email and an external id Chat accepts", async () => {
    // Identity verification on in Chat, with its secret given to Desk.
    const secret = (await pair.chat.call('POST', '/v2/accounts/identity_verification/secret')).data.secret;
    expect(
      (await pair.chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: true } }))
        .statusCode,
    ).toBe(200);

    const browser = visitor();
    await browser.signIn('ada@example.com', 'correct horse battery');
    // The secret Desk holds is not Chat's yet: the contact gets a signature Chat refuses.
    const stale = widgetSettingsOf(await browser.get('/support/home'))!;
    expect(stale.externalId).toBe(String(ids.contact));

    expect((await put({ identity_secret: secret })).statusCode).toBe(200);
    const settings = widgetSettingsOf(await browser.get('/support/home'))!;
    expect(settings).toEqual({
      token: widgetToken,
      host: pair.chatUrl,
      siteId: `portal-${portalId}`,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      externalId: String(ids.contact),
      externalIdSignature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // What the widget frame sends to Chat with these values, over real HTTP from the portal origin.
    const startSession = (signature: string) =>
      fetch(`${settings.host}/v2/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: PORTAL_ORIGIN },
        body: JSON.stringify({
          app_id: appId,
          widget_token: settings.token,
          site_id: settings.siteId,
          external_id: settings.externalId,
          signature,
          page_origin: PORTAL_ORIGIN,
          user: { first_name: settings.firstName, last_name: settings.lastName, email: settings.email },
        }),
      });
    const session = await startSession(settings.externalIdSignature!);
    expect(session.status, await session.clone().text()).toBe(201);
    const started = (await session.json()) as { user: { external_id?: string; email?: string } };
    expect(started.user).toMatchObject({ external_id: String(ids.contact) });
    expect((await startSession(stale.externalIdSignature!)).status).toBeGreaterThanOrEqual(400);
  });

  it('gives no external id when no identity secret is set', async () => {
    expect((await put({ identity_secret: null })).data.identity_secret_set).toBe(false);
    const browser = visitor();
    await browser.signIn('ada@example.com', 'correct horse battery');
    const settings = widgetSettingsOf(await browser.get('/support/home'))!;
    expect(settings).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    expect(settings).not.toHaveProperty('externalId');
    expect(settings).not.toHaveProperty('externalIdSignature');
  });

  it('hides the widget when the portal toggle goes off', async () => {
    await pair.desk.call('PUT', `/api/v2/portals/${portalId}`, { body: { chat_enabled: false } });
    const page = await visitor().get('/support/home');
    expect(widgetSettingsOf(page)).toBeUndefined();
    expect(page.raw).not.toContain('widget.js');
  });
});
