/**
 * The default company fields every Desk account has, as `GET /company_fields` lists them. Desk has
 * no custom company fields yet, so this fixed list (stable ids and dates) is the whole answer.
 * health_score, account_tier and industry are free text here (no choice lists are enforced).
 */
const FIELDS_CREATED_AT = '2026-11-24T06:00:00Z';

// [name, label, type, required_for_agents]
const FIELDS: [string, string, string, boolean][] = [
  ['name', 'Company Name', 'default_name', true],
  ['description', 'Description', 'default_description', false],
  ['note', 'Notes', 'default_note', false],
  ['domains', 'Domains for this company', 'default_domains', false],
  ['health_score', 'Health score', 'default_health_score', false],
  ['account_tier', 'Account tier', 'default_account_tier', false],
  ['renewal_date', 'Contract renewal date', 'default_renewal_date', false],
  ['industry', 'Industry', 'default_industry', false],
];

/** Freshdesk v2 company field objects for the default fields, in display order. */
export function presentCompanyFields() {
  return FIELDS.map(([name, label, type, requiredForAgents], index) => ({
    id: index + 1,
    name,
    label,
    position: index + 1,
    type,
    default: true,
    required_for_agents: requiredForAgents,
    created_at: FIELDS_CREATED_AT,
    updated_at: FIELDS_CREATED_AT,
  }));
}
