import { isoTime } from '../../platform/http/format.js';
import type { AgentRow } from './agent.repository.js';

/** An agent as the /v2 API shows it (chat-v2.md B5): role as id + name, availability upper-case. */
export function presentAgent(row: AgentRow, groupIds: string[]) {
  return {
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    avatar: { url: row.avatar_url },
    role_id: row.role.toUpperCase(),
    role_name: row.role,
    groups: groupIds,
    availability_status: row.availability === 'available' ? 'AVAILABLE' : 'UNAVAILABLE',
    max_concurrent_chats: row.max_concurrent_chats,
    is_deactivated: row.is_deactivated,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

export type PresentedAgent = ReturnType<typeof presentAgent>;
