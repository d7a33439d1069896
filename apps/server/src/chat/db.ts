import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Kysely's view of Chat's tables (see migrations/). Chat shares no table with Desk. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AccountsTable {
  id: string;
  app_id: string;
  widget_token: string;
  name: string;
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

export interface ChatDB {
  accounts: AccountsTable;
  agents: AgentsTable;
  api_tokens: ApiTokensTable;
  rate_limit_windows: RateLimitWindowsTable;
}

/** A Chat database handle or an open transaction: repositories accept either. */
export type ChatDb = Kysely<ChatDB> | Transaction<ChatDB>;
