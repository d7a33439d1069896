import type { ChatServices } from '../context.js';
import type { ChatDb } from '../db.js';
import { secretBoxOf } from '../users/identity-secret-box.js';
import { createHelpdeskClient, type HelpdeskClient } from './helpdesk-client.js';
import { helpdeskFailure } from './helpdesk-errors.js';

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
  const origin = new URL(url).origin;
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
  if (!row)
    throw helpdeskFailure(
      {
        cause: 'not_connected',
        message: 'No helpdesk is connected: an admin connects one under Integrations > Helpdesk.',
      },
      409,
    );
  const apiKey = await secretBoxOf(services).open(row.api_key_encrypted);
  return helpdeskClientFor(services, row.url, apiKey);
}
