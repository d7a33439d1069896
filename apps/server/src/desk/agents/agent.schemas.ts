import { z } from 'zod';
import { bodyId, email, idParams, paginationQuery } from '../../platform/http/schemas.js';

/** A JSON number restricted to a few values: wrong type → datatype_mismatch, else invalid_value. */
const numberIn = <T extends number>(values: readonly [T, ...T[]]) => z.number().pipe(z.literal(values));

const ticketScope = numberIn([1, 2, 3]);
/** Only support agents exist in Desk; field agents and collaborators are not offered. */
const agentType = numberIn([1]);
const roleIds = z.array(bodyId).min(1, 'It should contain at least 1 element');
const groupIds = z.array(bodyId);
/** Desk has no skills yet, so the only valid list is the empty one. */
const skillIds = z.array(bodyId).max(0, 'There are no skills in this account');
const name = z.string().trim().min(1, 'It should not be blank').max(255);
const language = z.string().trim().min(2, 'It should be a language code').max(16);
const timeZone = z.string().trim().min(1, 'It should not be blank').max(100);
const signature = z.string().max(10_000).nullable();
/**
 * Tandem extension: the password the agent signs in to the Desk UI with, set by an admin
 * (Desk sends no invitation mail yet). Write-only: never answered.
 */
const password = z
  .string()
  .min(8, 'It should be at least 8 characters long')
  .max(1024, 'It should be at most 1024 characters long');

const agentFields = {
  occasional: z.boolean().optional(),
  signature: signature.optional(),
  role_ids: roleIds.optional(),
  group_ids: groupIds.optional(),
  skill_ids: skillIds.optional(),
  name: name.optional(),
  language: language.optional(),
  time_zone: timeZone.optional(),
  agent_type: agentType.optional(),
};

export const createAgentBody = z.strictObject({
  email,
  ticket_scope: ticketScope,
  ...agentFields,
  password: password.optional(),
});
export type CreateAgentInput = z.infer<typeof createAgentBody>;

export const updateAgentBody = z.strictObject({
  email: email.optional(),
  ticket_scope: ticketScope.optional(),
  ...agentFields,
  /** Tandem extension: false deactivates the agent (its key answers 401 at once), true reactivates. */
  active: z.boolean().optional(),
  password: password.optional(),
});
export type UpdateAgentInput = z.infer<typeof updateAgentBody>;

export const makeAgentBody = z
  .strictObject({
    occasional: z.boolean().optional(),
    signature: signature.optional(),
    ticket_scope: ticketScope.optional(),
    role_ids: roleIds.optional(),
    group_ids: groupIds.optional(),
    skill_ids: skillIds.optional(),
    agent_type: agentType.optional(),
  })
  // The body is optional: Fastify hands over null when none was sent.
  .nullish();
export type MakeAgentInput = NonNullable<z.infer<typeof makeAgentBody>>;

export const listAgentsSchema = {
  querystring: z.strictObject({
    ...paginationQuery,
    email: z.string().optional(),
    mobile: z.string().optional(),
    phone: z.string().optional(),
    state: z.enum(['fulltime', 'occasional']).optional(),
  }),
};

export const autocompleteAgentsSchema = {
  querystring: z.strictObject({ term: z.string().trim().min(1, 'It should not be blank').max(255) }),
};

export const viewAgentSchema = { params: idParams };
export const createAgentSchema = { body: createAgentBody };
export const updateAgentSchema = { params: idParams, body: updateAgentBody };
export const deleteAgentSchema = { params: idParams };
export const makeAgentSchema = { params: idParams, body: makeAgentBody };
export const regenerateApiKeySchema = { params: idParams };
