import type { UserMessage } from '@tandem/protocol/chat-realtime';
import { isoTime } from '../../platform/http/format.js';
import type { ConversationRow, MessageRow, UserVisibleMessageRow } from './conversation.repository.js';

/** A conversation in the chat-v2.md B3 shape (API and agent audience). */
export function presentConversation(row: ConversationRow, appId: string | null) {
  return {
    conversation_id: row.id,
    id: row.id,
    app_id: appId,
    status: row.status,
    assigned_agent_id: row.assigned_agent_id,
    assigned_group_id: row.assigned_group_id,
    users: [{ id: row.user_id }],
    site_id: row.site_id,
    properties: row.properties ?? {},
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
    resolve_count: row.resolve_count,
    // The helpdesk ticket it was converted into (I6), or null.
    ticket: row.ticket_id === null ? null : { id: row.ticket_id, url: row.ticket_url },
  };
}

/** A message in the chat-v2.md B4 shape plus `seq` and `client_message_id`, private notes included. */
export function presentMessage(row: MessageRow, conversation: { user_id: string }, appId: string | null) {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    app_id: appId,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    user_id: conversation.user_id,
    message_type: row.message_type,
    message_parts: row.message_parts,
    message_source: row.message_source,
    created_time: isoTime(row.created_at),
    seq: row.seq,
    client_message_id: row.client_message_id,
  };
}

/** What a conversation's user (the widget) is shown of a message: the realtime contract's shape. */
export type { UserMessage } from '@tandem/protocol/chat-realtime';

/**
 * A message for the USER audience. Takes only rows from listMessagesForUser (private notes are
 * filtered in SQL and the row type cannot hold one); the runtime check guards casts.
 */
export function presentMessageForUser(row: UserVisibleMessageRow): UserMessage {
  const type: string = row.message_type;
  if (type !== 'normal' && type !== 'system') throw new Error('a private note cannot be shown to a user');
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    message_type: row.message_type,
    message_parts: row.message_parts,
    created_time: isoTime(row.created_at),
    seq: row.seq,
    client_message_id: row.client_message_id,
  };
}
