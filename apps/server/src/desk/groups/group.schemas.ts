import { z } from 'zod';
import { bodyId, idParams, paginationQuery } from '../../platform/http/schemas.js';

export const UNASSIGNED_FOR = ['30m', '1h', '2h', '4h', '8h', '12h', '1d', '2d', '3d'] as const;

const groupFields = {
  description: z.string().max(10_000).nullable().optional(),
  agent_ids: z.array(bodyId).optional(),
  escalate_to: bodyId.nullable().optional(),
  unassigned_for: z.enum(UNASSIGNED_FOR).nullable().optional(),
  auto_ticket_assign: z.boolean().optional(),
  /** Stored as given: Desk has no business-hours calendars yet. */
  business_hour_id: bodyId.nullable().optional(),
};
const name = z.string().trim().min(1, 'It should not be blank').max(255);

export const createGroupBody = z.strictObject({ name, ...groupFields });
export type CreateGroupInput = z.infer<typeof createGroupBody>;

export const updateGroupBody = z.strictObject({ name: name.optional(), ...groupFields });
export type UpdateGroupInput = z.infer<typeof updateGroupBody>;

export const listGroupsSchema = { querystring: z.strictObject({ ...paginationQuery }) };
export const viewGroupSchema = { params: idParams };
export const createGroupSchema = { body: createGroupBody };
export const updateGroupSchema = { params: idParams, body: updateGroupBody };
export const deleteGroupSchema = { params: idParams };
