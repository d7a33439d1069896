import { z } from 'zod';

const scalar = z.union([z.string().max(10_000), z.number(), z.boolean()], {
  error: 'It should be a string, number or boolean',
});

export const fieldMappingsBody = z.strictObject({
  mappings: z
    .array(
      z.strictObject({
        ticket_field: z.string().trim().min(1).max(255),
        attribute: z.string().trim().min(1).max(255),
        fixed_value: scalar.nullable().optional(),
        show_field: z.boolean().default(false),
      }),
    )
    .max(200),
});
export type FieldMappingsBody = z.output<typeof fieldMappingsBody>;

export const convertBody = z.strictObject({
  mode: z.enum(['new', 'existing']),
  ticket_id: z.number().int().positive().optional(),
  fields: z.record(z.string().min(1).max(255), scalar.nullable()).optional(),
  resolve: z.boolean().default(false),
});
export type ConvertBody = z.output<typeof convertBody>;

export const conversionParams = z.object({
  id: z.uuid({ error: 'It should be a conversation id (UUID)' }),
});
