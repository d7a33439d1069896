import { z } from 'zod';
import { idParams, isoTimestamp, paginationQuery } from '../../platform/http/schemas.js';

const tooLong = (max: number) => ({
  error: (issue: { input?: unknown }) =>
    `Has ${String(issue.input ?? '').length} characters, it can have maximum of ${max} characters`,
});
const optionalText = (max = 255) => z.string().max(max, tooLong(max)).nullable().optional();

const name = z
  .string()
  .trim()
  .min(1, 'It should not be blank as this is a mandatory field')
  .max(255, tooLong(255));

// A host name: dot-separated labels of letters, digits and inner hyphens, with a TLD.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const domains = z.array(z.string().trim()).refine((list) => list.every((d) => DOMAIN.test(d)), {
  message: "It should contain elements that are in the 'valid domain name' format",
  params: { code: 'invalid_value' },
});

// Desk has no custom company fields yet, so any key is an unexpected field.
const customFields = z.strictObject({});

const companyFields = {
  description: optionalText(65535),
  note: optionalText(65535),
  domains: domains.optional(),
  health_score: optionalText(),
  account_tier: optionalText(),
  renewal_date: isoTimestamp.nullable().optional(),
  industry: optionalText(),
  custom_fields: customFields.optional(),
};

export const createCompanyBody = z.strictObject({ name, ...companyFields });
export const updateCompanyBody = z.strictObject({ name: name.optional(), ...companyFields });

export type CreateCompanyInput = z.infer<typeof createCompanyBody>;
export type UpdateCompanyInput = z.infer<typeof updateCompanyBody>;

export const createCompanySchema = { body: createCompanyBody };
export const viewCompanySchema = { params: idParams };
export const updateCompanySchema = { params: idParams, body: updateCompanyBody };
export const listCompaniesSchema = { querystring: z.strictObject({ ...paginationQuery }) };
export const autocompleteCompaniesSchema = {
  querystring: z.strictObject({ name: z.string().trim().min(1, 'It should not be blank') }),
};
