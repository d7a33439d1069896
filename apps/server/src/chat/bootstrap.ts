import { hash } from '@node-rs/argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ChatConfig } from '../config.js';
import { generateApiToken, hashToken } from './auth/tokens.js';
import type { ChatDB } from './db.js';

export interface ChatBootstrapResult {
  created: boolean;
  email?: string;
  appId?: string;
  /** Only set when generated here: shown once to the operator, never stored in clear. */
  generatedPassword?: string;
  generatedApiToken?: string;
}

/**
 * First start on an empty database: the account (app id and widget token), its owner from
 * CHAT_ADMIN_* when set or with generated credentials, and a first API token.
 */
export async function ensureChatAccount(
  db: Kysely<ChatDB>,
  config: ChatConfig,
): Promise<ChatBootstrapResult> {
  return db.transaction().execute(async (trx) => {
    // Serialize concurrent first starts of several processes on one database (raw SQL: an
    // advisory lock has no query-builder form).
    await sql`SELECT pg_advisory_xact_lock(hashtext('tandem-chat-bootstrap'))`.execute(trx);
    const existing = await trx.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
    if (existing) return { created: false };

    const email = config.admin.email ?? 'admin@tandem.local';
    const password = config.admin.password ?? randomBytes(12).toString('base64url');
    const token = config.admin.apiToken ?? generateApiToken();
    const now = new Date();
    const appId = randomUUID();
    await trx
      .insertInto('accounts')
      .values({
        id: randomUUID(),
        app_id: appId,
        widget_token: randomBytes(24).toString('base64url'),
        name: 'Tandem Chat',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const ownerId = randomUUID();
    await trx
      .insertInto('agents')
      .values({
        id: ownerId,
        email,
        first_name: 'Owner',
        last_name: null,
        password_hash: await hash(password),
        role: 'owner',
        avatar_url: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('api_tokens')
      .values({
        id: randomUUID(),
        name: 'First start',
        token_hash: hashToken(token),
        created_by: ownerId,
        created_at: now,
      })
      .execute();
    return {
      created: true,
      email,
      appId,
      ...(config.admin.password ? {} : { generatedPassword: password }),
      ...(config.admin.apiToken ? {} : { generatedApiToken: token }),
    };
  });
}
