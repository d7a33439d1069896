import { notFound } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import { updateSite as updateSiteRow } from '../site.repository.js';

/** Renames a site or replaces its allowed origins. */
export async function updateSite(
  ctx: ChatContext,
  id: string,
  input: { name?: string; allowed_origins?: string[] },
) {
  const row = await updateSiteRow(ctx.db, id, input);
  if (!row) throw notFound();
  return row;
}
