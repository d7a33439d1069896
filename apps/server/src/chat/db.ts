import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Kysely's view of Chat's tables (see migrations/). Chat shares no table with Desk. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AccountsTable {
  id: string;
  app_id: string;
  widget_token: string;
  name: string;
  /** Identity verification (C4): when on, widget external ids must be signed. */
  identity_verification: Generated<boolean>;
  /** The signing secret, sealed with AES-256-GCM (platform/crypto/secret-box.ts). */
  identity_secret_encrypted: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ChatRole = 'owner' | 'admin' | 'agent';

export interface AgentsTable {
  id: string;
  email: string;
  first_name: string;
  last_name: string | null;
  password_hash: string | null;
  role: ChatRole;
  availability: Generated<'available' | 'away'>;
  max_concurrent_chats: Generated<number>;
  avatar_url: string | null;
  is_deactivated: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface RateLimitWindowsTable {
  bucket: string;
  window_start: number;
  used: number;
}

type Json<T = Record<string, unknown>> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface SitesTable {
  id: string;
  name: string;
  allowed_origins: TextArray;
  /** Validated on write (sites/site.schemas.ts); read through readWidgetSettings. */
  widget_settings: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type UserPropertyType = 'text' | 'number' | 'boolean' | 'date' | 'dropdown';

export interface UserPropertyDefinitionsTable {
  name: string;
  label: string;
  type: UserPropertyType;
  choices: TextArray;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  site_id: string;
  reference_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  avatar_url: string | null;
  properties: Json;
  restore_id_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentSessionsTable {
  token_hash: string;
  agent_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** Failed inbox logins, for the per-email throttle (migration 0945). */
export interface AgentLoginFailuresTable {
  id: Generated<string>;
  email: string;
  failed_at: Timestamp;
}

export interface GroupsTable {
  id: string;
  name: string;
  description: string | null;
  routing_type: Generated<'round_robin' | 'manual'>;
  last_assigned_agent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupAgentsTable {
  group_id: string;
  agent_id: string;
}

export type ConversationStatus = 'new' | 'assigned' | 'resolved' | 'reopened';

export interface ConversationsTable {
  id: string;
  site_id: string;
  user_id: string;
  status: Generated<ConversationStatus>;
  assigned_agent_id: string | null;
  assigned_group_id: string | null;
  properties: Json;
  last_seq: Generated<number>;
  resolve_count: Generated<number>;
  resolved_at: NullableTimestamp;
  /** The assigned agent at the latest resolve (CSAT credits them). */
  resolved_agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The helpdesk ticket this conversation was converted into (I6), set once. */
  ticket_id: ColumnType<number | null, number | null | undefined, number | null>;
  ticket_url: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_message_id: string | null;
  actor_type: 'user' | 'agent' | 'system';
  actor_id: string | null;
  message_type: Generated<'normal' | 'private' | 'system'>;
  message_parts: ColumnType<unknown[], string, string>;
  message_source: Generated<string>;
  created_at: Timestamp;
}

export interface CsatResponsesTable {
  id: string;
  conversation_id: string;
  resolve_number: number;
  rating: number;
  comment: string | null;
  agent_id: string | null;
  created_at: Timestamp;
}

/** The durable job queue (platform/jobs); touched only through platform/jobs' raw queries. */
export interface JobsTable {
  id: string;
  queue: string;
  payload: Json<unknown>;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookEvent =
  'message_create' | 'conversation_assignment' | 'conversation_resolution' | 'conversation_reopen';

export interface WebhooksTable {
  id: string;
  url: string;
  events: ColumnType<WebhookEvent[], WebhookEvent[], WebhookEvent[]>;
  /** The signing secret, sealed with AES-256-GCM (platform/crypto/secret-box.ts). */
  secret_encrypted: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event: string;
  status_code: number | null;
  error: string | null;
  attempt: number;
  duration_ms: number;
  created_at: Timestamp;
  /** The queue job of the delivery (null for entries logged before it was kept). */
  job_id: Generated<string | null>;
}

/** A widget user's session (POST /v2/widget/sessions): the token's SHA-256 only. */
export interface WidgetSessionsTable {
  id: string;
  user_id: string;
  site_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** An uploaded file's metadata; its bytes are in the file store under `storage_key`. */
export interface FilesTable {
  id: string;
  storage_key: string;
  name: string;
  content_type: string;
  size_bytes: number;
  kind: 'image' | 'file';
  uploaded_by_type: 'user' | 'agent' | 'system';
  uploaded_by_id: string | null;
  created_at: Timestamp;
}

export type FaqArticleStatus = 'draft' | 'published';

/** A FAQ category (C7); `position` is 1..n without gaps. */
export interface FaqCategoriesTable {
  id: string;
  name: string;
  description: string | null;
  position: number;
  locale: string | null;
  /** Where an imported category came from (e.g. 'desk' + folder id); unique together. */
  source: string | null;
  source_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A FAQ article: sanitized HTML, its plain text, and its full-text document. */
export interface FaqArticlesTable {
  id: string;
  category_id: string;
  title: string;
  body_html: string;
  body_text: string;
  position: number;
  status: FaqArticleStatus;
  tags: TextArray;
  source: string | null;
  source_id: string | null;
  helpful_count: Generated<number>;
  not_helpful_count: Generated<number>;
  /** Written as an SQL expression (faq-search-document.ts); never read back as a value. */
  search_vector: ColumnType<string, unknown, unknown>;
  /** Generated by the database from `search_vector` (title and tags), for ranking. */
  title_vector: ColumnType<string, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One widget user's "did this help" vote on one article. */
export interface FaqArticleVotesTable {
  article_id: string;
  user_id: string;
  helpful: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The helpdesk connection and the integration's switches: one row (id 1). */
export interface HelpdeskConnectionsTable {
  id: Generated<number>;
  url: string;
  api_key_encrypted: string;
  key_owner: ColumnType<HelpdeskKeyOwner | null, string | null | undefined, string | null>;
  verified_at: NullableTimestamp;
  conversion_mandatory: Generated<boolean>;
  no_csat_for_converted: Generated<boolean>;
  live_faq_sync: Generated<boolean>;
  ticket_replies_to_chat: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The helpdesk agent owning the connected key, as Authenticate last found it. */
export interface HelpdeskKeyOwner {
  id: number;
  name: string | null;
  email: string | null;
  roles: string[];
  ticket_scope: number;
  occasional: boolean;
}

/** FAQ import (I3, B3): the saved selection, live-sync cursor and last sync (one row). */
export interface HelpdeskFaqStateTable {
  id: Generated<number>;
  folder_ids: Json<string[]>;
  article_ids: Json<string[]>;
  preserve_category_text: Generated<boolean>;
  change_cursor: ColumnType<
    { since: string; seen: string[] } | null,
    string | null | undefined,
    string | null
  >;
  sync_interval_seconds: Generated<number>;
  last_sync_at: NullableTimestamp;
  last_sync_result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One FAQ import run and its progress (readable while it runs). */
export interface HelpdeskFaqImportsTable {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  folder_ids: Json<string[]>;
  article_ids: Json<string[]>;
  preserve_category_text: boolean;
  actor: Json<{ kind: 'token' | 'agent'; id: string; role: ChatRole }>;
  done: Generated<number>;
  total: number | null;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  removed: Generated<number>;
  errors: ColumnType<Record<string, unknown>[], string | undefined, string>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What an imported helpdesk article looked like when last written to Chat. */
export interface HelpdeskFaqArticlesTable {
  article_id: string;
  folder_id: string;
  content_hash: string;
  chat_updated_at: Timestamp;
  imported_at: Timestamp;
}

/** What an imported helpdesk folder looked like when last written to its Chat category. */
export interface HelpdeskFaqFoldersTable {
  folder_id: string;
  content_hash: string;
  chat_updated_at: Timestamp;
  imported_at: Timestamp;
}

/** One saved field mapping (I2): which Chat attribute fills a helpdesk ticket field. */
export interface HelpdeskFieldMappingsTable {
  ticket_field: string;
  attribute: string;
  fixed_value: ColumnType<unknown, string | null | undefined, string | null>;
  show_field: boolean;
  field_type: string;
  field_label: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type HelpdeskConversionState = 'queued' | 'running' | 'done' | 'failed';

/** A conversation's conversion to a ticket (I6, B2): the last attempt's inputs, state and outcome. */
export interface HelpdeskConversionsTable {
  conversation_id: string;
  state: HelpdeskConversionState;
  input: Json<unknown>;
  requested_by: Json<unknown>;
  error: ColumnType<unknown, string | null | undefined, string | null>;
  ticket_id: ColumnType<number | null, number | null | undefined, number | null>;
  ticket_url: ColumnType<string | null, string | null | undefined, string | null>;
  run_at: NullableTimestamp;
  attempts: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A single-use link for an imported agent to set a password (B4); only the token's SHA-256 is kept. */
export interface AgentInvitationsTable {
  id: string;
  agent_id: string;
  token_hash: string;
  created_by: string | null;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ChatDB {
  accounts: AccountsTable;
  agents: AgentsTable;
  api_tokens: ApiTokensTable;
  rate_limit_windows: RateLimitWindowsTable;
  sites: SitesTable;
  user_property_definitions: UserPropertyDefinitionsTable;
  users: UsersTable;
  agent_sessions: AgentSessionsTable;
  agent_login_failures: AgentLoginFailuresTable;
  groups: GroupsTable;
  group_agents: GroupAgentsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  csat_responses: CsatResponsesTable;
  jobs: JobsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  widget_sessions: WidgetSessionsTable;
  files: FilesTable;
  faq_categories: FaqCategoriesTable;
  faq_articles: FaqArticlesTable;
  faq_article_votes: FaqArticleVotesTable;
  helpdesk_connections: HelpdeskConnectionsTable;
  agent_invitations: AgentInvitationsTable;
  helpdesk_field_mappings: HelpdeskFieldMappingsTable;
  helpdesk_conversions: HelpdeskConversionsTable;
  helpdesk_faq_state: HelpdeskFaqStateTable;
  helpdesk_faq_imports: HelpdeskFaqImportsTable;
  helpdesk_faq_articles: HelpdeskFaqArticlesTable;
  helpdesk_faq_folders: HelpdeskFaqFoldersTable;
}

/** A Chat database handle or an open transaction: repositories accept either. */
export type ChatDb = Kysely<ChatDB> | Transaction<ChatDB>;
