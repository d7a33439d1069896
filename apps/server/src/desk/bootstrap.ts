import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeskConfig } from '../config.js';
import { generateApiKey, hashApiKey } from './auth/api-keys.js';
import type { DeskDB } from './db.js';

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Only set when generated here: shown once to the operator, never stored in clear. */
  generatedPassword?: string;
  generatedApiKey?: string;
}

/**
 * First start on an empty database: creates the account administrator from DESK_ADMIN_* when
 * set, else with generated credentials that the caller prints once.
 */
export async function ensureAccountAdmin(db: Kysely<DeskDB>, config: DeskConfig): Promise<BootstrapResult> {
  return db.transaction().execute(async (trx) => {
    // Serialize concurrent first starts of several processes on one database.
    await trx.selectFrom('roles').select('id').where('kind', '=', 'account_admin').forUpdate().execute();
    const existing = await trx.selectFrom('agents').select('id').limit(1).executeTakeFirst();
    if (existing) return { created: false };

    const email = config.admin.email ?? 'admin@tandem.local';
    const password = config.admin.password ?? randomBytes(12).toString('base64url');
    const apiKey = config.admin.apiKey ?? generateApiKey();
    const role = await trx
      .selectFrom('roles')
      .select('id')
      .where('kind', '=', 'account_admin')
      .executeTakeFirstOrThrow();
    const now = new Date();
    const contact = await trx
      .insertInto('contacts')
      .values({
        name: 'Administrator',
        email,
        active: true,
        is_agent: true,
        password_hash: await hash(password),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('agents')
      .values({
        id: contact.id,
        ticket_scope: 1,
        api_key_hash: hashApiKey(apiKey),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('agent_roles').values({ agent_id: contact.id, role_id: role.id }).execute();
    return {
      created: true,
      email,
      ...(config.admin.password ? {} : { generatedPassword: password }),
      ...(config.admin.apiKey ? {} : { generatedApiKey: apiKey }),
    };
  });
}
