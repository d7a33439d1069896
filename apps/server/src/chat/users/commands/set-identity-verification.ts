import { fieldError } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import {
  findIdentitySettings,
  setIdentityVerification as setFlag,
} from '../identity-verification.repository.js';

/** Turns identity verification on or off; turning it on needs a secret (rotate one first). */
export async function setIdentityVerification(ctx: ChatContext, enabled: boolean) {
  return inTransaction(ctx, async (ctx) => {
    const settings = await findIdentitySettings(ctx.db);
    if (enabled && !settings.identity_secret_encrypted) {
      throw fieldError(
        'enabled',
        'inconsistent_state',
        'Generate a secret first: POST /v2/accounts/identity_verification/secret',
      );
    }
    await setFlag(ctx.db, enabled);
    return { enabled, secret_set: Boolean(settings.identity_secret_encrypted) };
  });
}
