import { z } from 'zod';
import { clientMessageId } from '../conversations/index.js';
import { SITE_ID_PATTERN } from '../sites/index.js';
import { updateUserBody } from '../users/index.js';

const credential = z.string().trim().min(1, 'It should not be blank').max(2000);

/**
 * What a widget user may change of themselves: names, email, phone and custom properties,
 * validated as the users API does. Never `reference_id` (only a verified external id sets it)
 * nor the avatar URL (agents' browsers would load whatever it points at).
 */
export const updateMeBody = updateUserBody.pick({
  first_name: true,
  last_name: true,
  email: true,
  phone: true,
  properties: true,
});
export type UpdateMeBody = z.output<typeof updateMeBody>;

export const createSessionBody = z.strictObject({
  /** Optional: the widget token names the account; when sent, it must be that account's app id. */
  app_id: credential.optional(),
  widget_token: credential,
  site_id: z.string().regex(SITE_ID_PATTERN, 'It should be 1 to 64 letters, digits, underscores or hyphens'),
  restore_id: credential.optional(),
  external_id: z.string().trim().min(1, 'It should not be blank').max(255).optional(),
  signature: credential.optional(),
  jwt: credential.optional(),
  /**
   * The host page's origin as the widget iframe learned it (the parent's postMessage origin):
   * checked against the site's allowed origins like an Origin header.
   */
  page_origin: z.string().max(2000).optional(),
  user: updateMeBody.optional(),
});
export type CreateSessionBody = z.output<typeof createSessionBody>;

const fileUrl = z.string().trim().min(1).max(2000);

/**
 * A part a widget user may send: text, or an image or file uploaded with
 * POST /v2/widget/files/upload (named by its URL; name, size and type are taken from the
 * stored file). Buttons are for agents and bots.
 */
export const widgetPart = z
  .strictObject({
    text: z.strictObject({ content: z.string().min(1).max(10_000) }).optional(),
    image: z.object({ url: fileUrl }).optional(),
    file: z.object({ url: fileUrl }).optional(),
  })
  .refine((part) => Object.values(part).filter((v) => v !== undefined).length === 1, {
    params: { code: 'invalid_value' },
    message: 'Each part should have exactly one of: text, image, file',
  });
export type WidgetPart = z.output<typeof widgetPart>;

export const widgetMessageBody = z.strictObject({
  message_parts: z
    .array(widgetPart)
    .min(1, 'It should have 1 to 20 parts')
    .max(20, 'It should have 1 to 20 parts'),
  client_message_id: clientMessageId.optional(),
});
export type WidgetMessageBody = z.output<typeof widgetMessageBody>;

export const listWidgetConversationsQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int('It should be an integer from 1 to 50')
    .min(1, 'It should be an integer from 1 to 50')
    .max(50, 'It should be an integer from 1 to 50')
    .default(20),
  cursor: z.string().min(1).max(500).optional(),
});

export const widgetCsatBody = z.strictObject({
  rating: z.number().refine((v) => Number.isInteger(v) && v >= 1 && v <= 5, {
    params: { code: 'invalid_value' },
    message: 'It should be an integer from 1 to 5',
  }),
  review: z.string().trim().max(5000).nullish(),
});
export type WidgetCsatBody = z.output<typeof widgetCsatBody>;
