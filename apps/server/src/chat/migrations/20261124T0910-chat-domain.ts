import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Chat's domain: sites, users and their declared properties, agent sessions, groups,
 * conversations with sequenced messages, and CSAT responses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    -- A site id (chosen by the embedding page, e.g. a portal) separates users and conversations.
    CREATE TABLE sites (
      id text PRIMARY KEY,
      name text NOT NULL,
      allowed_origins text[] NOT NULL DEFAULT '{}',
      prechat_form jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE user_property_definitions (
      name text PRIMARY KEY,
      label text NOT NULL,
      type text NOT NULL CHECK (type IN ('text', 'number', 'boolean', 'date', 'dropdown')),
      choices text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites(id),
      reference_id text,
      first_name text,
      last_name text,
      email text,
      phone text,
      avatar_url text,
      properties jsonb NOT NULL DEFAULT '{}',
      -- The widget's returning-visitor key: stored hashed, shown to the widget once.
      restore_id_hash text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_site_reference_key ON users (site_id, reference_id) WHERE reference_id IS NOT NULL;
    CREATE INDEX users_email_idx ON users (lower(email));

    -- Inbox logins of agents (argon2 passwords on agents), stored as SHA-256 of the token.
    CREATE TABLE agent_sessions (
      token_hash text PRIMARY KEY,
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE groups (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      description text,
      routing_type text NOT NULL DEFAULT 'round_robin' CHECK (routing_type IN ('round_robin', 'manual')),
      -- Round robin cursor: the agent that got the last automatic assignment.
      last_assigned_agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX groups_name_key ON groups (lower(name));

    CREATE TABLE group_agents (
      group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      PRIMARY KEY (group_id, agent_id)
    );
    CREATE INDEX group_agents_agent_idx ON group_agents (agent_id);

    CREATE TABLE conversations (
      id uuid PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites(id),
      user_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'resolved', 'reopened')),
      assigned_agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
      assigned_group_id uuid REFERENCES groups(id) ON DELETE SET NULL,
      properties jsonb NOT NULL DEFAULT '{}',
      -- The sequence number of the latest message: the next message takes last_seq + 1.
      last_seq integer NOT NULL DEFAULT 0,
      -- How many times it was resolved: CSAT is offered once per resolve.
      resolve_count integer NOT NULL DEFAULT 0,
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX conversations_user_idx ON conversations (user_id, created_at DESC);
    CREATE INDEX conversations_status_idx ON conversations (status, updated_at DESC, id);
    CREATE INDEX conversations_agent_idx ON conversations (assigned_agent_id, status);
    CREATE INDEX conversations_group_idx ON conversations (assigned_group_id, status);

    CREATE TABLE messages (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      -- The sender's idempotency key: a resend with the same id stores nothing new.
      client_message_id text,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'agent', 'system')),
      actor_id text,
      message_type text NOT NULL DEFAULT 'normal' CHECK (message_type IN ('normal', 'private', 'system')),
      message_parts jsonb NOT NULL,
      message_source text NOT NULL DEFAULT 'web',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, seq)
    );
    CREATE UNIQUE INDEX messages_client_id_key ON messages (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;

    CREATE TABLE csat_responses (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      resolve_number integer NOT NULL,
      rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      comment text,
      agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, resolve_number)
    );
    CREATE INDEX csat_responses_created_idx ON csat_responses (created_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `DROP TABLE csat_responses, messages, conversations, group_agents, groups, agent_sessions, users,
      user_property_definitions, sites;`,
  );
}
