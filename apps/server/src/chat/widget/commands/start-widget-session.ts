import { randomUUID } from 'node:crypto';
import { randomToken } from '../../../platform/web/index.js';
import { hashToken } from '../../auth/tokens.js';
import type { ChatServices } from '../../context.js';
import type { UserRow } from '../../users/index.js';
import { deleteExpiredWidgetSessionsOfUser, insertWidgetSession } from '../widget-session.repository.js';
import { authenticateWidgetUser, type WidgetCredentials } from './authenticate-widget-user.js';

/** How long a widget session lasts; the widget starts a new one (restore id) after that. */
export const WIDGET_SESSION_DAYS = 30;

export interface WidgetSessionStarted {
  token: string;
  expiresAt: Date;
  user: UserRow;
  /** Only for a visitor created now (see authenticateWidgetUser). */
  restoreId?: string;
}

/**
 * Opens a widget session for the user the credentials name (or a new visitor): a random bearer
 * token, returned once; only its SHA-256 is stored, as for agent sessions.
 */
export async function startWidgetSession(
  services: ChatServices,
  credentials: Omit<WidgetCredentials, 'sessionToken' | 'allowNewVisitor'>,
): Promise<WidgetSessionStarted> {
  const { user, restoreId } = await authenticateWidgetUser(services, {
    ...credentials,
    allowNewVisitor: true,
  });
  const token = randomToken();
  const expiresAt = new Date(Date.now() + WIDGET_SESSION_DAYS * 24 * 3600_000);
  await deleteExpiredWidgetSessionsOfUser(services.db, user.id);
  await insertWidgetSession(services.db, {
    id: randomUUID(),
    user_id: user.id,
    site_id: user.site_id,
    token_hash: hashToken(token),
    expires_at: expiresAt,
  });
  return { token, expiresAt, user, ...(restoreId ? { restoreId } : {}) };
}
