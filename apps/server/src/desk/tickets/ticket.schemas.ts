import { z } from 'zod';
import {
  bodyId,
  email,
  emailList,
  id,
  idParams,
  isoTimestamp,
  paginationQuery,
} from '../../platform/http/schemas.js';

/** Integer enumerations (status, priority, source) with Freshdesk's "one of these values" message. */
const enumOf = (values: readonly number[]) =>
  z.number().refine((v) => values.includes(v), {
    message: `It should be one of these values: '${values.join(',')}'`,
    params: { code: 'invalid_value' },
  });

export const TICKET_STATUSES = [2, 3, 4, 5] as const;
export const TICKET_PRIORITIES = [1, 2, 3, 4] as const;
export const TICKET_SOURCES = [1, 2, 3, 7, 9, 10] as const;

const text = z.string().max(255, 'Has 255 characters, it can have maximum of 255 characters');
const identity = z.string().trim().min(1, 'It should not be blank').max(255);

// Files come only through multipart (read before validation, never part of the JSON body);
// an empty list in JSON is tolerated because some clients always send the key.
const noJsonAttachments = z.array(z.unknown()).refine((v) => v.length === 0, {
  message: 'Attachments must be sent as multipart/form-data',
  params: { code: 'invalid_value' },
});

const writableFields = {
  name: text,
  requester_id: bodyId,
  email,
  phone: identity,
  twitter_id: identity,
  facebook_id: identity,
  unique_external_id: identity,
  subject: text,
  type: z.string().max(255).nullable(),
  status: enumOf(TICKET_STATUSES),
  priority: enumOf(TICKET_PRIORITIES),
  source: enumOf(TICKET_SOURCES),
  description: z.string(),
  responder_id: bodyId.nullable(),
  group_id: bodyId.nullable(),
  company_id: bodyId.nullable(),
  product_id: bodyId.nullable(),
  email_config_id: bodyId.nullable(),
  tags: z.array(text),
  custom_fields: z.record(z.string(), z.unknown()),
  due_by: isoTimestamp,
  fr_due_by: isoTimestamp,
  attachments: noJsonAttachments,
};

export const createTicketBody = z.strictObject({ ...writableFields, cc_emails: emailList }).partial();
export type CreateTicketInput = z.infer<typeof createTicketBody>;

export const updateTicketBody = z.strictObject(writableFields).partial().default({});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

/**
 * `include=a,b` checked as one string, so an unknown value is an `invalid_value` on `include`
 * (checking the split array would point the error at an index of the raw string).
 */
const includeList = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .refine((v) => v.split(',').every((s) => s.trim() === '' || allowed.includes(s.trim() as T)), {
      message: `It should be one of these values: '${allowed.join(',')}'`,
      params: { code: 'invalid_value' },
    })
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s): s is T => s !== ''),
    );

export const TICKET_INCLUDES = ['conversations', 'requester', 'company', 'stats'] as const;
export const LIST_INCLUDES = ['stats', 'requester', 'description'] as const;

export const viewTicketSchema = {
  params: idParams,
  querystring: z.strictObject({ include: includeList(TICKET_INCLUDES).optional() }),
};

export const listTicketsQuery = z
  .strictObject({
    filter: z.enum(['new_and_my_open', 'watching', 'spam', 'deleted']).optional(),
    requester_id: id.optional(),
    email: email.optional(),
    unique_external_id: z.string().min(1).optional(),
    company_id: id.optional(),
    updated_since: isoTimestamp.optional(),
    order_by: z.enum(['created_at', 'due_by', 'updated_at', 'status']).default('created_at'),
    order_type: z.enum(['asc', 'desc']).default('desc'),
    include: includeList(LIST_INCLUDES).optional(),
    // Freshdesk pages ticket lists up to page 300 (30,000 tickets at 100 per page).
    page: z.coerce
      .number()
      .int('It should be a Positive Integer less than or equal to 300')
      .min(1, 'It should be a Positive Integer less than or equal to 300')
      .max(300, 'It should be a Positive Integer less than or equal to 300')
      .optional(),
    per_page: paginationQuery.per_page,
    // Desk extensions (the agent views). `cursor` switches to keyset paging: '' for the first page,
    // then the value from the Link header; it has no depth limit and no 30-day default window.
    cursor: z.string().max(512).optional(),
    status: z
      .string()
      .regex(/^\d+(,\d+)*$/, "It should be a comma separated list of statuses, like '2,3'")
      .transform((v) => v.split(',').map(Number))
      .optional(),
    priority: z.coerce.number().pipe(enumOf(TICKET_PRIORITIES)).optional(),
    group_id: id.optional(),
    responder_id: z.union([z.literal('none').transform(() => null), id]).optional(),
  })
  .refine((q) => q.cursor === undefined || q.page === undefined, {
    message: 'Use either page or cursor, not both',
    path: ['cursor'],
    params: { code: 'invalid_value' },
  });
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const pageQuery = z.strictObject(paginationQuery);

const body = z.string().refine((v) => v.trim() !== '', {
  message: 'It should not be blank',
  params: { code: 'invalid_value' },
});

export const replyBody = z.strictObject({
  body,
  from_email: email.optional(),
  user_id: bodyId.optional(),
  cc_emails: emailList.optional(),
  bcc_emails: emailList.optional(),
  attachments: noJsonAttachments.optional(),
});
export type ReplyInput = z.infer<typeof replyBody>;

export const noteBody = z.strictObject({
  body,
  private: z.boolean().optional(),
  incoming: z.boolean().optional(),
  notify_emails: emailList.optional(),
  user_id: bodyId.optional(),
  attachments: noJsonAttachments.optional(),
});
export type NoteInput = z.infer<typeof noteBody>;

export const updateConversationBody = z.strictObject({ body });
export type UpdateConversationInput = z.infer<typeof updateConversationBody>;

/** Multipart field names whose string values are coerced to numbers / booleans before validation. */
export const MULTIPART_NUMBERS = new Set([
  'requester_id',
  'status',
  'priority',
  'source',
  'responder_id',
  'group_id',
  'company_id',
  'product_id',
  'email_config_id',
  'user_id',
]);
export const MULTIPART_BOOLEANS = new Set(['private', 'incoming']);

export { idParams };
