/**
 * The default contact fields every Desk account has, as `GET /contact_fields` lists them. Desk has
 * no custom contact fields yet, so this fixed list (stable ids and dates) is the whole answer.
 */
const FIELDS_CREATED_AT = '2026-11-24T06:00:00Z';

// [name, label, label_for_customers, type, required_for_agents, customers_can_edit, required_for_customers, displayed_for_customers]
const FIELDS: [string, string, string, string, boolean, boolean, boolean, boolean][] = [
  ['name', 'Full name', 'Full name', 'default_name', true, true, true, true],
  ['job_title', 'Title', 'Title', 'default_job_title', false, true, false, true],
  ['email', 'Email', 'Email', 'default_email', false, false, false, true],
  ['phone', 'Work phone', 'Work phone', 'default_phone', false, true, false, true],
  ['mobile', 'Mobile phone', 'Mobile phone', 'default_mobile', false, true, false, true],
  ['twitter_id', 'Twitter', 'Twitter', 'default_twitter_id', false, true, false, true],
  ['company_name', 'Company', 'Company', 'default_company_name', false, false, false, false],
  ['address', 'Address', 'Address', 'default_address', false, false, false, false],
  ['time_zone', 'Time zone', 'Time zone', 'default_time_zone', false, true, false, true],
  ['language', 'Language', 'Language', 'default_language', false, true, false, true],
  ['tag_names', 'Tags', 'Tags', 'default_tag_names', false, false, false, false],
  ['description', 'About', 'About', 'default_description', false, false, false, false],
  [
    'unique_external_id',
    'Unique external ID',
    'Unique external ID',
    'default_unique_external_id',
    false,
    false,
    false,
    false,
  ],
];

/** Freshdesk v2 contact field objects for the default fields, in display order. */
export function presentContactFields() {
  return FIELDS.map(
    (
      [name, label, labelForCustomers, type, requiredForAgents, canEdit, requiredForCustomers, displayed],
      index,
    ) => ({
      id: index + 1,
      name,
      label,
      position: index + 1,
      type,
      default: true,
      editable_in_signup: name === 'name' || name === 'email',
      required_for_agents: requiredForAgents,
      customers_can_edit: canEdit,
      label_for_customers: labelForCustomers,
      required_for_customers: requiredForCustomers,
      displayed_for_customers: displayed,
      created_at: FIELDS_CREATED_AT,
      updated_at: FIELDS_CREATED_AT,
    }),
  );
}
