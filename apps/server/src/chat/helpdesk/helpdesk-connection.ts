import type { ChatServices } from '../context.js';
import type { ChatDb } from '../db.js';
import { secretBoxOf } from '../users/identity-secret-box.js';
import { createHelpdeskClient, normalizeHelpdeskUrl, type HelpdeskClient } from './helpdesk-client.js';
import { helpdeskFailure, notConnectedFailure } from './helpdesk-errors.js';

/** The connection row without the sealed key (what other code may read freely). */
export async function findHelpdeskConnection(db: ChatDb) {
  return db
    .selectFrom('helpdesk_connections')
    .select([
      'url',
      'key_owner',
      'verified_at',
      'conversion_mandatory',
      'no_csat_for_converted',
      'live_faq_sync',
      'ticket_replies_to_chat',
      'updated_at',
    ])
    .where('id', '=', 1)
    .executeTakeFirst();
}

export type HelpdeskConnectionRow = NonNullable<Awaited<ReturnType<typeof findHelpdeskConnection>>>;

/** May the connector reach this helpdesk URL when it is on a private or loopback address? */
export function allowsPrivateHelpdesk(services: ChatServices, url: string): boolean {
  if (services.config.allowPrivateNetworkUrls) return true;
  // The origin of the URL as the client will call it: a bare host gets https://, /api/v2 goes.
  const origin = new URL(normalizeHelpdeskUrl(url)).origin;
  return services.config.helpdeskTrustedOrigins.includes(origin);
}

/** A client for given credentials, with this install's network policy. */
export function helpdeskClientFor(
  services: ChatServices,
  url: string,
  apiKey: string,
  timeoutMs?: number,
): HelpdeskClient {
  return createHelpdeskClient(
    { url, apiKey },
    { allowPrivateNetworks: allowsPrivateHelpdesk(services, url), ...(timeoutMs ? { timeoutMs } : {}) },
  );
}

/**
 * The client for the connected helpdesk (the key unsealed), or a 502 `not_connected` explanation
 * when no helpdesk is connected. What every integration feature calls the helpdesk with.
 */
export async function helpdeskClientOf(
  services: ChatServices,
  db: ChatDb = services.db,
): Promise<HelpdeskClient> {
  const row = await db
    .selectFrom('helpdesk_connections')
    .select(['url', 'api_key_encrypted'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) throw notConnectedFailure();
  const apiKey = await openSavedKey(services, row.api_key_encrypted);
  return helpdeskClientFor(services, row.url, apiKey);
}

/**
 * The saved API key in clear, for a call. When it no longer opens (CHAT_SECRET_KEY or the key
 * file changed since it was sealed), a 409 asking the admin to enter the key again, not a 500.
 */
export async function openSavedKey(services: ChatServices, sealed: string): Promise<string> {
  try {
    return await secretBoxOf(services).open(sealed);
  } catch {
    throw helpdeskFailure(
      {
        cause: 'not_connected',
        message:
          "The saved helpdesk API key cannot be decrypted: Chat's secret key (CHAT_SECRET_KEY or DATA_DIR/chat/secret.key) changed since it was saved. Enter the API key again under Integrations > Helpdesk.",
        field: 'api_key',
      },
      409,
    );
  }
}
