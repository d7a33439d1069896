import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../../platform/http/errors.js';
import { chatContextOf } from '../api.js';
import { inTransaction } from '../context.js';
import { assertCanCreateAgent, assertCanDeactivateAgent, assertCanSetAvailability } from './agent.policy.js';
import { presentAgent } from './agent.presenter.js';
import {
  findAgentById,
  groupIdsOfAgent,
  groupIdsOfAgents,
  listAgents,
  lockAgent,
} from './agent.repository.js';
import {
  agentParams,
  availabilityBody,
  createAgentBody,
  listAgentsQuery,
  updateAgentBody,
} from './agent.schemas.js';
import { createAgent } from './commands/create-agent.js';
import { deactivateAgent } from './commands/deactivate-agent.js';
import { setAgentAvailability } from './commands/set-agent-availability.js';
import { updateAgent } from './commands/update-agent.js';
import { pageEnvelope, pageLimitOffset } from './pagination.js';

const tags = ['agents'];

/** Chat's agents (C5): everyone signed in reads them; admins manage them. */
export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/agents',
    { schema: { tags, summary: 'List agents', querystring: listAgentsQuery } },
    async (request) => {
      const ctx = chatContextOf(request);
      const q = request.query;
      const { limit, offset } = pageLimitOffset(q);
      const { rows, total } = await listAgents(
        ctx.db,
        {
          email: q.email,
          availability:
            q.availability_status && (q.availability_status === 'AVAILABLE' ? 'available' : 'away'),
          groupId: q.group_id,
        },
        limit,
        offset,
      );
      const groups = await groupIdsOfAgents(
        ctx.db,
        rows.map((r) => r.id),
      );
      const agents = rows.map((r) => presentAgent(r, groups.get(r.id) ?? []));
      return pageEnvelope(ctx, request, 'agents', agents, q, total);
    },
  );

  app.get(
    '/agents/me',
    { schema: { tags, summary: 'The signed-in agent (inbox sessions)' } },
    async (request) => {
      const ctx = chatContextOf(request);
      // An API token is no agent: "me" exists for inbox sessions only.
      if (ctx.actor.kind !== 'agent')
        throw new AppError('not_found', 'Only an agent session has a current agent.');
      const row = await findAgentById(ctx.db, ctx.actor.agentId);
      if (!row) throw notFound();
      return presentAgent(row, await groupIdsOfAgent(ctx.db, row.id));
    },
  );

  app.get(
    '/agents/:id',
    { schema: { tags, summary: 'View an agent', params: agentParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      const row = await findAgentById(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentAgent(row, await groupIdsOfAgent(ctx.db, row.id));
    },
  );

  app.post(
    '/agents',
    { schema: { tags, summary: 'Add an agent', body: createAgentBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanCreateAgent(ctx.actor, request.body);
      const row = await createAgent(ctx, request.body);
      reply.code(201).header('location', `/v2/agents/${row.id}`);
      return presentAgent(row, await groupIdsOfAgent(ctx.db, row.id));
    },
  );

  app.put(
    '/agents/:id',
    { schema: { tags, summary: 'Update an agent', params: agentParams, body: updateAgentBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      // The policy runs inside the command, on the locked row.
      const row = await updateAgent(ctx, request.params.id, request.body);
      return presentAgent(row, await groupIdsOfAgent(ctx.db, row.id));
    },
  );

  app.patch(
    '/agents/:id',
    { schema: { tags, summary: 'Set availability', params: agentParams, body: availabilityBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      const target = await findAgentById(ctx.db, request.params.id);
      if (!target) throw notFound();
      assertCanSetAvailability(ctx.actor, target);
      const row = await setAgentAvailability(ctx, target, request.body.availability_status);
      return presentAgent(row, await groupIdsOfAgent(ctx.db, row.id));
    },
  );

  app.delete(
    '/agents/:id',
    { schema: { tags, summary: 'Deactivate an agent (202)', params: agentParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      await inTransaction(ctx, async (ctx) => {
        const target = await lockAgent(ctx.db, request.params.id);
        if (!target) throw notFound();
        assertCanDeactivateAgent(ctx.actor, target);
        await deactivateAgent(ctx, target.id);
      });
      reply.code(202);
      return { code: 202, status: 'ACCEPTED', message: 'Agent deletion request accepted' };
    },
  );
};
