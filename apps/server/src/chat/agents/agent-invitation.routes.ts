import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chatServicesOf } from '../api.js';
import { presentAgent } from './agent.presenter.js';
import { groupIdsOfAgent } from './agent.repository.js';
import { acceptInvitationBody, invitationParams } from './agent.schemas.js';
import { acceptAgentInvitation } from './commands/accept-agent-invitation.js';

/** An invited agent (B4: imported from the helpdesk) sets a password through the link they got. */
export const agentInvitationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/agent-invitations/:token/accept',
    {
      schema: {
        tags: ['agents'],
        summary: 'Accept an invitation: set the password (then sign in with POST /v2/sessions)',
        params: invitationParams,
        body: acceptInvitationBody,
        security: [],
      },
      config: { public: true },
    },
    async (request) => {
      const { db } = chatServicesOf(request);
      const agent = await acceptAgentInvitation(
        { db },
        { token: request.params.token, password: request.body.password },
      );
      return presentAgent(agent, await groupIdsOfAgent(db, agent.id));
    },
  );
};
