import type { DeskDb } from '../db.js';

/** A contact as sign-in sees it: identity plus the password hash (never leaves this module). */
export interface SignInContactRow {
  id: number;
  name: string;
  email: string | null;
  password_hash: string | null;
}

/**
 * The portal-eligible contact with this primary email (case-insensitive). Deleted contacts and
 * agents are excluded: an agent's password is their Desk login and must not be reset from a portal.
 */
export function findPortalContactByEmail(db: DeskDb, email: string): Promise<SignInContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('deleted', '=', false)
    .where('is_agent', '=', false)
    .executeTakeFirst();
}

export async function setContactPassword(db: DeskDb, contactId: number, passwordHash: string, now: Date) {
  await db
    .updateTable('contacts')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', contactId)
    .execute();
}

/** A successful sign-in makes the contact active (Freshdesk: a verified contact). */
export async function markContactSignedIn(db: DeskDb, contactId: number, now: Date) {
  await db
    .updateTable('contacts')
    .set({ active: true, last_login_at: now })
    .where('id', '=', contactId)
    .execute();
}

// --- one-time tokens -------------------------------------------------------------------------

export async function insertContactToken(
  db: DeskDb,
  values: { token_hash: string; contact_id: number; expires_at: Date; created_at: Date },
) {
  await db
    .insertInto('contact_tokens')
    .values({ ...values, purpose: 'set_password' })
    .execute();
}

/** How many password links the contact was sent since `since` (limits mail bombing). */
export async function countContactTokensSince(db: DeskDb, contactId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('contact_tokens')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('contact_id', '=', contactId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The unused, unexpired password token with this hash, if its contact may still use the portal. */
export function findUsableToken(db: DeskDb, tokenHash: string, now: Date) {
  return db
    .selectFrom('contact_tokens')
    .innerJoin('contacts', 'contacts.id', 'contact_tokens.contact_id')
    .select(['contact_tokens.contact_id'])
    .where('contact_tokens.token_hash', '=', tokenHash)
    .where('contact_tokens.purpose', '=', 'set_password')
    .where('contact_tokens.used_at', 'is', null)
    .where('contact_tokens.expires_at', '>', now)
    .where('contacts.deleted', '=', false)
    .where('contacts.is_agent', '=', false)
    .executeTakeFirst();
}

/**
 * Marks the token used if it still is usable; the conditional update is what makes a token
 * single-use when two requests race with it.
 */
export async function consumeToken(db: DeskDb, tokenHash: string, now: Date): Promise<number | undefined> {
  const row = await db
    .updateTable('contact_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('contact_id')
    .executeTakeFirst();
  return row?.contact_id;
}

/** Older links stop working once a password is set through any of them. */
export async function retireContactTokens(db: DeskDb, contactId: number, now: Date) {
  await db
    .updateTable('contact_tokens')
    .set({ used_at: now })
    .where('contact_id', '=', contactId)
    .where('used_at', 'is', null)
    .execute();
}

// --- sessions ----------------------------------------------------------------------------------

export async function insertSession(
  db: DeskDb,
  values: { token_hash: string; contact_id: number; portal_id: number; csrf_token: string; expires_at: Date },
) {
  await db.insertInto('contact_sessions').values(values).execute();
}

/** The live session with this hash on this portal, with its (undeleted) contact. */
export function findSession(db: DeskDb, tokenHash: string, portalId: number, now: Date) {
  return db
    .selectFrom('contact_sessions')
    .innerJoin('contacts', 'contacts.id', 'contact_sessions.contact_id')
    .select([
      'contact_sessions.csrf_token',
      'contacts.id',
      'contacts.name',
      'contacts.email',
      'contacts.company_id',
    ])
    .where('contact_sessions.token_hash', '=', tokenHash)
    .where('contact_sessions.portal_id', '=', portalId)
    .where('contact_sessions.expires_at', '>', now)
    .where('contacts.deleted', '=', false)
    .where('contacts.is_agent', '=', false)
    .executeTakeFirst();
}

export async function deleteSession(db: DeskDb, tokenHash: string) {
  await db.deleteFrom('contact_sessions').where('token_hash', '=', tokenHash).execute();
}

/** A new password ends every other session of the contact (and old expired ones go too). */
export async function deleteContactSessions(db: DeskDb, contactId: number) {
  await db.deleteFrom('contact_sessions').where('contact_id', '=', contactId).execute();
}

export async function deleteExpiredSessions(db: DeskDb, contactId: number, now: Date) {
  await db
    .deleteFrom('contact_sessions')
    .where('contact_id', '=', contactId)
    .where('expires_at', '<=', now)
    .execute();
}

// --- sign-in throttle --------------------------------------------------------------------------

/** Failures per bucket since `since`, oldest first. */
export async function listFailuresSince(db: DeskDb, buckets: string[], since: Date) {
  return db
    .selectFrom('portal_sign_in_failures')
    .select(['id', 'bucket', 'failed_at'])
    .where('bucket', 'in', buckets)
    .where('failed_at', '>', since)
    .orderBy('failed_at')
    .orderBy('id')
    .execute();
}

/** One row per bucket; returns their ids. */
export async function insertFailures(db: DeskDb, buckets: string[], at: Date): Promise<number[]> {
  const rows = await db
    .insertInto('portal_sign_in_failures')
    .values(buckets.map((bucket) => ({ bucket, failed_at: at })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteFailureRows(db: DeskDb, ids: number[]) {
  if (ids.length === 0) return;
  await db.deleteFrom('portal_sign_in_failures').where('id', 'in', ids).execute();
}

export async function deleteFailures(db: DeskDb, bucket: string) {
  await db.deleteFrom('portal_sign_in_failures').where('bucket', '=', bucket).execute();
}

/** Failures older than the window no longer count; dropping them keeps the table small. */
export async function deleteFailuresBefore(db: DeskDb, before: Date) {
  await db.deleteFrom('portal_sign_in_failures').where('failed_at', '<=', before).execute();
}

// --- outbox ------------------------------------------------------------------------------------

export const OUTBOX_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'text_body',
  'html_body',
  'sent_at',
  'attempts',
  'last_error',
  'created_at',
] as const;

export async function insertOutboxEmail(
  db: DeskDb,
  values: { to_address: string; subject: string; text_body: string; html_body: string | null },
): Promise<number> {
  const row = await db
    .insertInto('outbox_emails')
    .values({ ...values, created_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findUnsentOutboxEmails(db: DeskDb, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outbox_emails')
    .select(OUTBOX_COLUMNS)
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function markOutboxSent(db: DeskDb, id: number, at: Date) {
  await db
    .updateTable('outbox_emails')
    .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .execute();
}

export async function markOutboxFailed(db: DeskDb, id: number, error: string) {
  await db
    .updateTable('outbox_emails')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000) }))
    .where('id', '=', id)
    .execute();
}

/** The newest outbox mail first, optionally to one address (case-insensitive). */
export function listOutboxEmails(
  db: DeskDb,
  filter: { to?: string | undefined },
  limit: number,
  offset: number,
) {
  let query = db.selectFrom('outbox_emails').select(OUTBOX_COLUMNS);
  if (filter.to !== undefined) {
    query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', filter.to!.toLowerCase()));
  }
  return query.orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
