import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.js';
import {
  assertCanCreateAgent,
  createAgent,
  findAgentsByEmails,
  INVITATION_DAYS,
  inviteAgent,
  type AgentRow,
  type CreateAgentInput,
} from '../../agents/index.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { HelpdeskError, type HelpdeskClient } from '../helpdesk-client.js';
import { helpdeskClientOf } from '../helpdesk-connection.js';
import { helpdeskFailure } from '../helpdesk-errors.js';
import {
  explainHelpdeskError,
  helpdeskRoleNames,
  inspectKeyOwner,
  isAdminRoleName,
  isAgentObject,
  roleIdsOf,
} from '../key-owner.js';

export type SkipReason = 'no_email' | 'invalid_email' | 'deactivated' | 'admin_requires_owner';

export interface AgentImportResult {
  created: {
    id: string;
    email: string;
    role_name: 'admin' | 'agent';
    helpdesk_agent_id: number;
    invitation_url: string;
    invitation_expires_at: string;
  }[];
  matched: { id: string; email: string; helpdesk_agent_id: number }[];
  skipped: { email: string | null; helpdesk_agent_id: number; reason: SkipReason; message: string }[];
}

const emailSchema = z.email().max(255);

/** "Ada King Lovelace" → first "Ada", last "King Lovelace"; no name → the email's local part. */
function namesOf(name: unknown, email: string): { first_name: string; last_name: string | null } {
  const parts = typeof name === 'string' ? name.trim().split(/\s+/).filter(Boolean) : [];
  const first = (parts[0] ?? email.split('@')[0] ?? email).slice(0, 100);
  const last = parts.slice(1).join(' ').slice(0, 100);
  return { first_name: first || email.slice(0, 100), last_name: last || null };
}

const isDuplicateEmail = (error: unknown) =>
  error instanceof AppError && error.fieldErrors.some((e) => e.code === 'duplicate_value');

/** Calls the helpdesk; its failures become the explained 502 (a 403 says who the key's owner is). */
async function fromHelpdesk<T>(client: HelpdeskClient, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HelpdeskError) throw helpdeskFailure(await explainHelpdeskError(client, error));
    throw error;
  }
}

/**
 * Agent import (B4): every active helpdesk agent whose email is not in Chat yet becomes a Chat
 * agent (admin when their helpdesk role is an admin role, else agent) with a 7-day single-use
 * invitation to set a password; agents already in Chat are matched by email, case-insensitively.
 * Idempotent: running it again creates nobody twice. `invitationUrl` turns a token into the link.
 */
export async function importHelpdeskAgents(
  ctx: ChatContext,
  invitationUrl: (token: string) => string,
): Promise<AgentImportResult> {
  const client = await helpdeskClientOf(ctx.services, ctx.db);
  const [agents, roleNames] = await fromHelpdesk(client, () =>
    Promise.all([client.listAll<unknown>('/agents'), helpdeskRoleNames(client)]),
  );
  if (!roleNames) {
    // The key may not read roles: it is no admin's (any more). Say whose it is.
    const { refusal } = await fromHelpdesk(client, () => inspectKeyOwner(client));
    throw helpdeskFailure(
      refusal ?? { cause: 'not_admin', message: 'The helpdesk refused to list its roles to this API key.' },
    );
  }
  const listed = agents.map((agent) => {
    if (!isAgentObject(agent))
      throw helpdeskFailure({
        cause: 'not_a_helpdesk',
        message: 'GET /agents answered items that are not agents: this is not a Freshdesk v2 API.',
      });
    return agent;
  });
  const emailOf = (agent: (typeof listed)[number]) =>
    typeof agent.contact.email === 'string' ? agent.contact.email.trim() : '';
  const existing = new Map<string, AgentRow>(
    (await findAgentsByEmails(ctx.db, listed.map(emailOf).filter(Boolean))).map((row) => [
      row.email.toLowerCase(),
      row,
    ]),
  );

  const result: AgentImportResult = { created: [], matched: [], skipped: [] };
  const seen = new Set<string>();
  for (const agent of listed) {
    const email = emailOf(agent);
    const skip = (reason: SkipReason, message: string) =>
      result.skipped.push({ email: email || null, helpdesk_agent_id: agent.id, reason, message });
    if (!email) {
      skip('no_email', 'The helpdesk agent has no email address.');
      continue;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const found = existing.get(key);
    if (found) {
      result.matched.push({ id: found.id, email: found.email, helpdesk_agent_id: agent.id });
      continue;
    }
    if (agent.contact.active === false) {
      skip('deactivated', 'The agent is deactivated in the helpdesk.');
      continue;
    }
    if (!emailSchema.safeParse(email).success) {
      skip('invalid_email', `"${email}" is not an email address Chat accepts.`);
      continue;
    }
    const isAdmin = roleIdsOf(agent).some((id) => isAdminRoleName(roleNames.get(id) ?? ''));
    const input: CreateAgentInput = {
      email,
      ...namesOf(agent.contact.name, email),
      role_name: isAdmin ? 'admin' : 'agent',
      groups: [],
      max_concurrent_chats: 5,
    };
    try {
      assertCanCreateAgent(ctx.actor, input);
    } catch {
      skip(
        'admin_requires_owner',
        "The agent is an administrator in the helpdesk; only Chat's owner may add administrators. Ask the owner to run the import.",
      );
      continue;
    }
    try {
      const made = await inTransaction(ctx, async (tx) => {
        const row = await createAgent(tx, input);
        return { row, ...(await inviteAgent(tx, row.id)) };
      });
      result.created.push({
        id: made.row.id,
        email: made.row.email,
        role_name: input.role_name,
        helpdesk_agent_id: agent.id,
        invitation_url: invitationUrl(made.token),
        invitation_expires_at: made.expiresAt.toISOString(),
      });
    } catch (error) {
      // Someone added the same email meanwhile (another import, an admin): it is in Chat now.
      if (!isDuplicateEmail(error)) throw error;
      const [row] = await findAgentsByEmails(ctx.db, [email]);
      if (row) result.matched.push({ id: row.id, email: row.email, helpdesk_agent_id: agent.id });
    }
  }
  ctx.log.info(
    { created: result.created.length, matched: result.matched.length, skipped: result.skipped.length },
    `helpdesk agents imported (invitations valid ${INVITATION_DAYS} days)`,
  );
  return result;
}
