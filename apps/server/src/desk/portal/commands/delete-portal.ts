import { fieldError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { deletePortalRow, listPortals, type PortalRow } from '../portal.repository.js';

/**
 * Deletes a portal (its sessions end with it). The default portal can go only when it is the
 * last one: otherwise hosts without their own portal would suddenly have none.
 */
export async function deletePortal(ctx: DeskContext, portal: PortalRow): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    if (portal.is_default && (await listPortals(ctx.db)).length > 1)
      throw fieldError(
        'is_default',
        'inconsistent_state',
        'The default portal cannot be deleted; make another portal the default first',
      );
    await deletePortalRow(ctx.db, portal.id);
  });
}
