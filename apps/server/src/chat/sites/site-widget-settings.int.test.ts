import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { widgetCredentials } from '../realtime/realtime-test-helpers.js';
import { createAgentToken } from '../users/test-support.js';

const DEFAULTS = {
  prechat: { enabled: false, fields: [] },
  greeting: null,
  color: null,
  position: 'right',
};

describe.each(TEST_DATABASE_KINDS)('Chat site widget settings (%s)', (kind) => {
  let chat: TestChat;
  let widgetToken: string;
  let agentToken: string;
  let siteCounter = 0;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    widgetToken = (await widgetCredentials(chat)).widgetToken;
    agentToken = await createAgentToken(chat);
    for (const body of [
      { name: 'cf_plan', label: 'Plan', type: 'dropdown', choices: ['Free', 'Pro'] },
      { name: 'cf_company', label: 'Company', type: 'text' },
      { name: 'cf_seats', label: 'Seats', type: 'number' },
    ]) {
      expect((await chat.call('POST', '/v2/users/fields', { body })).statusCode).toBe(201);
    }
  });
  afterAll(async () => chat?.close());

  const newSite = async (widgetSettings?: unknown) => {
    const id = `ws-${++siteCounter}`;
    const res = await chat.call('POST', '/v2/sites', {
      body: { id, name: id, ...(widgetSettings !== undefined ? { widget_settings: widgetSettings } : {}) },
    });
    return Object.assign(res, { id });
  };
  const detailsOf = (res: { data: { details?: { field: string; code: string }[] } }) =>
    (res.data.details ?? []).map((d) => ({ field: d.field, code: d.code }));
  const bootstrap = async (siteId: string) => {
    const res = await chat.call('GET', `/v2/widget/bootstrap?token=${widgetToken}&site_id=${siteId}`, {
      token: null,
    });
    expect(res.statusCode).toBe(200);
    return res.data.settings.widget_settings;
  };

  const full = {
    prechat: {
      enabled: true,
      fields: [
        { name: 'first_name', label: { en: 'Your name', ja: 'お名前' }, required: true },
        { name: 'email', required: true },
        { name: 'cf_plan', label: 'Plan', required: false },
      ],
    },
    greeting: { en: 'Hi! How can we help?', ja: 'こんにちは' },
    color: '#1F6FEB',
    position: 'left',
  };

  it('admins set the settings on create; the admin view shows them normalized, GET too', async () => {
    const created = await newSite(full);
    expect(created.statusCode).toBe(201);
    const expected = {
      prechat: {
        enabled: true,
        fields: [
          { name: 'first_name', label: { en: 'Your name', ja: 'お名前' }, required: true },
          { name: 'email', label: null, required: true },
          { name: 'cf_plan', label: 'Plan', required: false },
        ],
      },
      greeting: { en: 'Hi! How can we help?', ja: 'こんにちは' },
      color: '#1f6feb',
      position: 'left',
    };
    expect(created.data.widget_settings).toEqual(expected);
    const view = await chat.call('GET', `/v2/sites/${created.id}`);
    expect(view.data.widget_settings).toEqual(expected);
    const listed = await chat.call('GET', '/v2/sites?items_per_page=50');
    expect(listed.data.sites.find((s: { id: string }) => s.id === created.id).widget_settings).toEqual(
      expected,
    );
    // What the admin view shows can be sent back as it is.
    const roundTrip = await chat.call('PUT', `/v2/sites/${created.id}`, {
      body: { widget_settings: view.data.widget_settings },
    });
    expect(roundTrip.statusCode).toBe(200);
    expect(roundTrip.data.widget_settings).toEqual(expected);
  });

  it('a site created without settings has the defaults; PUT replaces them as a whole; other PUTs keep them', async () => {
    const site = await newSite();
    expect(site.data.widget_settings).toEqual(DEFAULTS);
    const set = await chat.call('PUT', `/v2/sites/${site.id}`, { body: { widget_settings: full } });
    expect(set.statusCode).toBe(200);
    expect(set.data.widget_settings.prechat.fields).toHaveLength(3);
    const renamed = await chat.call('PUT', `/v2/sites/${site.id}`, { body: { name: 'Renamed' } });
    expect(renamed.data).toMatchObject({ name: 'Renamed', widget_settings: { color: '#1f6feb' } });
    const replaced = await chat.call('PUT', `/v2/sites/${site.id}`, {
      body: { widget_settings: { color: '#000000' } },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.data.widget_settings).toEqual({ ...DEFAULTS, color: '#000000' });
    const cleared = await chat.call('PUT', `/v2/sites/${site.id}`, {
      body: { widget_settings: { greeting: null, color: null, position: null } },
    });
    expect(cleared.data.widget_settings).toEqual(DEFAULTS);
    expect((await chat.call('GET', `/v2/sites/${site.id}`)).data.widget_settings).toEqual(DEFAULTS);
  });

  it('400 with a field error for each bad part of the settings', async () => {
    const res = await newSite({
      prechat: {
        enabled: 'yes',
        fields: [
          { name: 'zip', required: true },
          { name: 'email', label: 'x'.repeat(101), required: true },
          { name: 'phone', label: {}, required: false },
          { name: 'last_name' },
        ],
      },
      greeting: { fr: 'Bonjour' },
      color: 'blue',
      position: 'top',
      theme: 'dark',
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
    expect(detailsOf(res)).toEqual(
      expect.arrayContaining([
        { field: 'widget_settings.prechat.enabled', code: 'datatype_mismatch' },
        { field: 'widget_settings.prechat.fields.name', code: 'invalid_value' },
        { field: 'widget_settings.prechat.fields.label', code: 'invalid_value' },
        { field: 'widget_settings.prechat.fields.required', code: 'missing_field' },
        { field: 'widget_settings.greeting.fr', code: 'invalid_field' },
        { field: 'widget_settings.color', code: 'invalid_value' },
        { field: 'widget_settings.position', code: 'invalid_value' },
        { field: 'widget_settings.theme', code: 'invalid_field' },
      ]),
    );
    // The too-long label and the empty {} label are each reported.
    expect(detailsOf(res).filter((d) => d.field === 'widget_settings.prechat.fields.label')).toHaveLength(2);
    expect((await chat.call('GET', `/v2/sites/${res.id}`)).statusCode).toBe(404);

    const cases: [unknown, { field: string; code: string }][] = [
      [{ color: '#fff' }, { field: 'widget_settings.color', code: 'invalid_value' }],
      [{ color: '#12345g' }, { field: 'widget_settings.color', code: 'invalid_value' }],
      [{ greeting: {} }, { field: 'widget_settings.greeting', code: 'invalid_value' }],
      [
        { greeting: { en: 'x'.repeat(501) } },
        { field: 'widget_settings.greeting.en', code: 'invalid_value' },
      ],
      [{ greeting: 'Hello' }, { field: 'widget_settings.greeting', code: 'datatype_mismatch' }],
      [
        {
          prechat: {
            enabled: true,
            fields: [
              { name: 'email', required: true },
              { name: 'email', required: false },
            ],
          },
        },
        { field: 'widget_settings.prechat.fields.name', code: 'invalid_value' },
      ],
      [
        {
          prechat: {
            enabled: true,
            fields: Array.from({ length: 11 }, (_, i) => ({ name: `cf_f${i}`, required: false })),
          },
        },
        { field: 'widget_settings.prechat.fields', code: 'invalid_value' },
      ],
      [
        { prechat: { enabled: true, fields: [] } },
        { field: 'widget_settings.prechat.fields', code: 'invalid_value' },
      ],
      [{ prechat: { fields: [] } }, { field: 'widget_settings.prechat.enabled', code: 'missing_field' }],
      ['dark', { field: 'widget_settings', code: 'datatype_mismatch' }],
    ];
    for (const [settings, detail] of cases) {
      const one = await newSite(settings);
      expect(one.statusCode, JSON.stringify(settings)).toBe(400);
      expect(detailsOf(one), JSON.stringify(settings)).toEqual([detail]);
    }
  });

  it('a cf_ field must name a declared user property; every unknown one is reported', async () => {
    const res = await newSite({
      prechat: {
        enabled: true,
        fields: [
          { name: 'cf_plan', required: true },
          { name: 'cf_nope', required: true },
          { name: 'cf_missing', required: false },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.details).toEqual([
      {
        field: 'widget_settings.prechat.fields.name',
        code: 'invalid_value',
        message: expect.stringContaining("'cf_nope'"),
      },
      {
        field: 'widget_settings.prechat.fields.name',
        code: 'invalid_value',
        message: expect.stringContaining("'cf_missing'"),
      },
    ]);
    expect((await chat.call('GET', `/v2/sites/${res.id}`)).statusCode).toBe(404);

    // On update too, and a refused update leaves the stored settings as they were.
    const site = await newSite(full);
    const refused = await chat.call('PUT', `/v2/sites/${site.id}`, {
      body: {
        name: 'Changed',
        widget_settings: { prechat: { enabled: true, fields: [{ name: 'cf_nope', required: true }] } },
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(detailsOf(refused)).toEqual([
      { field: 'widget_settings.prechat.fields.name', code: 'invalid_value' },
    ]);
    const after = await chat.call('GET', `/v2/sites/${site.id}`);
    expect(after.data.name).toBe(site.id);
    expect(after.data.widget_settings.prechat.fields.map((f: { name: string }) => f.name)).toEqual([
      'first_name',
      'email',
      'cf_plan',
    ]);
  });

  it('only admins change the settings', async () => {
    const site = await newSite();
    const res = await chat.call('PUT', `/v2/sites/${site.id}`, {
      token: agentToken,
      body: { widget_settings: { color: '#000000' } },
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await chat.call('GET', `/v2/sites/${site.id}`, { token: agentToken })).data.widget_settings,
    ).toEqual(DEFAULTS);
  });

  it('the bootstrap gives the widget the settings, with each cf_ field’s definition', async () => {
    const site = await newSite({
      ...full,
      prechat: {
        enabled: true,
        fields: [
          ...full.prechat.fields,
          { name: 'cf_company', required: true },
          { name: 'cf_seats', label: { ja: '席数' }, required: false },
        ],
      },
    });
    expect(site.statusCode).toBe(201);
    expect(await bootstrap(site.id)).toEqual({
      prechat: {
        enabled: true,
        fields: [
          { name: 'first_name', label: { en: 'Your name', ja: 'お名前' }, required: true },
          { name: 'email', label: null, required: true },
          {
            name: 'cf_plan',
            label: 'Plan',
            required: false,
            property: { type: 'dropdown', label: 'Plan', choices: ['Free', 'Pro'] },
          },
          {
            name: 'cf_company',
            label: null,
            required: true,
            property: { type: 'text', label: 'Company', choices: [] },
          },
          {
            name: 'cf_seats',
            label: { ja: '席数' },
            required: false,
            property: { type: 'number', label: 'Seats', choices: [] },
          },
        ],
      },
      greeting: { en: 'Hi! How can we help?', ja: 'こんにちは' },
      color: '#1f6feb',
      position: 'left',
    });

    // Changed choices reach the widget at once; so does the settings' own change.
    await chat.call('PUT', '/v2/users/fields/cf_plan', { body: { choices: ['Free', 'Pro', 'Team'] } });
    const changed = await bootstrap(site.id);
    expect(changed.prechat.fields[2].property.choices).toEqual(['Free', 'Pro', 'Team']);
    await chat.call('PUT', `/v2/sites/${site.id}`, { body: { widget_settings: { position: 'right' } } });
    expect(await bootstrap(site.id)).toEqual(DEFAULTS);
  });

  it('a field whose property was deleted is left out of the widget’s view, not of the admin’s', async () => {
    expect(
      (
        await chat.call('POST', '/v2/users/fields', {
          body: { name: 'cf_temp', label: 'Temp', type: 'boolean' },
        })
      ).statusCode,
    ).toBe(201);
    const mixed = await newSite({
      prechat: {
        enabled: true,
        fields: [
          { name: 'cf_temp', required: true },
          { name: 'phone', required: false },
        ],
      },
    });
    const only = await newSite({ prechat: { enabled: true, fields: [{ name: 'cf_temp', required: true }] } });
    expect((await bootstrap(mixed.id)).prechat.fields).toHaveLength(2);
    expect((await chat.call('DELETE', '/v2/users/fields/cf_temp')).statusCode).toBe(204);

    expect((await bootstrap(mixed.id)).prechat).toEqual({
      enabled: true,
      fields: [{ name: 'phone', label: null, required: false }],
    });
    // Nothing left to ask: the form is off for the widget.
    expect((await bootstrap(only.id)).prechat).toEqual({ enabled: false, fields: [] });
    expect((await chat.call('GET', `/v2/sites/${only.id}`)).data.widget_settings.prechat.fields).toEqual([
      { name: 'cf_temp', label: null, required: true },
    ]);
  });
});
