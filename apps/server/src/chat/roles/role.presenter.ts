import type { ChatRole } from '../db.js';

const DESCRIPTIONS: Record<ChatRole, string> = {
  owner:
    'Created at first start; everything an admin can do, plus creating and demoting admins. Cannot be demoted or deactivated.',
  admin: 'Manages agents, groups, API tokens and settings, and works in the inbox.',
  agent: 'Works in the inbox: answers and resolves conversations, sets their own availability.',
};

/** The built-in roles (Chat has no custom roles): id upper-case as agents' `role_id`, name as `role_name`. */
export function presentRoles() {
  return (['owner', 'admin', 'agent'] as const).map((role) => ({
    id: role.toUpperCase(),
    name: role,
    description: DESCRIPTIONS[role],
    is_custom_role: false,
  }));
}
