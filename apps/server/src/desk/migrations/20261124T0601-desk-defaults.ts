import { sql, type Kysely } from 'kysely';

const ROLES = [
  ['Account Administrator', 'account_admin', 'Has complete control over the help desk, including billing.'],
  ['Administrator', 'admin', 'Can configure all features of the help desk.'],
  ['Supervisor', 'supervisor', 'Can perform all agent tasks and see reports.'],
  ['Agent', 'agent', 'Can log, view, reply, update and resolve tickets, and manage contacts.'],
] as const;

// [name, label, label_for_customers, type, required_for_agents, required_for_customers, displayed_to_customers, customers_can_edit, choices]
const FIELDS: [string, string, string, string, boolean, boolean, boolean, boolean, unknown][] = [
  ['requester', 'Search a requester', 'Requester', 'default_requester', true, true, true, true, null],
  ['subject', 'Subject', 'Subject', 'default_subject', true, true, true, true, null],
  [
    'ticket_type',
    'Type',
    'Type',
    'default_ticket_type',
    false,
    false,
    false,
    false,
    ['Question', 'Incident', 'Problem', 'Feature Request', 'Refund'],
  ],
  [
    'source',
    'Source',
    'Source',
    'default_source',
    false,
    false,
    false,
    false,
    { Email: 1, Portal: 2, Phone: 3, Chat: 7, 'Feedback Widget': 9, 'Outbound Email': 10 },
  ],
  [
    'status',
    'Status',
    'Status',
    'default_status',
    true,
    false,
    true,
    false,
    {
      '2': ['Open', 'Being Processed'],
      '3': ['Pending', 'Awaiting your Reply'],
      '4': ['Resolved', 'This ticket has been Resolved'],
      '5': ['Closed', 'This ticket has been Closed'],
    },
  ],
  [
    'priority',
    'Priority',
    'Priority',
    'default_priority',
    true,
    false,
    false,
    false,
    { Low: 1, Medium: 2, High: 3, Urgent: 4 },
  ],
  ['group', 'Group', 'Group', 'default_group', false, false, false, false, null],
  ['agent', 'Agent', 'Agent', 'default_agent', false, false, true, false, null],
  ['company', 'Company', 'Company', 'default_company', false, false, false, false, null],
  ['description', 'Description', 'Description', 'default_description', true, true, true, true, null],
];

/** Seeds the four built-in roles and the default ticket fields every account has. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, kind, description] of ROLES) {
    await sql`INSERT INTO roles (name, kind, description, is_default) VALUES (${name}, ${kind}, ${description}, true)`.execute(
      db,
    );
  }
  let position = 1;
  for (const [
    name,
    label,
    labelForCustomers,
    type,
    reqAgents,
    reqCustomers,
    displayed,
    canEdit,
    choices,
  ] of FIELDS) {
    await sql`
      INSERT INTO ticket_fields (name, label, label_for_customers, position, type, is_default,
        required_for_agents, required_for_customers, displayed_to_customers, customers_can_edit, choices)
      VALUES (${name}, ${label}, ${labelForCustomers}, ${position++}, ${type}, true,
        ${reqAgents}, ${reqCustomers}, ${displayed}, ${canEdit}, ${choices === null ? null : JSON.stringify(choices)}::jsonb)
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM ticket_fields WHERE is_default`.execute(db);
  await sql`DELETE FROM roles WHERE is_default`.execute(db);
}
