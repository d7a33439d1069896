import type { ChatContext } from '../../context.js';
import type { HelpdeskKeyOwner } from '../../db.js';
import { helpdeskClientFor, openSavedKey } from '../helpdesk-connection.js';
import { notConnectedFailure } from '../helpdesk-errors.js';
import { findHelpdeskCredentials, recordKeyOwner } from '../helpdesk.repository.js';
import type { CredentialsInput } from '../helpdesk.schemas.js';
import {
  checkHelpdeskCredentials,
  credentialsFailure,
  verifyKeyOwner,
} from './check-helpdesk-credentials.js';

/**
 * Authenticate again with the saved URL and key (I1): records who owns the key now, and
 * `verified_at` when the check passes; a refusal (demoted, scope narrowed, made occasional)
 * is recorded and answered with its reason.
 */
export async function reauthenticateHelpdesk(ctx: ChatContext): Promise<HelpdeskKeyOwner> {
  const saved = await findHelpdeskCredentials(ctx.db);
  if (!saved) throw notConnectedFailure();
  const apiKey = await openSavedKey(ctx.services, saved.api_key_encrypted);
  const { owner, refusal } = await verifyKeyOwner(helpdeskClientFor(ctx.services, saved.url, apiKey));
  await recordKeyOwner(ctx.db, saved.api_key_encrypted, owner, refusal ? undefined : new Date());
  if (refusal) throw credentialsFailure(refusal);
  return owner;
}

/** POST .../authenticate: a given pair is only tested (nothing saved); no pair re-checks the saved one. */
export async function authenticateHelpdeskPair(
  ctx: ChatContext,
  input: CredentialsInput | null | undefined,
): Promise<HelpdeskKeyOwner> {
  if (!input) return reauthenticateHelpdesk(ctx);
  return (await checkHelpdeskCredentials(ctx.services, input.url, input.api_key)).owner;
}
