import type { DeskContext } from '../../context.js';
import { deleteCompanyRow, type CompanyRow } from '../company.repository.js';

/**
 * Deletes a company for good (Freshdesk has no company trash). Its contacts and tickets stay,
 * with `company_id` set to null by the foreign keys.
 */
export async function deleteCompany(ctx: DeskContext, company: CompanyRow): Promise<void> {
  await deleteCompanyRow(ctx.db, company.id);
}
