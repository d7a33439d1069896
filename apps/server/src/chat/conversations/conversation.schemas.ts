import { z } from 'zod';

/** Only web links: a `javascript:` or `data:` URL in a part would run in the widget or inbox. */
const httpUrl = z.url({ protocol: /^https?$/, error: 'It should be an http(s) URL' }).max(2000);
const label = z.string().trim().min(1).max(200);

/** One message part (chat-v2.md B4): an object with exactly one of these keys. */
export const messagePart = z
  .strictObject({
    text: z.strictObject({ content: z.string().min(1).max(10_000) }).optional(),
    image: z.strictObject({ url: httpUrl }).optional(),
    file: z
      .strictObject({
        url: httpUrl,
        name: z.string().trim().min(1).max(255),
        file_size_in_bytes: z.number().int().min(0),
        content_type: z.string().trim().min(1).max(255),
      })
      .optional(),
    url_button: z
      .strictObject({
        url: httpUrl,
        label,
        target: z.enum(['_self', '_blank']).default('_blank'),
      })
      .optional(),
    quick_reply_button: z.strictObject({ label, payload: z.string().max(1000).optional() }).optional(),
  })
  .refine((part) => Object.values(part).filter((v) => v !== undefined).length === 1, {
    params: { code: 'invalid_value' },
    message: 'Each part should have exactly one of: text, image, file, url_button, quick_reply_button',
  });

export type MessagePart = z.output<typeof messagePart>;

export const messageParts = z
  .array(messagePart)
  .min(1, 'It should have 1 to 20 parts')
  .max(20, 'It should have 1 to 20 parts');

export const clientMessageId = z.string().trim().min(1).max(100);

/** A message as callers send it (POST …/messages and the first messages of a new conversation). */
export const sendMessageBody = z.strictObject({
  message_parts: messageParts,
  message_type: z.enum(['normal', 'private']).default('normal'),
  actor_type: z.enum(['user', 'agent']),
  actor_id: z.uuid({ error: 'It should be a user or agent id (UUID)' }),
  client_message_id: clientMessageId.optional(),
});
export type SendMessageBody = z.output<typeof sendMessageBody>;

const propertyValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()], {
  error: 'It should be a string, number, boolean or null',
});

/** `priority` plus custom `cf_*` properties with scalar values; null removes one on update. */
export const conversationProperties = z.record(z.string(), propertyValue).superRefine((props, ctx) => {
  for (const [key, value] of Object.entries(props)) {
    if (key === 'priority') {
      if (value !== null && !['Low', 'Medium', 'High', 'Urgent'].includes(value as string))
        ctx.addIssue({
          code: 'custom',
          path: [key],
          params: { code: 'invalid_value' },
          message: "It should be one of these values: 'Low,Medium,High,Urgent'",
        });
    } else if (!/^cf_[a-z0-9_]{1,60}$/.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        params: { code: 'invalid_field' },
        message: 'Properties are priority or cf_<name> (lower-case letters, digits, _)',
      });
    }
  }
});

const uuidOrNull = (what: string) => z.uuid({ error: `It should be ${what} id (UUID) or null` }).nullable();
const statuses = ['new', 'assigned', 'resolved', 'reopened'] as const;

export const createConversationBody = z.strictObject({
  users: z
    .array(z.strictObject({ id: z.uuid({ error: 'It should be a user id (UUID)' }) }))
    .length(1, 'It should name exactly one user'),
  messages: z.array(sendMessageBody).max(20).optional(),
  assigned_agent_id: uuidOrNull('an agent').optional(),
  assigned_group_id: uuidOrNull('a group').optional(),
  status: z.enum(statuses).optional(),
  properties: conversationProperties.optional(),
  // Accepted for Freshchat clients that always send them; Chat has one app and no channels.
  app_id: z.string().optional(),
  channel_id: z.string().optional(),
});
export type CreateConversationBody = z.output<typeof createConversationBody>;

export const updateConversationBody = z.strictObject({
  status: z.enum(statuses).optional(),
  assigned_agent_id: uuidOrNull('an agent').optional(),
  assigned_group_id: uuidOrNull('a group').optional(),
  properties: conversationProperties.optional(),
  channel_id: z.string().optional(),
});
export type UpdateConversationBody = z.output<typeof updateConversationBody>;

export const conversationParams = z.object({
  id: z.uuid({ error: 'It should be a conversation id (UUID)' }),
});

const limit = (max: number, fallback: number) =>
  z.coerce
    .number()
    .int(`It should be an integer from 1 to ${max}`)
    .min(1, `It should be an integer from 1 to ${max}`)
    .max(max, `It should be an integer from 1 to ${max}`)
    .default(fallback);

export const conversationViews = ['mine', 'unassigned', 'all', 'resolved'] as const;
export type ConversationView = (typeof conversationViews)[number];

export const listConversationsQuery = z.strictObject({
  view: z.enum(conversationViews).default('all'),
  agent_id: z.uuid({ error: 'It should be an agent id (UUID)' }).optional(),
  group_id: z.uuid({ error: 'It should be a group id (UUID)' }).optional(),
  site_id: z.string().min(1).max(100).optional(),
  limit: limit(50, 20),
  cursor: z.string().min(1).max(500).optional(),
});

export const listMessagesQuery = z.strictObject({
  after_seq: z.coerce
    .number()
    .int('It should be an integer ≥ 0')
    .min(0, 'It should be an integer ≥ 0')
    .default(0),
  limit: limit(100, 50),
});
