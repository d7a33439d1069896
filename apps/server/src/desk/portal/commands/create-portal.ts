import { inTransaction, type DeskContext } from '../../context.js';
import { checkPortalWrite, rethrowUniqueViolation } from '../portal-checks.js';
import {
  clearDefaultPortal,
  findDefaultPortalId,
  insertPortal,
  replacePortalCategories,
} from '../portal.repository.js';
import type { CreatePortalInput } from '../portal.schemas.js';

/**
 * Creates a portal with the categories it shows; returns its id. The first portal is the
 * default whatever `is_default` says (a Desk with portals always has exactly one default);
 * a later one sent with `is_default: true` takes the flag from the previous default.
 */
export async function createPortal(ctx: DeskContext, input: CreatePortalInput): Promise<number> {
  try {
    return await inTransaction(ctx, async (ctx) => {
      await checkPortalWrite(ctx.db, input);
      const isDefault = input.is_default === true || (await findDefaultPortalId(ctx.db)) === undefined;
      if (isDefault) await clearDefaultPortal(ctx.db, 0);
      const id = await insertPortal(ctx.db, {
        name: input.name,
        host: input.host ?? null,
        is_default: isDefault,
        logo_url: input.logo_url ?? null,
        chat_enabled: input.chat_enabled ?? false,
        ...(input.brand_color ? { brand_color: input.brand_color } : {}),
      });
      await replacePortalCategories(ctx.db, id, [...new Set(input.category_ids ?? [])]);
      return id;
    });
  } catch (error) {
    rethrowUniqueViolation(error);
  }
}
