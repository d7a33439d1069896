import { duplicate, type FieldError } from '../../platform/http/errors.js';
import type { DeskDb } from '../db.js';
import { findCompaniesWithDomains, findCompanyByName, uniqueViolation } from './company.repository.js';

const uniqueMessage = 'It should be a unique value';

/** Domains as stored: lowercase, without repeats. */
export const normalizeDomains = (domains: string[]) => [...new Set(domains.map((d) => d.toLowerCase()))];

/**
 * Uniqueness rules: the name (case-insensitive) and every domain belong to one company only.
 * A clash names the company holding the value in `additional_info.company_id`.
 */
export async function checkCompanyUniqueness(
  db: DeskDb,
  values: { name?: string; domains?: string[] },
  exceptId?: number,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (values.name !== undefined) {
    const holder = await findCompanyByName(db, values.name, exceptId);
    if (holder)
      errors.push({
        field: 'name',
        code: 'duplicate_value',
        message: uniqueMessage,
        additional_info: { company_id: holder.id },
      });
  }
  if (values.domains !== undefined) {
    const [holder] = await findCompaniesWithDomains(db, values.domains, exceptId);
    if (holder)
      errors.push({
        field: 'domains',
        code: 'duplicate_value',
        message: uniqueMessage,
        additional_info: { company_id: holder.id },
      });
  }
  return errors;
}

/** Maps a lost race on the unique name index to the same 409; anything else is rethrown. */
export async function rethrowAsDuplicate(db: DeskDb, error: unknown, name: string): Promise<never> {
  if (uniqueViolation(error) === 'companies_name_key') {
    const holder = await findCompanyByName(db, name);
    throw duplicate('name', holder ? { company_id: holder.id } : undefined);
  }
  throw error;
}
