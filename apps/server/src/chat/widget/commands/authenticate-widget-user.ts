import { AppError } from '../../../platform/http/errors.js';
import { timingSafeEqualString } from '../../../platform/web/index.js';
import { hashToken } from '../../auth/tokens.js';
import type { ChatServices } from '../../context.js';
import { findSiteById } from '../../sites/index.js';
import {
  findUserById,
  findUserByRestoreId,
  upsertWidgetUser,
  verifyExternalId,
  type ExternalIdError,
  type UserRow,
} from '../../users/index.js';
import type { ChatDb } from '../../db.js';
import { findWidgetSessionByHash, listWidgetAccounts } from '../widget-session.repository.js';

/** What a widget presents to become a user: the account's widget token (and app id), the site, and who. */
export interface WidgetCredentials {
  /** Optional: the widget token alone names the account (one per install); when given, it must match. */
  appId?: string;
  widgetToken: string;
  siteId: string;
  /** A widget session token from POST /v2/widget/sessions (sockets). */
  sessionToken?: string;
  /** The host site's user id, with its HMAC `signature` or as a `jwt`'s `sub` when verification is on. */
  externalId?: string;
  signature?: string;
  jwt?: string;
  /** The restore id the widget kept from an earlier visit. */
  restoreId?: string;
  /** Origins the request came from (page, Origin header); each must be allowed by the site. */
  origins?: string[];
  /** Details to set on the user (first visit or update). */
  profile?: {
    firstName?: string;
    lastName?: string;
    email?: string;
    phone?: string;
    properties?: Record<string, unknown>;
  };
  /** With no session, external id or restore id: start a new anonymous visitor (else refuse). */
  allowNewVisitor: boolean;
}

export type WidgetAuthErrorCode =
  | 'invalid_credentials'
  | ExternalIdError
  | 'unknown_site'
  | 'origin_not_allowed'
  | 'unknown_restore_id'
  | 'unknown_session'
  | 'identity_required';

/** A refused widget: a stable code for REST and socket callers to map, and a message saying why. */
export class WidgetAuthError extends Error {
  constructor(
    readonly code: WidgetAuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface WidgetAuthResult {
  user: UserRow;
  /** Only when this call created the user: the widget keeps it to come back as the same visitor. */
  restoreId?: string;
}

/**
 * The account a widget token belongs to (compared in constant time), and whose app id is `appId`
 * when one is given; undefined when none is.
 */
export async function findAccountOfWidgetToken(db: ChatDb, widgetToken: string, appId?: string) {
  const accounts = await listWidgetAccounts(db);
  return accounts.find(
    (account) =>
      timingSafeEqualString(account.widget_token, widgetToken) &&
      (appId === undefined || account.app_id === appId),
  );
}

/**
 * The one check of widget credentials (REST sessions and socket handshakes alike): the widget
 * token (constant-time) and the app id when given, the site and its allowed origins, then the
 * user: by widget session, by external id (verified when identity verification is on), by
 * restore id, or a new anonymous visitor when allowed. Throws WidgetAuthError; profile validation errors stay AppErrors.
 */
export async function authenticateWidgetUser(
  services: ChatServices,
  input: WidgetCredentials,
): Promise<WidgetAuthResult> {
  const { db } = services;
  const account = await findAccountOfWidgetToken(db, input.widgetToken, input.appId);
  if (!account) throw new WidgetAuthError('invalid_credentials', 'The app id or widget token is wrong.');

  const site = await findSiteById(db, input.siteId);
  if (!site) throw new WidgetAuthError('unknown_site', 'The site is unknown.');
  if (site.allowed_origins.length > 0) {
    const refused = (input.origins ?? []).find((origin) => !site.allowed_origins.includes(origin));
    if (refused !== undefined)
      throw new WidgetAuthError(
        'origin_not_allowed',
        `The origin ${refused} is not allowed for the site ${site.id} (see the site's allowed_origins).`,
      );
  }

  if (input.sessionToken !== undefined) {
    const session = await findWidgetSessionByHash(db, hashToken(input.sessionToken));
    const user = session && session.siteId === site.id ? await findUserById(db, session.userId) : undefined;
    if (!user) throw new WidgetAuthError('unknown_session', 'The widget session is unknown or has expired.');
    return { user };
  }

  const profile = input.profile ?? {};
  if (input.externalId !== undefined || input.jwt !== undefined) {
    const verified = await verifyExternalId(services, {
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      ...(input.signature !== undefined ? { signature: input.signature } : {}),
      ...(input.jwt !== undefined ? { jwt: input.jwt } : {}),
    });
    if (!verified.ok) throw new WidgetAuthError(verified.error, verified.message);
    if (verified.externalId === undefined)
      throw new WidgetAuthError('invalid_credentials', 'The external id is missing.');
    // A restore id alongside lets an anonymous visitor who now logs in keep their history.
    const result = await upsertWidgetUser(db, {
      siteId: site.id,
      referenceId: verified.externalId,
      ...(input.restoreId !== undefined ? { restoreId: input.restoreId } : {}),
      ...profile,
    });
    return { user: result.user, ...(result.restoreId ? { restoreId: result.restoreId } : {}) };
  }

  if (input.restoreId !== undefined) {
    const user = await findUserByRestoreId(db, site.id, input.restoreId);
    if (!user) throw new WidgetAuthError('unknown_restore_id', 'No user of this site has this restore id.');
    if (!hasDetails(profile)) return { user };
    const result = await upsertWidgetUser(db, { siteId: site.id, restoreId: input.restoreId, ...profile });
    return { user: result.user };
  }

  if (!input.allowNewVisitor)
    throw new WidgetAuthError('identity_required', 'A widget user needs a restore id or an external id.');
  const result = await upsertWidgetUser(db, { siteId: site.id, ...profile });
  if (!result.restoreId) throw new AppError('internal_error');
  return { user: result.user, restoreId: result.restoreId };
}

const hasDetails = (profile: NonNullable<WidgetCredentials['profile']>) =>
  Object.values(profile).some((value) => value !== undefined);
