import type { AgentMessage } from '@tandem/protocol/chat-realtime';
import { clientId, type ApiClient } from '../shared/api.js';

/** Chat's /v2 shapes the inbox reads (chat-v2.md B2–B5, as Chat presents them to agents). */

export type ConversationView = 'mine' | 'unassigned' | 'all' | 'resolved';
export const VIEWS: ConversationView[] = ['mine', 'unassigned', 'all', 'resolved'];
export type ConversationStatus = 'new' | 'assigned' | 'resolved' | 'reopened';

export interface Agent {
  id: string;
  email: string;
  first_name: string;
  last_name: string | null;
  role_name: string;
  is_deactivated?: boolean;
}

export interface Conversation {
  id: string;
  status: ConversationStatus;
  assigned_agent_id: string | null;
  assigned_group_id: string | null;
  users: { id: string }[];
  created_time: string;
  updated_time: string;
}

export interface ChatUser {
  id: string;
  reference_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  properties: { name: string; value: unknown }[];
}

export interface UserField {
  name: string;
  label: string | null;
}

/** A message as agents see it (private notes included): the realtime contract's agent shape. */
export type Message = AgentMessage;

export interface Session {
  token: string;
  agent: Agent;
}

export const fullName = (person: { first_name: string | null; last_name: string | null }) =>
  [person.first_name, person.last_name].filter(Boolean).join(' ');

/** The calls the inbox makes, over one API client (bearer: the inbox session token). */
export function chatApi(client: ApiClient) {
  const { request } = client;
  return {
    signIn: (email: string, password: string) =>
      request<{ token: string; agent: Agent }>('POST', '/sessions', { email, password }),
    signOut: () => request<void>('DELETE', '/sessions/current'),
    acceptInvitation: (token: string, password: string) =>
      request<Agent>('POST', `/agent-invitations/${encodeURIComponent(token)}/accept`, { password }),
    agents: () => request<{ agents: Agent[] }>('GET', '/agents?items_per_page=50'),
    conversations: (view: ConversationView, cursor?: string) =>
      request<{ conversations: Conversation[]; next_cursor: string | null }>(
        'GET',
        `/conversations?view=${view}&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    conversation: (id: string) => request<Conversation>('GET', `/conversations/${id}`),
    updateConversation: (
      id: string,
      changes: { status?: ConversationStatus; assigned_agent_id?: string | null },
    ) => request<Conversation>('PUT', `/conversations/${id}`, changes),
    /** Every message after `afterSeq`, following the pages. */
    async messages(id: string, afterSeq = 0): Promise<Message[]> {
      const all: Message[] = [];
      let after: number | null = afterSeq;
      while (after !== null) {
        const page: { messages: Message[]; next_after_seq: number | null } = await request(
          'GET',
          `/conversations/${id}/messages?after_seq=${after}&limit=100`,
        );
        all.push(...page.messages);
        after = page.next_after_seq;
      }
      return all;
    },
    send: (conversationId: string, agentId: string, text: string, note: boolean) =>
      request<Message>('POST', `/conversations/${conversationId}/messages`, {
        message_parts: [{ text: { content: text } }],
        message_type: note ? 'private' : 'normal',
        actor_type: 'agent',
        actor_id: agentId,
        client_message_id: clientId(),
      }),
    users: (ids: string[]) => request<{ users: ChatUser[] }>('POST', '/users/fetch', { ids }),
    user: (id: string) => request<ChatUser>('GET', `/users/${id}`),
    userFields: () => request<{ fields: UserField[] }>('GET', '/users/fields'),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;

/* Converting a conversation into a helpdesk ticket (I6, I7): Chat's ticket-conversion calls. */

/** The ticket a conversation was converted into (the conversation's `ticket`, when converted). */
export interface TicketLink {
  id: number;
  url: string | null;
}

/** A conversation with its ticket link, as Chat presents it once converted. */
export type ConvertedConversation = Conversation & { ticket?: TicketLink | null };

/** Why the helpdesk (or Chat) refused a conversion, in plain words, with the helpdesk's own answer. */
export interface HelpdeskExplanation {
  cause: string;
  message: string;
  field?: string;
  value?: unknown;
  retry_at?: string;
  answer?: { status: number; body: string; request_id?: string };
}

/** One field of the conversion dialog: editable only when the mapping shows it (or nothing fills it). */
export interface ConversionField {
  name: string;
  label: string;
  type: string;
  choices: unknown;
  required: boolean;
  editable: boolean;
  mapped_from: string | null;
  value: unknown;
}

export interface ConversionState {
  state: 'none' | 'queued' | 'running' | 'done' | 'failed';
  run_at: string | null;
  error: HelpdeskExplanation | null;
  ticket: TicketLink | null;
  input: {
    mode: 'new' | 'existing' | null;
    ticket_id: number | null;
    fields: Record<string, unknown>;
  } | null;
  attempts: number;
}

export interface ConversionPreview {
  fields: ConversionField[];
  recent_tickets: {
    id: number;
    subject: string | null;
    status: number | null;
    updated_at: string | null;
    url: string;
  }[];
  warnings: { ticket_field: string; problem: string; message: string }[];
  state: ConversionState;
}

export interface ConvertRequest {
  mode: 'new' | 'existing';
  ticket_id?: number;
  fields?: Record<string, string | number | boolean | null>;
  resolve: boolean;
}

/** 201: the ticket made (or noted); 202: queued after the helpdesk's rate limit. */
export type ConvertAnswer =
  | { ticket: { id: number; url: string }; conversation: ConvertedConversation }
  | { state: 'queued'; run_at: string; conversion: ConversionState };

/** The conversion calls, over the inbox's API client. */
export function conversionApi(client: ApiClient) {
  const { request } = client;
  const base = (id: string) => `/conversations/${encodeURIComponent(id)}/ticket-conversion`;
  return {
    /** The conversion's state and whether converting is offered (helpdesk connected) or mandatory. */
    state: (id: string) =>
      request<ConversionState & { integration: { connected: boolean; conversion_mandatory: boolean } }>(
        'GET',
        base(id),
      ),
    preview: (id: string) => request<ConversionPreview>('GET', `${base(id)}/preview`),
    convert: (id: string, body: ConvertRequest) => request<ConvertAnswer>('POST', base(id), body),
  };
}
