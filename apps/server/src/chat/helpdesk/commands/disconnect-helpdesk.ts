import type { ChatContext } from '../../context.js';
import { deleteHelpdeskConnection } from '../helpdesk.repository.js';

/** Disconnects (I1): the URL and the sealed key are forgotten; nothing calls the helpdesk after. */
export async function disconnectHelpdesk(ctx: ChatContext) {
  await deleteHelpdeskConnection(ctx.db);
  ctx.log.info('helpdesk disconnected');
}
