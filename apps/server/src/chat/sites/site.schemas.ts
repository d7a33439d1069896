import { z } from 'zod';
import { chatPaginationQuery } from './pagination.js';

export const SITE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const siteId = z
  .string()
  .regex(SITE_ID_PATTERN, 'It should be 1 to 64 letters, digits, underscores or hyphens');

/**
 * An origin as browsers send it: `scheme://host[:port]`, http or https, no path, query or
 * credentials. Normalized (`https://Example.com:443` → `https://example.com`) so comparing with
 * an `Origin` header is a plain string match.
 */
export const origin = z.string().transform((value, ctx) => {
  const fail = () => {
    ctx.addIssue({
      code: 'custom',
      message: "It should be an origin such as 'https://www.example.com' (scheme://host[:port])",
      params: { code: 'invalid_value' },
    });
    return z.NEVER;
  };
  if (!/^https?:\/\/[^/?#@\s]+$/i.test(value)) return fail();
  try {
    const url = new URL(value);
    if (url.origin === 'null' || url.username || url.password) return fail();
    return url.origin;
  } catch {
    return fail();
  }
});

const name = z.string().trim().min(1, 'It should not be blank').max(255);

/** The contact fields a pre-chat form may ask for; anything else is a user property (`cf_…`). */
const PRECHAT_CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone'] as const;
export const isContactField = (name: string) => (PRECHAT_CONTACT_FIELDS as readonly string[]).includes(name);
const PRECHAT_MAX_FIELDS = 10;

const text = (max: number) =>
  z.string().trim().min(1, 'It should not be blank').max(max, `It should be at most ${max} characters`);

/** A text per widget language; at least one of them. */
const localized = (max: number) =>
  z
    .strictObject({ en: text(max).optional(), ja: text(max).optional() })
    .refine((value) => value.en !== undefined || value.ja !== undefined, {
      message: "It should have an 'en' or a 'ja' text",
      params: { code: 'invalid_value' },
    });

const prechatField = z.strictObject({
  name: z
    .string()
    .max(64)
    .refine((value) => isContactField(value) || value.startsWith('cf_'), {
      message: "It should be first_name, last_name, email, phone or a user property ('cf_…')",
      params: { code: 'invalid_value' },
    }),
  label: z
    .union([text(100), localized(100)], {
      error: 'It should be a text, or {en, ja} texts, of at most 100 characters',
    })
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  required: z.boolean(),
});

export interface PrechatForm {
  enabled: boolean;
  fields: z.output<typeof prechatField>[];
  message?: { en?: string; ja?: string };
}

const prechat = z
  .strictObject({
    enabled: z.boolean(),
    fields: z
      .array(prechatField)
      .max(PRECHAT_MAX_FIELDS, `It should have at most ${PRECHAT_MAX_FIELDS} fields`),
    // The text above the form (issue 7); absent or null: the widget's own.
    message: localized(500).nullable().optional(),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.fields.forEach((field, index) => {
      if (seen.has(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'name'],
          message: `'${field.name}' is asked for more than once`,
          params: { code: 'invalid_value' },
        });
      }
      seen.add(field.name);
    });
    if (form.enabled && form.fields.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: 'An enabled pre-chat form needs at least one field',
        params: { code: 'invalid_value' },
      });
    }
  })
  // A cleared message is left out, not stored as null: settings saved before it existed and
  // those saved without one read back alike.
  .transform(({ message, ...form }): PrechatForm => (message ? { ...form, message } : form));

/**
 * A site's widget settings (decisions/0011), stored as validated with every key present: what
 * is left out takes its default (no pre-chat form, the widget's own greeting and colour, the
 * launcher on the right). Whether a `cf_` field names a declared property is checked against
 * the database by the site commands.
 */
export const widgetSettings = z.strictObject({
  prechat: prechat.default({ enabled: false, fields: [] }),
  greeting: localized(500)
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "It should be a hex colour such as '#1f6feb'")
    .transform((value) => value.toLowerCase())
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  position: z
    .enum(['right', 'left'])
    .nullable()
    .optional()
    .transform((value) => value ?? 'right'),
});
export type WidgetSettings = z.output<typeof widgetSettings>;

/** The user properties (`cf_…`) the pre-chat form asks for. */
export const prechatPropertyNames = (settings: WidgetSettings): string[] =>
  settings.prechat.fields.map((field) => field.name).filter((name) => !isContactField(name));
const allowedOrigins = z
  .array(origin)
  .max(100, 'It should have at most 100 origins')
  .transform((list) => [...new Set(list)]);

export const createSiteBody = z.strictObject({
  id: siteId,
  name,
  allowed_origins: allowedOrigins.default([]),
  widget_settings: widgetSettings.optional(),
});

export const updateSiteBody = z.strictObject({
  name: name.optional(),
  allowed_origins: allowedOrigins.optional(),
  /** Replaces the settings as a whole, as allowed_origins does. */
  widget_settings: widgetSettings.optional(),
});

export const siteParams = z.object({ id: siteId });

export const listSitesQuery = z.object({ ...chatPaginationQuery });
