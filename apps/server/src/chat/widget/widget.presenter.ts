import { isoTime } from '../../platform/http/format.js';
import type { CsatResponseRow } from '../csat/index.js';
import type { MessageRow, UserVisibleMessageRow } from '../conversations/index.js';
import type { ConversationStatus } from '../db.js';
import type { UserRow } from '../users/index.js';

/**
 * The widget's view of its own user: contact details and properties; no site internals and no
 * restore id (that is only returned when issued).
 */
export function presentWidgetUser(row: UserRow) {
  const properties = (row.properties ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    external_id: row.reference_id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    phone: row.phone,
    avatar: { url: row.avatar_url },
    properties: Object.keys(properties)
      .sort()
      .map((name) => ({ name, value: properties[name] })),
    created_time: isoTime(row.created_at),
  };
}

/** What a conversation's user may be shown of an agent; the query selects nothing more. */
export interface PublicAgent {
  first_name: string;
  last_name: string | null;
  avatar_url: string | null;
}

/**
 * The assigned agent's public face, for the user audience over REST and realtime alike (the
 * realtime presenter builds `assignedAgent` from it): first name, display name and avatar. Never
 * the email, the id, groups or anything else of the agent.
 */
export function presentAgentFace(agent: PublicAgent) {
  return {
    first_name: agent.first_name,
    name: [agent.first_name, agent.last_name].filter(Boolean).join(' '),
    avatar_url: agent.avatar_url,
  };
}

/**
 * The widget's view of one of its conversations: status, how far its messages go (`last_seq`,
 * to resume over the socket), whether a CSAT survey is open, and the assigned agent's public
 * face (so a reload shows who is answering). No group, properties or other internal fields.
 */
export function presentWidgetConversation(row: {
  id: string;
  status: ConversationStatus;
  last_seq: number;
  resolve_count: number;
  created_at: Date;
  updated_at: Date;
  rated: boolean;
  /** I5: converted to a ticket while "no CSAT for converted conversations" is on. */
  csat_suppressed?: boolean;
  assigned_agent: PublicAgent | null;
}) {
  return {
    id: row.id,
    conversation_id: row.id,
    status: row.status,
    last_seq: row.last_seq,
    assigned_agent: row.assigned_agent ? presentAgentFace(row.assigned_agent) : null,
    csat_offered: row.status === 'resolved' && row.resolve_count > 0 && !row.rated && !row.csat_suppressed,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

/**
 * A message the widget user sent, for the user audience: it is their own and never private;
 * anything else is refused here rather than shown.
 */
export function asOwnMessage(row: MessageRow, userId: string): UserVisibleMessageRow {
  if (row.actor_type !== 'user' || row.actor_id !== userId || row.message_type === 'private')
    throw new Error('only the user’s own messages are shown as sent by them');
  return row as UserVisibleMessageRow;
}

export function presentWidgetCsat(row: CsatResponseRow) {
  return {
    conversation_id: row.conversation_id,
    rating: row.rating,
    review: row.comment,
    created_time: isoTime(row.created_at),
  };
}
