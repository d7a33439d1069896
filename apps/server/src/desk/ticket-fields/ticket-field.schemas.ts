import { z } from 'zod';
import { idParams } from '../../platform/http/schemas.js';
import { CUSTOM_FIELD_TYPES, FIELD_TYPES } from './field-types.js';

const label = z
  .string()
  .trim()
  .min(1, 'It should not be blank')
  .max(255, 'It should be at most 255 characters long');

const position = z
  .number()
  .int('It should be a/an Positive Integer')
  .positive('It should be a/an Positive Integer');

/** Dropdown choices as the admin API takes them: `[{value, position}]`. */
const choices = z
  .array(
    z.strictObject({
      value: z
        .string()
        .trim()
        .min(1, 'It should not be blank')
        .max(255, 'It should be at most 255 characters long'),
      position: position.optional(),
    }),
  )
  .min(1, 'It should contain at least 1 choice');

const fieldProperties = {
  label_for_customers: label.optional(),
  description: z.string().max(1000).nullable().optional(),
  position: position.optional(),
  required_for_agents: z.boolean().optional(),
  required_for_customers: z.boolean().optional(),
  required_for_closure: z.boolean().optional(),
  customers_can_edit: z.boolean().optional(),
  displayed_to_customers: z.boolean().optional(),
  choices: choices.optional(),
};

export const createTicketFieldBody = z.strictObject({
  label,
  type: z.enum(CUSTOM_FIELD_TYPES),
  ...fieldProperties,
});
export type CreateTicketFieldInput = z.infer<typeof createTicketFieldBody>;

export const updateTicketFieldBody = z.strictObject({
  label: label.optional(),
  // Default types are accepted so a client may send a field back unchanged; changes are checked.
  type: z.enum(FIELD_TYPES).optional(),
  ...fieldProperties,
});
export type UpdateTicketFieldInput = z.infer<typeof updateTicketFieldBody>;

export const listTicketFieldsSchema = {
  querystring: z.strictObject({ type: z.enum(FIELD_TYPES).optional() }),
};
export const viewTicketFieldSchema = { params: idParams };
export const createTicketFieldSchema = { body: createTicketFieldBody };
export const updateTicketFieldSchema = { params: idParams, body: updateTicketFieldBody };
