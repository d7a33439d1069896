import { isoTime } from '../../platform/http/format.js';
import {
  presentMessageForUser,
  type MessageRow,
  type UserMessage,
  type UserVisibleMessageRow,
} from '../conversations/index.js';
import type { AgentMessage } from './protocol.js';

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
