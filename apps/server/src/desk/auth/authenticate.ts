import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import type { Actor, DeskServices, Revisions } from '../context.js';
import { apiKeyFromAuthorization, hashApiKey } from './api-keys.js';
import { findActorByApiKeyHash } from './auth.repository.js';

/** Resolves the agent behind HTTP Basic auth (API key as user name), or throws 401. */
export async function authenticate(
  request: FastifyRequest,
  services: DeskServices,
): Promise<{ actor: Actor; revisions: Revisions }> {
  const key = apiKeyFromAuthorization(request.headers.authorization);
  if (!key) throw new AppError('invalid_credentials');
  const row = await findActorByApiKeyHash(services.db, hashApiKey(key));
  if (!row) throw new AppError('invalid_credentials');
  const actor: Actor = {
    id: row.id,
    name: row.name,
    email: row.email,
    roleIds: row.role_ids,
    roleKinds: row.role_kinds,
    ticketScope: row.ticket_scope as 1 | 2 | 3,
    groupIds: row.group_ids,
    occasional: row.occasional,
  };
  return { actor, revisions: { ticketFields: Number(row.ticket_fields_revision) } };
}
