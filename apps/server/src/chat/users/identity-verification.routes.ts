import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chatContextOf } from '../api.js';
import { rotateIdentitySecret } from './commands/rotate-identity-secret.js';
import { setIdentityVerification } from './commands/set-identity-verification.js';
import { findIdentitySettings } from './identity-verification.repository.js';
import { assertCanManageIdentityVerification } from './user.policy.js';

const tags = ['accounts'];
const setBody = z.strictObject({ enabled: z.boolean() });

/** Identity verification of widget external ids (C4), admin-only. */
export const identityVerificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/accounts/identity_verification',
    { schema: { tags, summary: 'Whether identity verification is on and a secret is set' } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageIdentityVerification(ctx.actor);
      const settings = await findIdentitySettings(ctx.db);
      return {
        enabled: settings.identity_verification,
        secret_set: Boolean(settings.identity_secret_encrypted),
      };
    },
  );

  app.put(
    '/accounts/identity_verification',
    { schema: { tags, summary: 'Turn identity verification on or off', body: setBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageIdentityVerification(ctx.actor);
      return setIdentityVerification(ctx, request.body.enabled);
    },
  );

  app.post(
    '/accounts/identity_verification/secret',
    { schema: { tags, summary: 'Generate a new signing secret (shown once)' } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageIdentityVerification(ctx.actor);
      const secret = await rotateIdentitySecret(ctx);
      // Shown this once; only its sealed form is stored.
      return { secret, algorithm: 'HMAC-SHA256', jwt_algorithm: 'HS256' };
    },
  );
};
