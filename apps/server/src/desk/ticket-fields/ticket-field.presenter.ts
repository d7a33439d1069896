import { isoTime } from '../../platform/http/format.js';
import { LIST_CHOICE_TYPES } from './field-types.js';
import type { TicketFieldRow } from './ticket-field.repository.js';

/** Groups and agents by name, shown as the choices of the default group and agent fields. */
export interface ChoiceLookups {
  groups: { id: number; name: string }[];
  agents: { id: number; name: string }[];
}

/**
 * `choices` by type, as Freshdesk shows them: status `{"2": [agent label, customer label]}`,
 * priority/source `{"Low": 1}`, group/agent `{"name": id}`, type/dropdown `["a", "b"]` (the admin
 * API: `[{value, position}]`), `[]` for fields without choices.
 */
function presentChoices(row: TicketFieldRow, lookups: ChoiceLookups, audience: 'api' | 'admin'): unknown {
  if (LIST_CHOICE_TYPES.includes(row.type)) {
    const values = Array.isArray(row.choices) ? (row.choices as string[]) : [];
    return audience === 'admin' ? values.map((value, i) => ({ value, position: i + 1 })) : values;
  }
  if (row.type === 'default_group') return Object.fromEntries(lookups.groups.map((g) => [g.name, g.id]));
  if (row.type === 'default_agent') return Object.fromEntries(lookups.agents.map((a) => [a.name, a.id]));
  if (row.choices !== null && typeof row.choices === 'object') {
    // JSONB stores object keys sorted by length, so name→value maps are put back in value order.
    const entries = Object.entries(row.choices as Record<string, unknown>);
    if (entries.every(([, value]) => typeof value === 'number')) {
      entries.sort(([, a], [, b]) => (a as number) - (b as number));
    }
    return Object.fromEntries(entries);
  }
  return [];
}

/** Freshdesk v2 ticket field object; `admin` shows dropdown choices in the admin API's shape. */
export function presentTicketField(
  row: TicketFieldRow,
  lookups: ChoiceLookups,
  audience: 'api' | 'admin' = 'api',
) {
  const isRequester = row.type === 'default_requester';
  return {
    id: row.id,
    name: row.name,
    label: row.label,
    label_for_customers: row.label_for_customers,
    description: row.description,
    position: row.position,
    type: row.type,
    default: row.is_default,
    required_for_agents: row.required_for_agents,
    required_for_customers: row.required_for_customers,
    required_for_closure: row.required_for_closure,
    customers_can_edit: row.customers_can_edit,
    displayed_to_customers: row.displayed_to_customers,
    // Portal CC settings belong to the requester field only, as in Freshdesk.
    portal_cc: isRequester ? false : null,
    portal_cc_to: isRequester ? 'company' : null,
    choices: presentChoices(row, lookups, audience),
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}
