import { FieldErrors } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import { explainChatFailure, chatFieldError } from '../chat-channel-errors.js';
import { findChatChannel, saveChatChannelRow, type ChatChannelRow } from '../chat-channel.repository.js';
import type { UpdateChatChannelInput } from '../chat-channel.schemas.js';
import { ChatCallError, createChatClient, normalizeChatUrl } from '../chat-client.js';
import { requiredPortalSites, syncPortalSites } from '../portal-sites.js';
import { secretBoxOf } from '../secret-box.js';

/**
 * A write-only secret after the request: kept (left out), removed (null) or replaced; `plain`
 * opens it only when a caller needs it (the Chat API token, to call Chat).
 */
async function nextSecret(
  ctx: DeskContext,
  given: string | null | undefined,
  stored: string | null | undefined,
) {
  const box = secretBoxOf(ctx.services);
  const sealed = given === undefined ? (stored ?? null) : given === null ? null : await box.seal(given);
  return {
    sealed,
    plain: async (): Promise<string | null> =>
      typeof given === 'string' ? given : sealed === null ? null : box.open(sealed),
  };
}

/** `value` unless it was left out of the request, then the stored one. */
const pick = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);

/**
 * Saves the chat channel settings. Turning it on (or saving while on) first proves the app id +
 * widget token pair against Chat's public widget bootstrap and, with an API token, creates or
 * updates the Chat sites of chat-enabled portals; any refusal names the field and saves nothing.
 */
export async function saveChatChannel(
  ctx: DeskContext,
  input: UpdateChatChannelInput,
  baseUrl: string,
): Promise<void> {
  const current: ChatChannelRow | undefined = await findChatChannel(ctx.db);
  const enabled = pick(input.enabled, current?.enabled ?? false);
  let chatUrl = pick(input.chat_url, current?.chat_url ?? null) || null;
  const appId = pick(input.app_id, current?.app_id ?? null);
  const widgetToken = pick(input.widget_token, current?.widget_token ?? null);

  if (chatUrl !== null) {
    try {
      chatUrl = normalizeChatUrl(chatUrl);
    } catch (error) {
      if (error instanceof ChatCallError) throw chatFieldError(error);
      throw error;
    }
  }
  if (enabled) {
    const missing = new FieldErrors();
    if (!chatUrl) missing.add('chat_url', 'missing_field', "Enter Chat's address to enable the chat channel");
    if (!appId) missing.add('app_id', 'missing_field', "Enter Chat's app id to enable the chat channel");
    if (!widgetToken)
      missing.add('widget_token', 'missing_field', "Enter Chat's widget token to enable the chat channel");
    missing.throwIfAny();
  }

  const identitySecret = await nextSecret(ctx, input.identity_secret, current?.identity_secret_sealed);
  const apiToken = await nextSecret(ctx, input.api_token, current?.api_token_sealed);

  let verifiedAt = current?.verified_at ?? null;
  if (enabled) {
    const apiTokenPlain = await apiToken.plain();
    const client = createChatClient({
      baseUrl: chatUrl!,
      trustedOrigins: ctx.services.config.chatTrustedOrigins,
      ...(apiTokenPlain ? { apiToken: apiTokenPlain } : {}),
    });
    await explainChatFailure(async () => {
      await client.verifyWidgetPair(appId!, widgetToken!);
      if (apiTokenPlain) {
        // Reading the default site proves the token even when no portal needs a site yet.
        await client.findSite('default');
        await syncPortalSites(client, await requiredPortalSites(ctx.db, baseUrl));
      }
    });
    verifiedAt = new Date();
  }

  await saveChatChannelRow(ctx.db, {
    enabled,
    chat_url: chatUrl,
    app_id: appId,
    widget_token: widgetToken,
    identity_secret_sealed: identitySecret.sealed,
    api_token_sealed: apiToken.sealed,
    verified_at: verifiedAt,
  });
}
