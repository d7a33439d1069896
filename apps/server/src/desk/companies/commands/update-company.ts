import { validationError } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import { checkCompanyUniqueness, normalizeDomains, rethrowAsDuplicate } from '../company-checks.js';
import {
  updateCompany as updateCompanyRow,
  type CompanyChanges,
  type CompanyRow,
} from '../company.repository.js';
import type { UpdateCompanyInput } from '../company.schemas.js';

/** Applies a partial update; a new name or domains must be unused by other companies. */
export async function updateCompany(
  ctx: DeskContext,
  company: CompanyRow,
  input: UpdateCompanyInput,
): Promise<CompanyRow> {
  const domains = input.domains === undefined ? undefined : normalizeDomains(input.domains);
  const errors = await checkCompanyUniqueness(ctx.db, { name: input.name, domains }, company.id);
  if (errors.length) throw validationError(errors);
  const changes: CompanyChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description;
  if (input.note !== undefined) changes.note = input.note;
  if (domains !== undefined) changes.domains = domains;
  if (input.health_score !== undefined) changes.health_score = input.health_score;
  if (input.account_tier !== undefined) changes.account_tier = input.account_tier;
  if (input.renewal_date !== undefined) changes.renewal_date = input.renewal_date;
  if (input.industry !== undefined) changes.industry = input.industry;
  try {
    return await updateCompanyRow(ctx.db, company.id, changes);
  } catch (error) {
    return rethrowAsDuplicate(ctx.db, error, input.name ?? company.name);
  }
}
