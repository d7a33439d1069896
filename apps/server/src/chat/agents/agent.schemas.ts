import { z } from 'zod';
import { pageQuery } from './pagination.js';

const uuidOf = (what: string) => z.uuid({ error: `It should be ${what} id (UUID)` });

export const agentParams = z.object({ id: uuidOf('an agent') });

const email = z
  .email({ error: "It should be in the 'valid email address' format" })
  .max(255, 'It should be at most 255 characters');
const name = (max: number) =>
  z.string().trim().min(1, 'It should not be blank').max(max, `It should be at most ${max} characters`);
const password = z
  .string()
  .min(10, 'It should be at least 10 characters')
  .max(128, 'It should be at most 128 characters');
const groups = z
  .array(uuidOf('a group'))
  .max(100, 'It should have at most 100 groups')
  .refine((ids) => new Set(ids).size === ids.length, {
    message: 'It should not repeat a group',
    params: { code: 'invalid_value' },
  });
const maxConcurrentChats = z
  .number()
  .int('It should be an integer from 1 to 50')
  .min(1, 'It should be an integer from 1 to 50')
  .max(50, 'It should be an integer from 1 to 50');
const avatar = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'It should be an http(s) URL' })
    .max(2048)
    .nullable(),
});
// Nobody creates or becomes an owner: there is one, made at first start.
const roleName = z.enum(['admin', 'agent'], { error: "It should be one of 'admin', 'agent'" });
const availabilityStatus = z.enum(['AVAILABLE', 'UNAVAILABLE'], {
  error: "It should be one of 'AVAILABLE', 'UNAVAILABLE'",
});

export const createAgentBody = z.strictObject({
  email,
  first_name: name(100),
  last_name: name(100).nullable().optional(),
  role_name: roleName.default('agent'),
  password: password.optional(),
  groups: groups.default([]),
  max_concurrent_chats: maxConcurrentChats.default(5),
  avatar: avatar.optional(),
});

export const updateAgentBody = z.strictObject({
  email: email.optional(),
  first_name: name(100).optional(),
  last_name: name(100).nullable().optional(),
  role_name: roleName.optional(),
  password: password.optional(),
  groups: groups.optional(),
  max_concurrent_chats: maxConcurrentChats.optional(),
  avatar: avatar.optional(),
  // false reactivates a deactivated agent; true deactivates like DELETE.
  is_deactivated: z.boolean().optional(),
});

export const availabilityBody = z.strictObject({ availability_status: availabilityStatus });

export const listAgentsQuery = z.object({
  ...pageQuery,
  email: email.optional(),
  availability_status: availabilityStatus.optional(),
  group_id: uuidOf('a group').optional(),
});

export const loginBody = z.strictObject({
  email: z.string().trim().min(1, 'It should not be blank').max(255),
  password: z.string().min(1, 'It should not be blank').max(1024),
});

export type CreateAgentInput = z.infer<typeof createAgentBody>;
export type UpdateAgentInput = z.infer<typeof updateAgentBody>;

/** Accepting an invitation (B4): the token from the link, and the password the agent chooses. */
export const invitationParams = z.object({
  token: z.string().regex(/^[\w-]{43}$/, 'It should be an invitation token'),
});
export const acceptInvitationBody = z.strictObject({ password });
