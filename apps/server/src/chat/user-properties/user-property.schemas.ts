import { z } from 'zod';

export const USER_PROPERTY_TYPES = ['text', 'number', 'boolean', 'date', 'dropdown'] as const;

/** `cf_` followed by snake_case, as custom properties are named in the model (e.g. `cf_plan`). */
export const propertyName = z
  .string()
  .regex(/^cf_[a-z0-9]+(_[a-z0-9]+)*$/, "It should start with 'cf_' and be snake_case (e.g. 'cf_plan')")
  .max(64);

const choices = z
  .array(z.string().trim().min(1, 'It should not contain blank values').max(255))
  .max(200)
  .refine((list) => new Set(list).size === list.length, {
    message: 'It should not contain duplicate values',
    params: { code: 'invalid_value' },
  });

const label = z.string().trim().min(1, 'It should not be blank').max(255);

export const createUserPropertyBody = z
  .strictObject({
    name: propertyName,
    label,
    type: z.enum(USER_PROPERTY_TYPES),
    choices: choices.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'dropdown' && !body.choices?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'A dropdown needs at least one choice',
        params: { code: body.choices ? 'invalid_value' : 'missing_field' },
      });
    }
    if (body.type !== 'dropdown' && body.choices?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'Only dropdown properties have choices',
        params: { code: 'invalid_value' },
      });
    }
  });

/** The type is fixed once created: stored values were checked against it. */
export const updateUserPropertyBody = z.strictObject({
  label: label.optional(),
  choices: choices.optional(),
});

export const userPropertyParams = z.object({ name: propertyName });
