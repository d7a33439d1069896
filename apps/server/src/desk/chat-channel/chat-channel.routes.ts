import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskContext } from '../context.js';
import { saveChatChannel } from './commands/save-chat-channel.js';
import { assertCanManageChatChannel } from './chat-channel.policy.js';
import { presentChatChannel } from './chat-channel.presenter.js';
import { findChatChannel } from './chat-channel.repository.js';
import { updateChatChannelSchema, viewChatChannelSchema } from './chat-channel.schemas.js';
import { requiredPortalSites } from './portal-sites.js';

const tags = ['chat channel'];

/** Admins only, answered before the body is looked at: nothing leaks to other agents. */
const adminOnly = {
  preValidation: async (request: FastifyRequest) => assertCanManageChatChannel(contextOf(request).actor),
};

async function view(ctx: DeskContext, baseUrl: string) {
  const [row, sites] = await Promise.all([findChatChannel(ctx.db), requiredPortalSites(ctx.db, baseUrl)]);
  return presentChatChannel(row, sites);
}

/**
 * Admin > Channels > Chat (a Tandem extension to the Freshdesk v2 API): which Chat's widget the
 * portals carry. Saving verifies the settings against Chat over its public API.
 */
export const chatChannelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/chat_channel',
    { ...adminOnly, schema: { tags, summary: 'View the chat channel settings', ...viewChatChannelSchema } },
    async (request) => {
      const ctx = contextOf(request);
      return view(ctx, baseUrlOf(request, ctx.services.config.publicUrl));
    },
  );

  app.put(
    '/admin/chat_channel',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Update the chat channel settings (verified against Chat when enabled)',
        ...updateChatChannelSchema,
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const baseUrl = baseUrlOf(request, ctx.services.config.publicUrl);
      await saveChatChannel(ctx, request.body, baseUrl);
      return view(ctx, baseUrl);
    },
  );
};
