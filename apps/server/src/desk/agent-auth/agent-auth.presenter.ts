import type { SessionActorRow } from './agent-auth.repository.js';
import { toActor } from './session.js';

/** The signed-in agent as the agent UI sees it, with the CSRF token its API calls must echo. */
export function presentAgentSession(row: SessionActorRow) {
  const actor = toActor(row);
  return {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    role_ids: actor.roleIds,
    roles: actor.roleKinds,
    ticket_scope: actor.ticketScope,
    group_ids: actor.groupIds,
    occasional: actor.occasional,
    csrf_token: row.csrf_token,
  };
}
