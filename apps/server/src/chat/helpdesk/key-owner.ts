import type { HelpdeskKeyOwner } from '../db.js';
import { HelpdeskError, type HelpdeskClient } from './helpdesk-client.js';
import { explanationOf, type HelpdeskExplanation } from './helpdesk-errors.js';

/** Role names that make a helpdesk agent an administrator (compared case-insensitively). */
const ADMIN_ROLE_NAMES = new Set(['account administrator', 'administrator']);

/** Is this helpdesk role name an administrator role? */
export function isAdminRoleName(name: string): boolean {
  return ADMIN_ROLE_NAMES.has(name.trim().toLowerCase());
}

interface AgentObject {
  id: number;
  occasional?: unknown;
  ticket_scope?: unknown;
  role_ids?: unknown;
  contact: { name?: unknown; email?: unknown; active?: unknown };
}

/** Does this JSON look like a Freshdesk v2 agent object (numeric id and a contact)? */
export function isAgentObject(value: unknown): value is AgentObject {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; contact?: unknown };
  return typeof v.id === 'number' && typeof v.contact === 'object' && v.contact !== null;
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** The role ids of an agent object (numbers only). */
export function roleIdsOf(agent: AgentObject): number[] {
  return Array.isArray(agent.role_ids)
    ? agent.role_ids.filter((id): id is number => typeof id === 'number')
    : [];
}

/**
 * The helpdesk's roles by id (GET /roles), or undefined when the key may not read them (the
 * helpdesk answers 403 to plain agents: such a key is not an admin's).
 */
export async function helpdeskRoleNames(client: HelpdeskClient): Promise<Map<number, string> | undefined> {
  let roles: unknown;
  try {
    roles = await client.get<unknown>('/roles');
  } catch (error) {
    if (error instanceof HelpdeskError && error.problem === 'access_denied') return undefined;
    throw error;
  }
  if (!Array.isArray(roles))
    throw new HelpdeskError(
      'not_a_helpdesk',
      'GET /roles did not answer a list: this is not a Freshdesk v2 API.',
    );
  const names = new Map<number, string>();
  for (const role of roles as { id?: unknown; name?: unknown }[])
    if (typeof role?.id === 'number' && typeof role.name === 'string') names.set(role.id, role.name);
  return names;
}

/**
 * Who owns the key the client calls with (GET /agents/me, GET /roles), and why Chat refuses it
 * when it does: the integration needs a global-scope, full-time administrator (I1). Throws a
 * HelpdeskError for transport and HTTP failures (invalid_key on 401; not_a_helpdesk when the
 * answer is not an agent). Also what explains a 403 met later (conversion, FAQ sync).
 */
export async function inspectKeyOwner(
  client: HelpdeskClient,
): Promise<{ owner: HelpdeskKeyOwner; refusal?: HelpdeskExplanation }> {
  let me: unknown;
  try {
    me = await client.get<unknown>('/agents/me');
  } catch (error) {
    // Every Freshdesk v2 API serves /agents/me: a 404 there means the URL is not one.
    if (error instanceof HelpdeskError && error.problem === 'not_found')
      throw new HelpdeskError(
        'not_a_helpdesk',
        'GET /agents/me answered 404: this address does not serve a Freshdesk v2 API.',
        error.answer ? { answer: error.answer, cause: error } : { cause: error },
      );
    throw error;
  }
  if (!isAgentObject(me))
    throw new HelpdeskError(
      'not_a_helpdesk',
      'GET /agents/me did not answer an agent (no numeric id and contact): this is not a Freshdesk v2 API.',
      { answer: { status: 200, body: JSON.stringify(me ?? null).slice(0, 64 * 1024) } },
    );
  const roleNames = await helpdeskRoleNames(client);
  const roles = roleNames
    ? roleIdsOf(me)
        .map((id) => roleNames.get(id))
        .filter((name): name is string => name !== undefined)
    : [];
  const owner: HelpdeskKeyOwner = {
    id: me.id,
    name: stringOrNull(me.contact.name),
    email: stringOrNull(me.contact.email),
    roles,
    ticket_scope: typeof me.ticket_scope === 'number' ? me.ticket_scope : 0,
    occasional: me.occasional === true,
  };
  const refusal = refusalOf(owner);
  return refusal ? { owner, refusal } : { owner };
}

const SCOPES: Record<number, string> = { 1: 'global', 2: 'group', 3: 'restricted' };

/** Why Chat cannot work with this key owner, in words naming the agent and what to change. */
export function refusalOf(owner: HelpdeskKeyOwner): HelpdeskExplanation | undefined {
  const who = `The API key belongs to ${owner.name ?? 'an agent'}${owner.email ? ` (${owner.email})` : ''}`;
  if (!owner.roles.some(isAdminRoleName))
    return {
      cause: 'not_admin',
      message: `${who}, who is not an administrator${owner.roles.length ? ` (roles: ${owner.roles.join(', ')})` : ''}. In the helpdesk, give this agent the Administrator or Account Administrator role, or use an administrator's API key.`,
    };
  if (owner.ticket_scope !== 1)
    return {
      cause: 'no_global_scope',
      message: `${who}, whose ticket scope is ${SCOPES[owner.ticket_scope] ?? `#${owner.ticket_scope}`} access. In the helpdesk, set this agent's ticket scope to Global access, or use the key of an administrator who has it.`,
    };
  if (owner.occasional)
    return {
      cause: 'occasional_agent',
      message: `${who}, who is an occasional (day-pass) agent. In the helpdesk, make this agent full-time, or use a full-time administrator's API key.`,
    };
  return undefined;
}

/**
 * A HelpdeskError in plain words for the admin or agent: a 403 is explained by who owns the key
 * now (lost the admin role, global scope, became occasional) with the helpdesk's own answer kept.
 */
export async function explainHelpdeskError(
  client: HelpdeskClient,
  error: HelpdeskError,
): Promise<HelpdeskExplanation> {
  const explanation = explanationOf(error);
  if (error.problem !== 'access_denied') return explanation;
  try {
    const { refusal } = await inspectKeyOwner(client);
    return refusal ? { ...explanation, ...refusal } : explanation;
  } catch {
    return explanation;
  }
}
