import { duplicate } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import { insertSite } from '../site.repository.js';

/** Creates a site; its id is chosen by the admin (pages pass it to the widget). 409 when taken. */
export async function createSite(
  ctx: ChatContext,
  input: { id: string; name: string; allowed_origins: string[] },
) {
  const row = await insertSite(ctx.db, input);
  if (!row) throw duplicate('id');
  return row;
}
