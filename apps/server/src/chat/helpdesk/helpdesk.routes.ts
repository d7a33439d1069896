import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf } from '../api.js';
import { authenticateHelpdeskPair } from './commands/authenticate-helpdesk.js';
import { connectHelpdesk } from './commands/connect-helpdesk.js';
import { disconnectHelpdesk } from './commands/disconnect-helpdesk.js';
import { importHelpdeskAgents } from './commands/import-helpdesk-agents.js';
import { changeHelpdeskSettings } from './commands/update-helpdesk-settings.js';
import { findHelpdeskConnection } from './helpdesk-connection.js';
import { assertCanManageHelpdesk } from './helpdesk.policy.js';
import { presentHelpdeskConnection, presentKeyOwner } from './helpdesk.presenter.js';
import { authenticateBody, credentialsBody, settingsBody } from './helpdesk.schemas.js';

const tags = ['integrations'];

/** Admins only, checked before the body is read: an agent learns nothing but 403. */
const adminOnly = {
  preValidation: async (request: FastifyRequest) => assertCanManageHelpdesk(chatContextOf(request).actor),
};

/** Integrations > Helpdesk (I1, I4, I5, B3, B6) and agent import (B4). */
export const helpdeskConnectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/integrations/helpdesk',
    { ...adminOnly, schema: { tags, summary: 'The connected helpdesk and the integration switches' } },
    async (request) => presentHelpdeskConnection(await findHelpdeskConnection(chatContextOf(request).db)),
  );

  app.put(
    '/integrations/helpdesk',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Connect a helpdesk (saved only when Authenticate passes)',
        body: credentialsBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      await connectHelpdesk(ctx, request.body);
      return presentHelpdeskConnection(await findHelpdeskConnection(ctx.db));
    },
  );

  app.post(
    '/integrations/helpdesk/authenticate',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Authenticate: re-check the saved URL and key, or test a pair without saving it',
        body: authenticateBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const owner = await authenticateHelpdeskPair(ctx, request.body);
      return { ok: true, key_owner: presentKeyOwner(owner) };
    },
  );

  app.patch(
    '/integrations/helpdesk/settings',
    { ...adminOnly, schema: { tags, summary: 'Change the integration switches', body: settingsBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      return presentHelpdeskConnection(await changeHelpdeskSettings(ctx, request.body));
    },
  );

  app.delete(
    '/integrations/helpdesk',
    { ...adminOnly, schema: { tags, summary: 'Disconnect: forget the helpdesk URL and key' } },
    async (request, reply) => {
      await disconnectHelpdesk(chatContextOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/integrations/helpdesk/agent-import',
    { ...adminOnly, schema: { tags, summary: "Import the helpdesk's agents (invited to set a password)" } },
    async (request) => {
      const ctx = chatContextOf(request);
      const base = baseUrlOf(request, ctx.services.config.publicUrl);
      return importHelpdeskAgents(ctx, (token) => `${base}/invitations/${token}`);
    },
  );
};
