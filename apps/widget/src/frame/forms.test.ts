import { describe, expect, it } from 'vitest';
import {
  changesUser,
  fieldLabel,
  inputOf,
  meBodyOf,
  meBodyOfPageFields,
  pageUserOf,
  prechatConfigOf,
  prechatNeeded,
  serverFieldErrors,
  validateFields,
  type WidgetUser,
} from './forms.js';

const user = (over: Partial<WidgetUser> = {}): WidgetUser => ({
  id: 'u1',
  external_id: null,
  first_name: null,
  last_name: null,
  email: null,
  phone: null,
  properties: [],
  ...over,
});

describe('pre-chat form', () => {
  it('is off without settings, and reads only known fields from them', () => {
    expect(prechatConfigOf(undefined)).toBeUndefined();
    expect(prechatConfigOf({})).toBeUndefined();
    expect(prechatConfigOf({ prechat: { enabled: false, fields: [{ name: 'email' }] } })).toBeUndefined();
    expect(
      prechatConfigOf({
        prechat: {
          enabled: true,
          fields: [
            { name: 'first_name', required: true },
            { name: 'email', label: ' Work email ', required: true },
            { name: 'cf_plan', label: 'Plan' },
            { name: 'password', required: true },
            { name: 'email' },
            'junk',
          ],
        },
      }),
    ).toEqual({
      enabled: true,
      fields: [
        { name: 'first_name', required: true },
        { name: 'email', label: 'Work email', required: true },
        { name: 'cf_plan', label: 'Plan', required: false, property: { type: 'text', choices: [] } },
      ],
    });
  });

  it("keeps the site's message above the form, per language", () => {
    const config = prechatConfigOf({
      prechat: {
        enabled: true,
        fields: [{ name: 'email' }],
        message: { en: 'Tell us who you are', ja: 'お名前を' },
      },
    });
    expect(config?.message).toEqual({ en: 'Tell us who you are', ja: 'お名前を' });
    expect(prechatConfigOf({ prechat: { enabled: true, fields: [{ name: 'email' }] } })).not.toHaveProperty(
      'message',
    );
  });

  // The bootstrap's widget_settings (decision 0011): cf_ fields carry their property.
  const configured = prechatConfigOf({
    prechat: {
      enabled: true,
      fields: [
        { name: 'first_name', label: { en: 'Given name', ja: ' お名前 ' }, required: true },
        { name: 'email', label: { ja: 'メール' }, required: false },
        { name: 'phone', label: null, required: false },
        {
          name: 'cf_plan',
          label: null,
          required: true,
          property: { type: 'dropdown', label: 'Plan', choices: ['Free', 'Pro'] },
        },
        {
          name: 'cf_seats',
          label: 'Seats',
          required: false,
          property: { type: 'number', label: 'N', choices: [] },
        },
        {
          name: 'cf_since',
          required: false,
          property: { type: 'date', label: 'Customer since', choices: [] },
        },
        { name: 'cf_news', required: false, property: { type: 'boolean', label: 'Newsletter', choices: [] } },
        { name: 'cf_note', required: false, property: { type: 'text', label: 'Note', choices: [] } },
        { name: 'cf_odd', required: false, property: { type: 'dropdown', label: 'Odd', choices: [] } },
      ],
    },
  })!;
  const field = (name: string) => configured.fields.find((f) => f.name === name)!;

  it('labels fields in the visitor’s language, else English, else the property’s label', () => {
    expect(fieldLabel(field('first_name'), 'ja')).toBe('お名前');
    expect(fieldLabel(field('first_name'), 'en')).toBe('Given name');
    // Only a Japanese label: English visitors get the widget's own.
    expect(fieldLabel(field('email'), 'ja')).toBe('メール');
    expect(fieldLabel(field('email'), 'en')).toBeUndefined();
    expect(fieldLabel(field('phone'), 'en')).toBeUndefined();
    expect(fieldLabel(field('cf_plan'), 'ja')).toBe('Plan');
    expect(fieldLabel(field('cf_seats'), 'en')).toBe('Seats');
  });

  it('renders custom properties by their type', () => {
    expect(inputOf(field('email'))).toEqual({ kind: 'input', type: 'email', autocomplete: 'email' });
    expect(inputOf(field('cf_plan'))).toEqual({ kind: 'select', choices: ['Free', 'Pro'] });
    expect(inputOf(field('cf_seats'))).toEqual({ kind: 'input', type: 'number', autocomplete: 'off' });
    expect(inputOf(field('cf_since'))).toEqual({ kind: 'input', type: 'date', autocomplete: 'off' });
    expect(inputOf(field('cf_news'))).toEqual({ kind: 'checkbox' });
    expect(inputOf(field('cf_note'))).toEqual({ kind: 'input', type: 'text', autocomplete: 'off' });
    // A dropdown without choices could not be answered: it takes text.
    expect(inputOf(field('cf_odd'))).toEqual({ kind: 'input', type: 'text', autocomplete: 'off' });
  });

  it('sends custom properties with their JSON types', () => {
    expect(
      meBodyOf(configured.fields, {
        first_name: 'Mia',
        cf_plan: 'Pro',
        cf_seats: ' 12.5 ',
        cf_since: '2024-02-29',
        cf_news: 'true',
        cf_note: '',
      }),
    ).toEqual({
      first_name: 'Mia',
      properties: [
        { name: 'cf_plan', value: 'Pro' },
        { name: 'cf_seats', value: 12.5 },
        { name: 'cf_since', value: '2024-02-29' },
        { name: 'cf_news', value: true },
      ],
    });
    // A box left unticked is an answer too: false.
    expect(meBodyOf([field('cf_news'), field('cf_seats')], { cf_seats: '0' }).properties).toEqual([
      { name: 'cf_news', value: false },
      { name: 'cf_seats', value: 0 },
    ]);
  });

  it('checks custom properties by their type', () => {
    expect(
      validateFields(configured.fields, { first_name: 'Mia', cf_seats: 'many', cf_since: '29/02/2024' }),
    ).toEqual({
      cf_plan: 'required',
      cf_seats: 'invalidNumber',
      cf_since: 'invalidDate',
    });
    const mustAgree = { ...field('cf_news'), required: true };
    expect(validateFields([mustAgree], { cf_news: 'false' })).toEqual({ cf_news: 'required' });
    expect(validateFields([mustAgree], { cf_news: 'true' })).toEqual({});
  });

  const fields = [
    { name: 'first_name', required: true },
    { name: 'email', required: true },
    { name: 'phone', required: false },
    { name: 'cf_plan', required: false },
  ];

  it('checks required fields, email and phone before sending', () => {
    expect(validateFields(fields, { first_name: ' ', email: 'nope', phone: 'call me' })).toEqual({
      first_name: 'required',
      email: 'invalidEmail',
      phone: 'invalidPhone',
    });
    expect(
      validateFields(fields, { first_name: 'Mia', email: 'mia@example.com', phone: '+81 3-1234-5678' }),
    ).toEqual({});
  });

  it('sends contact fields as such and the rest as custom properties', () => {
    expect(
      meBodyOf(fields, { first_name: ' Mia ', email: 'mia@example.com', phone: '', cf_plan: 'pro' }),
    ).toEqual({
      first_name: 'Mia',
      email: 'mia@example.com',
      properties: [{ name: 'cf_plan', value: 'pro' }],
    });
  });

  it('puts the server’s field errors next to their fields, the rest on the form', () => {
    expect(
      serverFieldErrors(
        [
          { field: 'email', message: 'It should be a valid email' },
          { field: 'properties.cf_plan', message: 'Unknown plan' },
          { field: 'properties.value', message: 'Too long' },
        ],
        fields,
      ),
    ).toEqual({ email: 'It should be a valid email', cf_plan: 'Unknown plan', '': 'Too long' });
  });

  it('is needed while a field has no value on the user', () => {
    const config = prechatConfigOf({ prechat: { enabled: true, fields } })!;
    expect(prechatNeeded(undefined, user())).toBe(false);
    expect(prechatNeeded(config, user({ first_name: 'Mia', email: 'm@example.com' }))).toBe(true);
    expect(
      prechatNeeded(
        config,
        user({
          first_name: 'Mia',
          email: 'm@example.com',
          phone: '123456',
          properties: [{ name: 'cf_plan', value: 'pro' }],
        }),
      ),
    ).toBe(false);
  });
});

describe('page user fields', () => {
  it('maps B8’s names to the API’s and back', () => {
    const body = meBodyOfPageFields({
      firstName: 'Mia',
      email: ' mia@example.com ',
      phone: '',
      meta: { plan: 'pro' },
    });
    expect(body).toEqual({
      first_name: 'Mia',
      email: 'mia@example.com',
      properties: [{ name: 'plan', value: 'pro' }],
    });
    expect(changesUser(user({ first_name: 'Mia', email: 'mia@example.com' }), body)).toBe(true);
    expect(
      changesUser(
        user({ first_name: 'Mia', email: 'mia@example.com', properties: [{ name: 'plan', value: 'pro' }] }),
        body,
      ),
    ).toBe(false);
    expect(
      pageUserOf(user({ first_name: 'Mia', properties: [{ name: 'plan', value: 'pro' }] }), 'r-1'),
    ).toEqual({
      id: 'u1',
      restoreId: 'r-1',
      externalId: null,
      firstName: 'Mia',
      lastName: null,
      email: null,
      phone: null,
      meta: { plan: 'pro' },
    });
  });
});
