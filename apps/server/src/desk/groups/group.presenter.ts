import { isoTime } from '../../platform/http/format.js';
import type { GroupRow } from './group.repository.js';

/** Freshdesk v2 group object; `agentIds` are batch-loaded by the caller. */
export function presentGroup(row: GroupRow, agentIds: number[]) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    escalate_to: row.escalate_to,
    unassigned_for: row.unassigned_for,
    business_hour_id: row.business_hour_id,
    agent_ids: agentIds,
    auto_ticket_assign: row.auto_ticket_assign,
    group_type: 'support_agent_group',
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}
