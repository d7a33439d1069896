import { z } from 'zod';
import { pageQuery } from '../agents/index.js';

export const groupParams = z.object({ id: z.uuid({ error: 'It should be a group id (UUID)' }) });

const name = z
  .string()
  .trim()
  .min(1, 'It should not be blank')
  .max(100, 'It should be at most 100 characters');
const description = z.string().max(1000, 'It should be at most 1000 characters').nullable();
const routingType = z.enum(['round_robin', 'manual'], {
  error: "It should be one of 'round_robin', 'manual'",
});
const agents = z
  .array(z.uuid({ error: 'It should be an agent id (UUID)' }))
  .max(500, 'It should have at most 500 agents')
  .refine((ids) => new Set(ids).size === ids.length, {
    message: 'It should not repeat an agent',
    params: { code: 'invalid_value' },
  });

export const createGroupBody = z.strictObject({
  name,
  description: description.optional(),
  routing_type: routingType.default('round_robin'),
  agents: agents.default([]),
});

export const updateGroupBody = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  routing_type: routingType.optional(),
  agents: agents.optional(),
});

export const listGroupsQuery = z.object(pageQuery);

export type CreateGroupInput = z.infer<typeof createGroupBody>;
export type UpdateGroupInput = z.infer<typeof updateGroupBody>;
