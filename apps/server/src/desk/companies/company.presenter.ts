import { isoTime } from '../../platform/http/format.js';
import type { CompanyRow } from './company.repository.js';

/** Freshdesk v2 company object. */
export function presentCompany(row: CompanyRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    note: row.note,
    domains: row.domains ?? [],
    custom_fields: row.custom_fields ?? {},
    health_score: row.health_score,
    account_tier: row.account_tier,
    renewal_date: isoTime(row.renewal_date),
    industry: row.industry,
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}

/** `{id, name}` pairs for the autocomplete endpoint. */
export function presentCompanySuggestion(row: Pick<CompanyRow, 'id' | 'name'>) {
  return { id: row.id, name: row.name };
}
