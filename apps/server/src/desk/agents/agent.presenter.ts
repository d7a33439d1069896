import { isoTime } from '../../platform/http/format.js';
import type { AgentRow } from './agent.repository.js';

/** What the presenter needs besides the row: ids batch-loaded by the caller. */
export interface AgentLinks {
  roleIds: number[];
  groupIds: number[];
}

/** Freshdesk v2 agent object. Desk has only support agents and no skills yet. */
export function presentAgent(row: AgentRow, links: AgentLinks) {
  return {
    id: row.id,
    available: row.available,
    available_since: isoTime(row.available_since),
    occasional: row.occasional,
    signature: row.signature,
    ticket_scope: row.ticket_scope,
    group_ids: links.groupIds,
    role_ids: links.roleIds,
    skill_ids: [] as number[],
    type: 'support_agent',
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
    contact: {
      active: row.active,
      email: row.email,
      job_title: row.job_title,
      language: row.language,
      last_login_at: isoTime(row.last_login_at),
      mobile: row.mobile,
      name: row.name,
      phone: row.phone,
      time_zone: row.time_zone,
      created_at: isoTime(row.contact_created_at),
      updated_at: isoTime(row.contact_updated_at),
    },
  };
}

/** The short form `GET /agents/autocomplete` answers with. */
export function presentAgentSuggestion(row: AgentRow) {
  return { id: row.id, name: row.name, email: row.email };
}
