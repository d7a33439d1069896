import { isoTime } from '../../platform/http/format.js';
import type { GroupRow } from './group.repository.js';

/** A group as the /v2 API shows it (chat-v2.md B5), with its member agent ids. */
export function presentGroup(row: GroupRow, agentIds: string[]) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    routing_type: row.routing_type,
    agents: agentIds,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}
