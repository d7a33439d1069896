import { validationError } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import { checkCompanyUniqueness, normalizeDomains, rethrowAsDuplicate } from '../company-checks.js';
import { insertCompany, type CompanyRow } from '../company.repository.js';
import type { CreateCompanyInput } from '../company.schemas.js';

/** Creates a company; its name and domains must be unused. */
export async function createCompany(ctx: DeskContext, input: CreateCompanyInput): Promise<CompanyRow> {
  const domains = normalizeDomains(input.domains ?? []);
  const errors = await checkCompanyUniqueness(ctx.db, { name: input.name, domains });
  if (errors.length) throw validationError(errors);
  try {
    return await insertCompany(ctx.db, {
      name: input.name,
      description: input.description ?? null,
      note: input.note ?? null,
      domains,
      health_score: input.health_score ?? null,
      account_tier: input.account_tier ?? null,
      renewal_date: input.renewal_date ?? null,
      industry: input.industry ?? null,
      custom_fields: {},
    });
  } catch (error) {
    return rethrowAsDuplicate(ctx.db, error, input.name);
  }
}
