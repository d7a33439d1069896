import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Kysely's view of Desk's tables (see migrations/). Rows stay inside repositories and presenters. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  note: string | null;
  domains: TextArray;
  custom_fields: Json;
  health_score: string | null;
  account_tier: string | null;
  renewal_date: NullableTimestamp;
  industry: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  other_emails: TextArray;
  phone: string | null;
  mobile: string | null;
  twitter_id: string | null;
  unique_external_id: string | null;
  facebook_id: string | null;
  company_id: number | null;
  view_all_tickets: Generated<boolean>;
  address: string | null;
  description: string | null;
  job_title: string | null;
  language: Generated<string>;
  time_zone: Generated<string>;
  tags: TextArray;
  custom_fields: Json;
  active: Generated<boolean>;
  deleted: Generated<boolean>;
  is_agent: Generated<boolean>;
  password_hash: string | null;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type RoleKind = 'account_admin' | 'admin' | 'supervisor' | 'agent';

export interface RolesTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  kind: RoleKind;
  is_default: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentsTable {
  id: number;
  ticket_scope: number;
  occasional: Generated<boolean>;
  signature: string | null;
  available: Generated<boolean>;
  available_since: NullableTimestamp;
  agent_type: Generated<number>;
  api_key_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentRolesTable {
  agent_id: number;
  role_id: number;
}

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  escalate_to: number | null;
  unassigned_for: string | null;
  business_hour_id: number | null;
  auto_ticket_assign: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupAgentsTable {
  group_id: number;
  agent_id: number;
}

export interface TicketFieldsTable {
  id: Generated<number>;
  name: string;
  label: string;
  label_for_customers: string;
  description: string | null;
  position: number;
  type: string;
  is_default: Generated<boolean>;
  required_for_agents: Generated<boolean>;
  required_for_customers: Generated<boolean>;
  required_for_closure: Generated<boolean>;
  customers_can_edit: Generated<boolean>;
  displayed_to_customers: Generated<boolean>;
  choices: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketsTable {
  id: Generated<number>;
  subject: string | null;
  description: string | null;
  description_text: string | null;
  status: Generated<number>;
  priority: Generated<number>;
  source: Generated<number>;
  type: string | null;
  requester_id: number;
  responder_id: number | null;
  group_id: number | null;
  company_id: number | null;
  product_id: number | null;
  email_config_id: number | null;
  cc_emails: TextArray;
  fwd_emails: TextArray;
  reply_cc_emails: TextArray;
  ticket_cc_emails: TextArray;
  to_emails: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  tags: TextArray;
  custom_fields: Json;
  fr_escalated: Generated<boolean>;
  is_escalated: Generated<boolean>;
  spam: Generated<boolean>;
  deleted: Generated<boolean>;
  due_by: Timestamp;
  fr_due_by: Timestamp;
  agent_responded_at: NullableTimestamp;
  requester_responded_at: NullableTimestamp;
  first_responded_at: NullableTimestamp;
  status_updated_at: NullableTimestamp;
  reopened_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  pending_since: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketConversationsTable {
  id: Generated<number>;
  ticket_id: number;
  body: string;
  body_text: string;
  incoming: Generated<boolean>;
  private: Generated<boolean>;
  user_id: number;
  support_email: string | null;
  source: number;
  to_emails: TextArray;
  from_email: string | null;
  cc_emails: TextArray;
  bcc_emails: TextArray;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<number>;
  ticket_id: number | null;
  conversation_id: number | null;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RateLimitWindowsTable {
  bucket: string;
  window_start: number;
  used: number;
}

export interface DeskRevisionsTable {
  name: string;
  revision: number;
}

export interface PortalsTable {
  id: Generated<number>;
  name: string;
  host: string | null;
  is_default: Generated<boolean>;
  brand_color: Generated<string>;
  logo_url: string | null;
  chat_enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SolutionCategoriesTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  position: Generated<number>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PortalCategoriesTable {
  portal_id: number;
  category_id: number;
}

export interface SolutionFoldersTable {
  id: Generated<number>;
  category_id: number;
  parent_folder_id: number | null;
  name: string;
  description: string | null;
  /** 1 all users, 2 logged-in users, 3 agents, 4 selected companies. */
  visibility: number;
  position: Generated<number>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SolutionFolderCompaniesTable {
  folder_id: number;
  company_id: number;
}

export interface SolutionArticlesTable {
  id: Generated<number>;
  folder_id: number;
  title: string;
  description: string;
  description_text: string;
  /** 1 draft, 2 published. */
  status: number;
  type: Generated<number>;
  agent_id: number | null;
  tags: TextArray;
  seo_data: Json;
  hits: Generated<number>;
  thumbs_up: Generated<number>;
  thumbs_down: Generated<number>;
  position: Generated<number>;
  /** Maintained by commands with `articleSearchVector` (see desk/kb-search). */
  search_vector: ColumnType<string, unknown, unknown>;
  /** Generated by the database: the title and tags part (A, B) of `search_vector`, for ranking. */
  title_vector: ColumnType<string, never, never>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SolutionChangesTable {
  id: Generated<number>;
  entity: 'category' | 'folder' | 'article';
  entity_id: number;
  action: 'created' | 'updated' | 'published' | 'unpublished' | 'deleted';
  changed_at: Timestamp;
}

export interface ContactSessionsTable {
  token_hash: string;
  contact_id: number;
  portal_id: number;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ContactTokensTable {
  token_hash: string;
  contact_id: number;
  purpose: 'set_password';
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface OutboxEmailsTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sent_at: NullableTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
}

/** One failed portal sign-in in a throttle bucket (`email:…` or `ip:…`). */
export interface PortalSignInFailuresTable {
  id: Generated<number>;
  bucket: string;
  failed_at: Timestamp;
}

/** The chat channel settings: a single row (id 1); secrets are sealed (platform/crypto/secret-box.ts). */
export interface ChatChannelTable {
  id: Generated<number>;
  enabled: boolean;
  chat_url: string | null;
  app_id: string | null;
  widget_token: string | null;
  identity_secret_sealed: string | null;
  api_token_sealed: string | null;
  verified_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface DeskDB {
  companies: CompaniesTable;
  contacts: ContactsTable;
  roles: RolesTable;
  agents: AgentsTable;
  agent_roles: AgentRolesTable;
  groups: GroupsTable;
  group_agents: GroupAgentsTable;
  ticket_fields: TicketFieldsTable;
  tickets: TicketsTable;
  ticket_conversations: TicketConversationsTable;
  attachments: AttachmentsTable;
  rate_limit_windows: RateLimitWindowsTable;
  desk_revisions: DeskRevisionsTable;
  portals: PortalsTable;
  solution_categories: SolutionCategoriesTable;
  portal_categories: PortalCategoriesTable;
  solution_folders: SolutionFoldersTable;
  solution_folder_companies: SolutionFolderCompaniesTable;
  solution_articles: SolutionArticlesTable;
  solution_changes: SolutionChangesTable;
  contact_sessions: ContactSessionsTable;
  contact_tokens: ContactTokensTable;
  outbox_emails: OutboxEmailsTable;
  portal_sign_in_failures: PortalSignInFailuresTable;
  chat_channel: ChatChannelTable;
}

/** A Desk database handle or an open transaction: repositories accept either. */
export type DeskDb = Kysely<DeskDB> | Transaction<DeskDB>;
