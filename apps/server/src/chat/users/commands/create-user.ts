import { randomUUID } from 'node:crypto';
import { duplicate } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { DEFAULT_SITE_ID } from '../../sites/index.js';
import { generateRestoreId, hashRestoreId } from '../restore-id.js';
import type { CreateUserInput } from '../user.schemas.js';
import { insertUser } from '../user.repository.js';
import { checkUserWrite, withoutNulls } from './user-checks.js';

/**
 * Creates a user in a site (default `default`). Its restore id is returned here, once: only
 * its hash is stored. 409 when the site already has a user with this reference id.
 */
export async function createUser(ctx: ChatContext, input: CreateUserInput) {
  const siteId = input.site_id ?? DEFAULT_SITE_ID;
  return inTransaction(ctx, async (ctx) => {
    const properties = await checkUserWrite(ctx.db, { siteId, properties: input.properties });
    const restoreId = generateRestoreId();
    const row = await insertUser(ctx.db, randomUUID(), {
      site_id: siteId,
      reference_id: input.reference_id ?? null,
      first_name: input.first_name || null,
      last_name: input.last_name || null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      avatar_url: input.avatar?.url ?? null,
      properties: withoutNulls(properties),
      restore_id_hash: hashRestoreId(restoreId),
    });
    if (!row) throw duplicate('reference_id');
    return { row, restoreId };
  });
}
