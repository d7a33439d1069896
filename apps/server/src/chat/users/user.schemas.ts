import { z } from 'zod';
import { email, isoTimestamp } from '../../platform/http/schemas.js';
import { chatPaginationQuery, SITE_ID_PATTERN } from '../sites/index.js';

const siteId = z
  .string()
  .regex(SITE_ID_PATTERN, 'It should be 1 to 64 letters, digits, underscores or hyphens');
const userId = z.uuid({ error: 'It should be a user id (UUID)' });
const name = z.string().trim().max(255).nullable();
const phone = z.string().trim().min(1, 'It should not be blank').max(50).nullable();
const referenceId = z.string().trim().min(1, 'It should not be blank').max(255);

const properties = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(64),
      value: z.unknown(),
    }),
  )
  .max(100);

const profile = {
  reference_id: referenceId.nullable().optional(),
  first_name: name.optional(),
  last_name: name.optional(),
  email: email.nullable().optional(),
  phone: phone.optional(),
  avatar: z
    .strictObject({
      url: z
        .url({ protocol: /^https?$/, error: 'It should be an http(s) URL' })
        .max(2048)
        .nullable(),
    })
    .nullable()
    .optional(),
  properties: properties.optional(),
};

export const createUserBody = z.strictObject({ site_id: siteId.optional(), ...profile });

/** A user's site is fixed: moving users between sites would undo site isolation (C3). */
export const updateUserBody = z.strictObject(profile);

export const userParams = z.object({ id: userId });

export const fetchUsersBody = z.strictObject({
  ids: z
    .array(userId)
    .min(1, 'It should contain at least one id')
    .max(100, 'It should contain at most 100 ids'),
});

export const listUsersQuery = z.object({
  site_id: siteId.optional(),
  reference_id: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  created_from: isoTimestamp.optional(),
  created_to: isoTimestamp.optional(),
  sort_order: z.enum(['asc', 'desc']).default('asc'),
  ...chatPaginationQuery,
});

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
