import { hashToken } from '../../auth/tokens.js';
import type { ChatContext } from '../../context.js';
import { deleteWidgetSession } from '../widget-session.repository.js';

/** Ends the widget session whose token the request carried: it answers 401 from then on. */
export async function endWidgetSession(ctx: ChatContext, token: string) {
  await deleteWidgetSession(ctx.db, hashToken(token));
}
