import { z } from 'zod';
import {
  bodyId,
  email,
  id,
  idParams,
  isoTimestamp,
  paginationQuery,
  queryBoolean,
} from '../../platform/http/schemas.js';

/** Languages a contact may have: the locale codes the Freshdesk API accepts. */
export const CONTACT_LANGUAGES = [
  'ar',
  'bs',
  'bg',
  'ca',
  'zh-CN',
  'zh-TW',
  'hr',
  'cs',
  'da',
  'nl',
  'en',
  'et',
  'fi',
  'fr',
  'de',
  'el',
  'he',
  'hu',
  'is',
  'id',
  'it',
  'ja-JP',
  'ko',
  'lv-LV',
  'lt',
  'ms',
  'nb-NO',
  'pl',
  'pt-BR',
  'pt-PT',
  'ro',
  'ru-RU',
  'sr',
  'sk',
  'sl',
  'es-LA',
  'es',
  'sv-SE',
  'th',
  'tr',
  'uk',
  'vi',
] as const;

/** The contact attributes of which at least one must be set (Freshdesk's "one of" group). */
export const CONTACT_IDENTIFIERS = ['email', 'mobile', 'phone', 'twitter_id', 'unique_external_id'] as const;
export const ONE_OF_IDENTIFIERS_MESSAGE =
  'Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields';

const tooLong = (max: number) => ({
  error: (issue: { input?: unknown }) =>
    `Has ${String(issue.input ?? '').length} characters, it can have maximum of ${max} characters`,
});
const text = (max = 255) => z.string().max(max, tooLong(max));
const optionalText = (max = 255) => text(max).nullable().optional();

const name = z
  .string()
  .trim()
  .min(1, 'It should not be blank as this is a mandatory field')
  .max(255, tooLong(255));

const otherEmails = z
  .array(z.string())
  .max(10, 'It should have at most 10 elements')
  // One error for the field however many elements are wrong, as Freshdesk reports it.
  .refine((list) => list.every((e) => e.length <= 255 && email.safeParse(e).success), {
    message: "It should contain elements that are in the 'valid email address' format",
    params: { code: 'invalid_value' },
  });

const tags = z.array(z.string().trim().min(1, 'It should not contain empty elements').max(32, tooLong(32)));

// Desk has no custom contact fields yet, so any key is an unexpected field.
const customFields = z.strictObject({});

const contactFields = {
  email: email.nullable().optional(),
  other_emails: otherEmails.optional(),
  phone: optionalText(),
  mobile: optionalText(),
  twitter_id: optionalText(),
  unique_external_id: optionalText(),
  company_id: bodyId.nullable().optional(),
  view_all_tickets: z.boolean().optional(),
  address: optionalText(),
  description: optionalText(65535),
  job_title: optionalText(),
  language: z.enum(CONTACT_LANGUAGES).optional(),
  time_zone: text().trim().min(1, 'It should not be blank').optional(),
  tags: tags.optional(),
  custom_fields: customFields.optional(),
};

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '';

export const createContactBody = z.strictObject({ name, ...contactFields }).superRefine(
  (body, ctx) => {
    // Runs even when other attributes failed, so every error is reported at once; the body is
    // then unvalidated input, hence the defensive read.
    const values = (body ?? {}) as Record<string, unknown>;
    if (CONTACT_IDENTIFIERS.some((key) => isSet(values[key]))) return;
    for (const key of CONTACT_IDENTIFIERS) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: ONE_OF_IDENTIFIERS_MESSAGE,
        params: { code: 'missing_field' },
      });
    }
  },
  {
    when: (payload) =>
      typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  },
);

export const updateContactBody = z.strictObject({ name: name.optional(), ...contactFields });

export type CreateContactInput = z.infer<typeof createContactBody>;
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const createContactSchema = { body: createContactBody };
export const viewContactSchema = { params: idParams };
export const updateContactSchema = { params: idParams, body: updateContactBody };
/** Restore takes no attributes; no body (Fastify passes null), an empty body or `{}` is fine. */
export const restoreContactSchema = { params: idParams, body: z.strictObject({}).nullish() };
export const hardDeleteContactSchema = {
  params: idParams,
  querystring: z.strictObject({ force: queryBoolean.optional() }),
};

export const listContactsSchema = {
  querystring: z.strictObject({
    email: email.optional(),
    mobile: z.string().optional(),
    phone: z.string().optional(),
    company_id: id.optional(),
    state: z.enum(['blocked', 'deleted', 'unverified', 'verified']).optional(),
    _updated_since: isoTimestamp.optional(),
    ...paginationQuery,
  }),
};

export const autocompleteContactsSchema = {
  querystring: z.strictObject({ term: z.string().trim().min(1, 'It should not be blank') }),
};
