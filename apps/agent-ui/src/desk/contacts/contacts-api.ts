import { useQuery } from '@tanstack/react-query';
import { api, request } from '../api.js';

/** Desk's contact object (Freshdesk v2), the attributes these screens use. */
export interface Contact {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  twitter_id: string | null;
  unique_external_id: string | null;
  company_id: number | null;
  view_all_tickets: boolean;
  address: string | null;
  description: string | null;
  job_title: string | null;
  language: string;
  time_zone: string;
  tags: string[];
  active: boolean;
  deleted: boolean;
  custom_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface Company {
  id: number;
  name: string;
  description: string | null;
  note: string | null;
  domains: string[];
  health_score: string | null;
  account_tier: string | null;
  renewal_date: string | null;
  industry: string | null;
  created_at: string;
  updated_at: string;
}

/** DELETE on the v2 API (api.ts has no shorthand for it). */
export const apiDelete = (path: string) => request<void>('DELETE', `/api/v2${path}`);

/**
 * The first 100 companies, for pickers (company of a contact, companies of a folder). Accounts
 * with more companies pick from these plus the one already chosen.
 */
export function useCompanyChoices() {
  return useQuery({
    queryKey: ['companies', 'choices'],
    queryFn: async () => (await api.get<Company[]>('/companies?per_page=100')).data,
    staleTime: 30_000,
  });
}
