import type { FastifyBaseLogger } from 'fastify';
import type { DeskServices } from '../../context.js';
import { findChatChannel } from '../chat-channel.repository.js';
import { ChatCallError, createChatClient } from '../chat-client.js';
import { portalSiteOf, syncPortalSites } from '../portal-sites.js';
import { secretBoxOf } from '../secret-box.js';

/**
 * After a portal is saved with chat enabled: when the chat channel is on and has a Chat API
 * token, makes the portal's site exist in Chat with the portal's origin allowed. Runs after the
 * portal's commit; a failure is logged and returned (the portal stays saved, and saving the
 * chat channel settings again retries every portal's site).
 */
export async function syncPortalSite(
  services: DeskServices,
  portal: { id: number; name: string; host: string | null; chat_enabled: boolean },
  baseUrl: string,
  log: FastifyBaseLogger,
): Promise<ChatCallError | undefined> {
  if (!portal.chat_enabled) return undefined;
  const channel = await findChatChannel(services.db);
  if (!channel?.enabled || !channel.chat_url || !channel.api_token_sealed) return undefined;
  const client = createChatClient({
    baseUrl: channel.chat_url,
    trustedOrigins: services.config.chatTrustedOrigins,
    apiToken: await secretBoxOf(services).open(channel.api_token_sealed),
  });
  try {
    await syncPortalSites(client, [portalSiteOf(portal, baseUrl)]);
    return undefined;
  } catch (error) {
    if (!(error instanceof ChatCallError)) throw error;
    log.warn({ err: error, portalId: portal.id }, 'could not create the portal site in Chat');
    return error;
  }
}
