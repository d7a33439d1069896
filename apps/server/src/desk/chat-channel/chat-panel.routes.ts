import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { policyOrigin } from '../../platform/web/index.js';
import type { DeskServices } from '../context.js';
import { agentSessionOf } from '../agent-auth/session.js';
import type { DeskDb } from '../db.js';
import { findChatChannel } from './chat-channel.repository.js';

/** Where the agent UI finds Chat's panel, when the chat channel is enabled and was verified. */
export interface ChatPanelLocation {
  /** Chat's address as the admin saved it (normalised, no trailing slash). */
  chatUrl: string;
  /** Its origin: the only one the agent UI may frame and hear postMessage from. */
  origin: string;
}

/** The enabled, verified chat channel's Chat address, else undefined (no panel then). */
export async function chatPanelLocation(db: DeskDb): Promise<ChatPanelLocation | undefined> {
  const row = await findChatChannel(db);
  if (!row?.enabled || !row.chat_url || !row.verified_at) return undefined;
  const origin = policyOrigin(row.chat_url);
  if (!origin) return undefined;
  return { chatUrl: `${origin}${new URL(row.chat_url).pathname.replace(/\/+$/, '')}`, origin };
}

/**
 * GET /api/_chat_panel (agent UI only, Tandem extension): `{chat_url, panel_url}` of the linked
 * Chat when the chat channel is on, else both null. Any signed-in agent may read it (every agent
 * answers chats); without an agent session it is 401. Outside /api/v2, like /api/_session.
 */
export const chatPanelRoutes: FastifyPluginAsync<{ services: DeskServices }> = async (app, { services }) => {
  app.get('/api/_chat_panel', { schema: { hide: true } }, async (request, reply) => {
    const session = await agentSessionOf(services, request.headers.cookie);
    if (!session) throw new AppError('invalid_credentials');
    const location = await chatPanelLocation(services.db);
    reply.header('cache-control', 'no-store');
    return {
      chat_url: location?.chatUrl ?? null,
      panel_url: location ? `${location.chatUrl}/inbox/panel` : null,
    };
  });
};
