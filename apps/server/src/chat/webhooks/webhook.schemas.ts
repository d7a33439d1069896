import { z } from 'zod';
import { pageQuery } from '../agents/index.js';

export const WEBHOOK_EVENTS = [
  'message_create',
  'conversation_assignment',
  'conversation_resolution',
  'conversation_reopen',
] as const;

const url = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const parsed = new URL(value);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { params: { code: 'invalid_value' }, message: 'It should be an http(s) URL' },
  );

const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'It should list at least one event')
  .refine((list) => new Set(list).size === list.length, {
    params: { code: 'invalid_value' },
    message: 'It should not list an event twice',
  });

export const createWebhookBody = z.strictObject({ url, events, active: z.boolean().optional() });
export const updateWebhookBody = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  active: z.boolean().optional(),
});
export const webhookParams = z.object({ id: z.uuid({ error: 'It should be a webhook id (UUID)' }) });
export const listQuery = z.object(pageQuery);
