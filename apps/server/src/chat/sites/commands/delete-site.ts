import { AppError, notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { DEFAULT_SITE_ID } from '../default-site.js';
import { deleteSite as deleteSiteRow, findSiteById, siteIsInUse } from '../site.repository.js';

/** 409 whose detail names the reason (Chat's error body shows field details, not the message). */
const conflict = (message: string) =>
  new AppError('validation_failed', message, [{ field: 'id', code: 'inconsistent_state', message }], 409);

/**
 * Deletes an unused site. A site with users or conversations stays (409): deleting it would
 * orphan them. The `default` site is where widgets without a site id land, so it always stays.
 */
export async function deleteSite(ctx: ChatContext, id: string) {
  await inTransaction(ctx, async (ctx) => {
    if (!(await findSiteById(ctx.db, id))) throw notFound();
    if (id === DEFAULT_SITE_ID) throw conflict('The default site cannot be deleted.');
    if (await siteIsInUse(ctx.db, id)) {
      throw conflict('This site still has users or conversations; delete them first.');
    }
    await deleteSiteRow(ctx.db, id);
  });
}
