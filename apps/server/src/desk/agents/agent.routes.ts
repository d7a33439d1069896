import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf, pageOffset, paginate } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskDb } from '../db.js';
import { createAgent } from './commands/create-agent.js';
import { deleteAgent } from './commands/delete-agent.js';
import { makeAgent } from './commands/make-agent.js';
import { regenerateApiKey } from './commands/regenerate-api-key.js';
import { updateAgent } from './commands/update-agent.js';
import { assertCanManageAgent, assertCanManageAgents, assertCanReadAgents } from './agent.policy.js';
import { presentAgent, presentAgentSuggestion } from './agent.presenter.js';
import {
  autocompleteAgents,
  findAgentById,
  findGroupIdsOfAgents,
  findRoleIdsOfAgents,
  findRoleKindsOfAgent,
  listAgents,
  type AgentRow,
} from './agent.repository.js';
import {
  autocompleteAgentsSchema,
  createAgentSchema,
  deleteAgentSchema,
  listAgentsSchema,
  makeAgentSchema,
  regenerateApiKeySchema,
  updateAgentSchema,
  viewAgentSchema,
} from './agent.schemas.js';

const tags = ['agents'];
const AUTOCOMPLETE_LIMIT = 25;

/** Roles and groups for a batch of agents in two queries, then the v2 objects. */
async function presentAgents(db: DeskDb, rows: AgentRow[]) {
  const ids = rows.map((r) => r.id);
  const [roles, groups] = await Promise.all([findRoleIdsOfAgents(db, ids), findGroupIdsOfAgents(db, ids)]);
  return rows.map((row) =>
    presentAgent(row, { roleIds: roles.get(row.id) ?? [], groupIds: groups.get(row.id) ?? [] }),
  );
}

async function loadAgent(db: DeskDb, id: number): Promise<AgentRow> {
  const agent = await findAgentById(db, id);
  if (!agent) throw notFound();
  return agent;
}

/** Admin-only endpoints answer 403 before looking at the body, so nothing leaks to non-admins. */
const adminOnly = {
  preValidation: async (request: FastifyRequest) => assertCanManageAgents(contextOf(request).actor),
};

export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/agents',
    { schema: { tags, summary: 'List agents', ...listAgentsSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanReadAgents(ctx.actor);
      const { page, per_page, state, ...filters } = request.query;
      const rows = await listAgents(
        ctx.db,
        { ...filters, ...(state ? { occasional: state === 'occasional' } : {}) },
        per_page + 1,
        pageOffset({ page, per_page }),
      );
      const pageRows = paginate(
        request,
        reply,
        rows,
        { page, per_page },
        baseUrlOf(request, ctx.services.config.publicUrl),
      );
      return presentAgents(ctx.db, pageRows);
    },
  );

  app.get('/agents/me', { schema: { tags, summary: 'The agent owning the API key' } }, async (request) => {
    const ctx = contextOf(request);
    const [view] = await presentAgents(ctx.db, [await loadAgent(ctx.db, ctx.actor.id)]);
    return view;
  });

  app.get(
    '/agents/autocomplete',
    {
      schema: { tags, summary: 'Agents whose name or email starts with a term', ...autocompleteAgentsSchema },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadAgents(ctx.actor);
      const rows = await autocompleteAgents(ctx.db, request.query.term, AUTOCOMPLETE_LIMIT);
      return rows.map(presentAgentSuggestion);
    },
  );

  app.get(
    '/agents/:id',
    { schema: { tags, summary: 'View an agent', ...viewAgentSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadAgents(ctx.actor);
      const [view] = await presentAgents(ctx.db, [await loadAgent(ctx.db, request.params.id)]);
      return view;
    },
  );

  app.post(
    '/agents',
    { ...adminOnly, schema: { tags, summary: 'Create an agent', ...createAgentSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const id = await createAgent(ctx, request.body);
      const [view] = await presentAgents(ctx.db, [await loadAgent(ctx.db, id)]);
      reply
        .code(201)
        .header('location', `${baseUrlOf(request, ctx.services.config.publicUrl)}/api/v2/agents/${id}`);
      return view;
    },
  );

  app.put(
    '/agents/:id',
    { ...adminOnly, schema: { tags, summary: 'Update an agent', ...updateAgentSchema } },
    async (request) => {
      const ctx = contextOf(request);
      const agent = await loadAgent(ctx.db, request.params.id);
      const roleKinds = await findRoleKindsOfAgent(ctx.db, agent.id);
      assertCanManageAgent(ctx.actor, roleKinds);
      await updateAgent(ctx, agent, roleKinds, request.body);
      const [view] = await presentAgents(ctx.db, [await loadAgent(ctx.db, agent.id)]);
      return view;
    },
  );

  app.delete(
    '/agents/:id',
    { ...adminOnly, schema: { tags, summary: 'Downgrade an agent to a contact', ...deleteAgentSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const agent = await loadAgent(ctx.db, request.params.id);
      const roleKinds = await findRoleKindsOfAgent(ctx.db, agent.id);
      assertCanManageAgent(ctx.actor, roleKinds);
      await deleteAgent(ctx, agent.id, roleKinds);
      return reply.code(204).send();
    },
  );

  app.post(
    '/agents/me/api_key',
    { schema: { tags, summary: 'Regenerate your own API key (Tandem extension)' } },
    async (request) => {
      const ctx = contextOf(request);
      return { api_key: await regenerateApiKey(ctx, ctx.actor.id) };
    },
  );

  app.post(
    '/agents/:id/api_key',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Issue a new API key for an agent (Tandem extension)',
        ...regenerateApiKeySchema,
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const agent = await loadAgent(ctx.db, request.params.id);
      assertCanManageAgent(ctx.actor, await findRoleKindsOfAgent(ctx.db, agent.id));
      return { api_key: await regenerateApiKey(ctx, agent.id) };
    },
  );

  app.put(
    '/contacts/:id/make_agent',
    {
      ...adminOnly,
      schema: { tags: ['contacts', ...tags], summary: 'Make a contact an agent', ...makeAgentSchema },
    },
    async (request) => {
      const ctx = contextOf(request);
      await makeAgent(ctx, request.params.id, request.body ?? {});
      const [view] = await presentAgents(ctx.db, [await loadAgent(ctx.db, request.params.id)]);
      return view;
    },
  );
};
