import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf, chatServicesOf } from '../api.js';
import type { ChatContext } from '../context.js';
import { storeUpload } from './commands/store-upload.js';
import { contentDisposition } from './file-name.js';
import { presentUpload } from './file.presenter.js';
import { findFileById } from './file.repository.js';
import { downloadParams, UUID } from './file.schemas.js';
import { fileStoreOf } from './file.store.js';
import { readUpload } from './file.uploads.js';

const tags = ['files'];

const baseUrl = (request: FastifyRequest, ctx: ChatContext) =>
  baseUrlOf(request, ctx.services.config.publicUrl);

/**
 * The upload endpoints. Multipart is registered only in this plugin, so every other endpoint
 * keeps answering 415 to multipart bodies.
 */
const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { throwFileSizeLimit: false });

  app.post(
    '/files/upload',
    { schema: { tags, summary: 'Upload a file for a message part (multipart field "file")' } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const upload = await readUpload(request, ctx.services.config.uploadMaxBytes);
      const row = await storeUpload(ctx, upload, 'files');
      reply.code(201);
      return presentUpload(row, baseUrl(request, ctx), 'file');
    },
  );

  app.post(
    '/images/upload',
    { schema: { tags, summary: 'Upload an image for a message part (multipart field "file")' } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const upload = await readUpload(request, ctx.services.config.uploadMaxBytes);
      const row = await storeUpload(ctx, upload, 'images');
      reply.code(201);
      return presentUpload(row, baseUrl(request, ctx), 'image');
    },
  );

  app.post(
    '/widget/files/upload',
    {
      schema: {
        tags: ['widget'],
        summary: 'Upload an image or file as the widget user; answers the part to send',
        security: [{ widgetSession: [] }],
      },
      config: { audience: 'widget' },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const upload = await readUpload(request, ctx.services.config.uploadMaxBytes);
      const row = await storeUpload(ctx, upload, 'files');
      reply.code(201);
      return presentUpload(row, baseUrl(request, ctx), row.kind);
    },
  );
};

/** Uploads (chat-v2.md B4) and their public downloads. */
export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(uploadRoutes);

  // Public: the random id is the capability (as Freshchat's CDN URLs), so <img> works in the
  // widget and the inbox. What is served cannot act as a page: nosniff and a sandbox CSP.
  app.get(
    '/files/:id/:name',
    {
      schema: { tags, summary: 'Download an uploaded file', params: downloadParams, security: [] },
      config: { public: true, anyAccept: true },
    },
    async (request, reply) => {
      const services = chatServicesOf(request);
      const { id } = request.params;
      const row = UUID.test(id) ? await findFileById(services.db, id) : undefined;
      if (!row) throw notFound();
      const stream = await fileStoreOf(services)
        .open(row.storage_key)
        .catch(() => {
          throw notFound();
        });
      return reply
        .header('content-type', row.content_type)
        .header('content-length', String(row.size_bytes))
        .header(
          'content-disposition',
          contentDisposition(row.kind === 'image' ? 'inline' : 'attachment', row.name),
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'private, max-age=86400')
        .send(stream);
    },
  );
};
