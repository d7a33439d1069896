import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { widgetCredentials } from '../realtime/realtime-test-helpers.js';
import { createAgentToken } from '../users/test-support.js';

/** The pre-chat form's own message (issue 7, Admin > Pre-chat form): stored per site, in the bootstrap. */
describe.each(TEST_DATABASE_KINDS)('Chat site pre-chat message (%s)', (kind) => {
  let chat: TestChat;
  let widgetToken: string;
  let siteCounter = 0;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    widgetToken = (await widgetCredentials(chat)).widgetToken;
  });
  afterAll(async () => chat?.close());

  const form = (message?: unknown) => ({
    prechat: {
      enabled: true,
      fields: [{ name: 'email', required: true }],
      ...(message !== undefined ? { message } : {}),
    },
  });
  const newSite = async (widgetSettings: unknown) => {
    const id = `pm-${++siteCounter}`;
    const res = await chat.call('POST', '/v2/sites', {
      body: { id, name: id, widget_settings: widgetSettings },
    });
    return Object.assign(res, { id });
  };
  const bootstrapPrechat = async (siteId: string) => {
    const res = await chat.call('GET', `/v2/widget/bootstrap?token=${widgetToken}&site_id=${siteId}`, {
      token: null,
    });
    expect(res.statusCode).toBe(200);
    return res.data.settings.widget_settings.prechat;
  };

  it('is stored with the form, shown to admins and handed to the widget', async () => {
    const site = await newSite(form({ en: 'Tell us who you are.', ja: 'お名前を教えてください。' }));
    expect(site.statusCode, site.body).toBe(201);
    expect(site.data.widget_settings.prechat.message).toEqual({
      en: 'Tell us who you are.',
      ja: 'お名前を教えてください。',
    });
    const view = await chat.call('GET', `/v2/sites/${site.id}`);
    expect(view.data.widget_settings.prechat.message).toEqual({
      en: 'Tell us who you are.',
      ja: 'お名前を教えてください。',
    });
    expect(await bootstrapPrechat(site.id)).toEqual({
      enabled: true,
      fields: [{ name: 'email', label: null, required: true }],
      message: { en: 'Tell us who you are.', ja: 'お名前を教えてください。' },
    });
    // What the admin view shows goes back unchanged.
    const roundTrip = await chat.call('PUT', `/v2/sites/${site.id}`, {
      body: { widget_settings: view.data.widget_settings },
    });
    expect(roundTrip.statusCode).toBe(200);
    expect(roundTrip.data.widget_settings).toEqual(view.data.widget_settings);
  });

  it('absent leaves it out (the widget uses its own text); null clears it', async () => {
    const plain = await newSite(form());
    expect(plain.statusCode).toBe(201);
    expect('message' in plain.data.widget_settings.prechat).toBe(false);
    expect('message' in (await bootstrapPrechat(plain.id))).toBe(false);

    const site = await newSite(form({ en: 'Hello' }));
    const cleared = await chat.call('PUT', `/v2/sites/${site.id}`, { body: { widget_settings: form(null) } });
    expect(cleared.statusCode).toBe(200);
    expect('message' in cleared.data.widget_settings.prechat).toBe(false);
    expect('message' in (await bootstrapPrechat(site.id))).toBe(false);
  });

  it('400 with field errors for a blank, too long, empty or unknown-language message', async () => {
    const detailsOf = (res: { data: { details?: { field: string; code: string }[] } }) =>
      (res.data.details ?? []).map((d) => ({ field: d.field, code: d.code }));
    const blank = await newSite(form({ en: '   ', ja: 'x'.repeat(501) }));
    expect(blank.statusCode).toBe(400);
    expect(detailsOf(blank)).toEqual(
      expect.arrayContaining([
        { field: 'widget_settings.prechat.message.en', code: 'invalid_value' },
        { field: 'widget_settings.prechat.message.ja', code: 'invalid_value' },
      ]),
    );
    const empty = await newSite(form({}));
    expect(empty.statusCode).toBe(400);
    expect(detailsOf(empty)).toContainEqual({
      field: 'widget_settings.prechat.message',
      code: 'invalid_value',
    });
    const french = await newSite(form({ fr: 'Bonjour' }));
    expect(french.statusCode).toBe(400);
    expect(detailsOf(french)).toContainEqual({
      field: 'widget_settings.prechat.message.fr',
      code: 'invalid_field',
    });
    expect((await chat.call('GET', `/v2/sites/pm-${siteCounter}`)).statusCode).toBe(404);
  });

  it('only admins set it', async () => {
    const site = await newSite(form());
    const agentToken = await createAgentToken(chat);
    const res = await chat.call('PUT', `/v2/sites/${site.id}`, {
      token: agentToken,
      body: { widget_settings: form({ en: 'Hijacked' }) },
    });
    expect(res.statusCode).toBe(403);
    expect('message' in (await bootstrapPrechat(site.id))).toBe(false);
  });
});
