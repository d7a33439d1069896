import type { ChatContext } from '../../context.js';
import { secretBoxOf } from '../../users/identity-secret-box.js';
import { saveHelpdeskConnection } from '../helpdesk.repository.js';
import type { CredentialsInput } from '../helpdesk.schemas.js';
import { checkHelpdeskCredentials } from './check-helpdesk-credentials.js';

/**
 * Connects Chat to a helpdesk (I1): saves the normalized URL and the sealed key only after
 * Authenticate passed; on any failure nothing changes (an earlier connection stays).
 */
export async function connectHelpdesk(ctx: ChatContext, input: CredentialsInput) {
  const { url, owner } = await checkHelpdeskCredentials(ctx.services, input.url, input.api_key);
  const sealed = await secretBoxOf(ctx.services).seal(input.api_key);
  await saveHelpdeskConnection(ctx.db, {
    url,
    api_key_encrypted: sealed,
    key_owner: owner,
    verified_at: new Date(),
  });
  ctx.log.info({ url, keyOwner: owner.id }, 'helpdesk connected');
}
