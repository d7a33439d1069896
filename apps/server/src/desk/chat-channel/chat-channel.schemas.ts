import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'It should not be blank').max(max);

/**
 * `PUT /api/v2/admin/chat_channel`: the fields sent replace the stored ones, the rest stay.
 * Secrets are write-only: leave them out to keep them, send null to remove them.
 */
export const updateChatChannelBody = z.strictObject({
  enabled: z.boolean().optional(),
  chat_url: z.string().trim().max(2048).nullable().optional(),
  app_id: text(255).nullable().optional(),
  widget_token: text(2000).nullable().optional(),
  /** Chat's identity verification secret (Chat > Admin > Identity verification). */
  identity_secret: text(2000).nullable().optional(),
  /** A Chat API token of an admin: lets Desk create the portals' sites in Chat. */
  api_token: text(2000).nullable().optional(),
});
export type UpdateChatChannelInput = z.infer<typeof updateChatChannelBody>;

const requiredSite = z.object({
  site_id: z.string(),
  portal_id: z.number().int(),
  allowed_origins: z.array(z.string()),
});

/** The settings as admins see them: never a secret, only whether one is set. */
export const chatChannelView = z.object({
  enabled: z.boolean(),
  chat_url: z.string().nullable(),
  app_id: z.string().nullable(),
  widget_token: z.string().nullable(),
  identity_secret_set: z.boolean(),
  api_token_set: z.boolean(),
  verified_at: z.string().nullable(),
  updated_at: z.string().nullable(),
  sites: z.object({
    /** True when Desk creates and updates these sites in Chat itself (an API token is set). */
    managed_by_desk: z.boolean(),
    /** What the admin has to do about sites, in plain words. */
    message: z.string(),
    required: z.array(requiredSite),
  }),
});
export type ChatChannelView = z.infer<typeof chatChannelView>;

export const viewChatChannelSchema = { response: { 200: chatChannelView } };
export const updateChatChannelSchema = { body: updateChatChannelBody, response: { 200: chatChannelView } };
