import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { pageEnvelope, pageLimitOffset } from '../agents/index.js';
import { chatContextOf } from '../api.js';
import { webhookSecretBox } from './webhook-secret-box.js';
import { assertCanManageWebhooks, assertWebhookUrlAllowed } from './webhook.policy.js';
import { presentDelivery, presentWebhook } from './webhook.presenter.js';
import {
  countDeliveries,
  countWebhooks,
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  replaceWebhookSecret,
  updateWebhook,
} from './webhook.repository.js';
import { createWebhookBody, listQuery, updateWebhookBody, webhookParams } from './webhook.schemas.js';

const tags = ['webhooks'];

const newWebhookSecret = () => `whsec_${randomBytes(24).toString('hex')}`;

/** Admins register URLs that receive signed POSTs for Chat events, and read their delivery log. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/webhooks',
    { schema: { tags, summary: 'List webhooks', querystring: listQuery } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      const { limit, offset } = pageLimitOffset(request.query);
      const [rows, total] = await Promise.all([listWebhooks(ctx.db, limit, offset), countWebhooks(ctx.db)]);
      return pageEnvelope(ctx, request, 'webhooks', rows.map(presentWebhook), request.query, total);
    },
  );

  app.post(
    '/webhooks',
    { schema: { tags, summary: 'Register a webhook', body: createWebhookBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      assertWebhookUrlAllowed(ctx.services.config, request.body.url);
      const secret = newWebhookSecret();
      const row = await insertWebhook(ctx.db, {
        id: randomUUID(),
        url: request.body.url,
        events: request.body.events,
        active: request.body.active ?? true,
        secret_encrypted: await webhookSecretBox(ctx.services).seal(secret),
      });
      reply.code(201).header('Location', `/v2/webhooks/${row.id}`);
      // The signing secret is returned this once; it is stored sealed.
      return { ...presentWebhook(row), secret };
    },
  );

  app.get(
    '/webhooks/:id',
    { schema: { tags, summary: 'View a webhook', params: webhookParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      const row = await findWebhook(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentWebhook(row);
    },
  );

  app.put(
    '/webhooks/:id',
    { schema: { tags, summary: 'Update a webhook', params: webhookParams, body: updateWebhookBody } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      assertWebhookUrlAllowed(ctx.services.config, request.body.url);
      const row = await updateWebhook(ctx.db, request.params.id, request.body);
      if (!row) throw notFound();
      return presentWebhook(row);
    },
  );

  app.delete(
    '/webhooks/:id',
    { schema: { tags, summary: 'Delete a webhook', params: webhookParams } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      if (!(await deleteWebhook(ctx.db, request.params.id))) throw notFound();
      return reply.code(204).send();
    },
  );

  app.post(
    '/webhooks/:id/rotate_secret',
    { schema: { tags, summary: "Replace a webhook's signing secret", params: webhookParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      const secret = newWebhookSecret();
      const sealed = await webhookSecretBox(ctx.services).seal(secret);
      if (!(await replaceWebhookSecret(ctx.db, request.params.id, sealed))) throw notFound();
      const row = await findWebhook(ctx.db, request.params.id);
      if (!row) throw notFound();
      // Deliveries from now on, retries of earlier events included, are signed with the new secret.
      return { ...presentWebhook(row), secret };
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: { tags, summary: "A webhook's delivery log", params: webhookParams, querystring: listQuery },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageWebhooks(ctx.actor);
      const { id } = request.params;
      if (!(await findWebhook(ctx.db, id))) throw notFound();
      const { limit, offset } = pageLimitOffset(request.query);
      const [rows, total] = await Promise.all([
        listDeliveries(ctx.db, id, limit, offset),
        countDeliveries(ctx.db, id),
      ]);
      return pageEnvelope(ctx, request, 'deliveries', rows.map(presentDelivery), request.query, total);
    },
  );
};
