import { sql } from 'kysely';
import type { DeskDb, RoleKind } from '../db.js';

export interface ActorRow {
  id: number;
  name: string;
  email: string | null;
  ticket_scope: number;
  occasional: boolean;
  role_ids: number[];
  role_kinds: RoleKind[];
  group_ids: number[];
  ticket_fields_revision: number;
}

/**
 * What an actor needs beyond its agent and contact columns, as subqueries on the agent aliased
 * `a`, so authentication stays one round trip (API keys here, agent sessions in agent-auth): role
 * ids and kinds, group ids, and the ticket-field revision (field definitions are served from
 * memory while it is current).
 */
export const actorAggregates = () => [
  sql<
    number[]
  >`coalesce((SELECT array_agg(ar.role_id ORDER BY ar.role_id) FROM agent_roles ar WHERE ar.agent_id = a.id), '{}')`.as(
    'role_ids',
  ),
  sql<
    RoleKind[]
  >`coalesce((SELECT array_agg(r.kind) FROM agent_roles ar JOIN roles r ON r.id = ar.role_id WHERE ar.agent_id = a.id), '{}')`.as(
    'role_kinds',
  ),
  sql<
    number[]
  >`coalesce((SELECT array_agg(ga.group_id ORDER BY ga.group_id) FROM group_agents ga WHERE ga.agent_id = a.id), '{}')`.as(
    'group_ids',
  ),
  sql<number>`(SELECT dr.revision FROM desk_revisions dr WHERE dr.name = 'ticket_fields')`.as(
    'ticket_fields_revision',
  ),
];

/**
 * The active, undeleted agent owning an API key hash, with roles and groups and the current
 * ticket-field revision, in one query.
 */
export async function findActorByApiKeyHash(db: DeskDb, hash: string): Promise<ActorRow | undefined> {
  // Aggregated subqueries keep auth to one round trip per request.
  return db
    .selectFrom('agents as a')
    .innerJoin('contacts as c', 'c.id', 'a.id')
    .select(['a.id', 'c.name', 'c.email', 'a.ticket_scope', 'a.occasional', ...actorAggregates()])
    .where('a.api_key_hash', '=', hash)
    .where('c.is_agent', '=', true)
    .where('c.active', '=', true)
    .where('c.deleted', '=', false)
    .executeTakeFirst();
}
