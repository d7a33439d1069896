import { isoTime } from '../../platform/http/format.js';
import type { AgentRow } from '../agents/index.js';
import {
  presentMessageForUser,
  type ConversationRow,
  type MessageRow,
  type UserMessage,
  type UserVisibleMessageRow,
} from '../conversations/index.js';
import { presentAgentFace } from '../widget/index.js';
import type {
  AgentConversationUpdate,
  AgentMessage,
  ConversationChange,
  UserConversationUpdate,
} from './protocol.js';

/** Whether a user may be shown this message: never a private note. */
export const isUserVisible = (row: MessageRow): row is UserVisibleMessageRow =>
  row.message_type === 'normal' || row.message_type === 'system';

/** The user audience's view of a message, or undefined for a private note. */
export function messageForUser(row: MessageRow): UserMessage | undefined {
  return isUserVisible(row) ? presentMessageForUser(row) : undefined;
}

/** The agent audience's view of a message (every type). */
export function messageForAgent(row: MessageRow, userId: string): AgentMessage {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    user_id: userId,
    message_type: row.message_type,
    message_parts: row.message_parts,
    message_source: row.message_source,
    created_time: isoTime(row.created_at),
    seq: row.seq,
    client_message_id: row.client_message_id,
  };
}

/**
 * A conversation's state as it travels to sockets (and between Chat processes, hence JSON only):
 * what both audiences' views are made from, and what delivery checks the audience against.
 */
export interface ConversationSnapshot {
  id: string;
  user_id: string;
  site_id: string;
  status: ConversationRow['status'];
  assigned_agent_id: string | null;
  assigned_group_id: string | null;
  last_seq: number;
  resolve_count: number;
  updated_time: string;
  /** The helpdesk ticket it was converted into (I5 decides the CSAT offer on it). */
  ticket_id?: number | null;
}

export function snapshotOf(row: ConversationRow): ConversationSnapshot {
  return {
    id: row.id,
    user_id: row.user_id,
    site_id: row.site_id,
    status: row.status,
    assigned_agent_id: row.assigned_agent_id,
    assigned_group_id: row.assigned_group_id,
    last_seq: row.last_seq,
    resolve_count: row.resolve_count,
    updated_time: isoTime(row.updated_at),
    ticket_id: row.ticket_id,
  };
}

/** The agent audience's view of a conversation change. */
export function conversationForAgents(
  conversation: ConversationSnapshot,
  change: ConversationChange,
): AgentConversationUpdate {
  return {
    conversationId: conversation.id,
    change,
    status: conversation.status,
    assignedAgentId: conversation.assigned_agent_id,
    assignedGroupId: conversation.assigned_group_id,
    userId: conversation.user_id,
    updatedTime: conversation.updated_time,
    lastSeq: conversation.last_seq,
  };
}

/** What the user may see of the assigned agent: the public name and avatar. */
export type PublicAgent = Pick<AgentRow, 'first_name' | 'last_name' | 'avatar_url'>;

/** The same public face the widget's REST view shows (presentAgentFace), in the socket's casing. */
const assignedAgentOf = (face: ReturnType<typeof presentAgentFace>) => ({
  name: face.name,
  avatarUrl: face.avatar_url,
});

/**
 * The user audience's view of a conversation change: status and the assigned agent's public
 * face; no group, sequence or internal field. A resolve offers the CSAT survey for that resolve.
 */
export function conversationForUser(
  conversation: ConversationSnapshot,
  change: ConversationChange,
  agent: PublicAgent | undefined,
  csatSuppressed = false,
): UserConversationUpdate {
  return {
    conversationId: conversation.id,
    change,
    status: conversation.status,
    assignedAgent: agent ? assignedAgentOf(presentAgentFace(agent)) : null,
    csatOffer:
      change === 'resolution' && !csatSuppressed ? { resolveNumber: conversation.resolve_count } : null,
  };
}
