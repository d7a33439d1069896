import { accessDenied, fieldError } from '../../platform/http/errors.js';
import { privateUrlProblem } from '../../platform/http/outbound.js';
import type { ChatConfig } from '../../config.js';
import { isChatAdmin, type ChatActor } from '../context.js';

/** Webhooks send conversation data to outside URLs: owners and admins only. */
export function assertCanManageWebhooks(actor: ChatActor) {
  if (!isChatAdmin(actor)) throw accessDenied();
}

/**
 * A webhook URL naming loopback or a private network is refused unless the operator allowed it
 * (CHAT_ALLOW_PRIVATE_NETWORK_URLS); names resolving there are refused again at delivery.
 */
export function assertWebhookUrlAllowed(config: ChatConfig, url: string | undefined) {
  if (url === undefined || config.allowPrivateNetworkUrls) return;
  const problem = privateUrlProblem(url);
  if (problem)
    throw fieldError(
      'url',
      'invalid_value',
      `${problem}; webhooks may not call it unless CHAT_ALLOW_PRIVATE_NETWORK_URLS=true`,
    );
}
