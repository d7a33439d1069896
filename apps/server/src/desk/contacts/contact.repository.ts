import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { ContactsTable, DeskDb } from '../db.js';

/** Every contact column but the password hash: what presenters may see. */
export const CONTACT_COLUMNS = [
  'id',
  'name',
  'email',
  'other_emails',
  'phone',
  'mobile',
  'twitter_id',
  'unique_external_id',
  'facebook_id',
  'company_id',
  'view_all_tickets',
  'address',
  'description',
  'job_title',
  'language',
  'time_zone',
  'tags',
  'custom_fields',
  'active',
  'deleted',
  'is_agent',
  'created_at',
  'updated_at',
] as const;

export type ContactRow = Pick<Selectable<ContactsTable>, (typeof CONTACT_COLUMNS)[number]>;
export type NewContact = Omit<Insertable<ContactsTable>, 'custom_fields'> & {
  custom_fields?: Record<string, unknown>;
};
export type ContactChanges = Omit<
  Updateable<ContactsTable>,
  'id' | 'custom_fields' | 'created_at' | 'is_agent' | 'password_hash'
> & { custom_fields?: Record<string, unknown> };

export function findContactById(db: DeskDb, id: number): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').select(CONTACT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Email lookups are case-insensitive, matching the unique index on lower(email). */
export function findContactByEmail(db: DeskDb, email: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .select(CONTACT_COLUMNS)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function findContactByPhone(db: DeskDb, phone: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .select(CONTACT_COLUMNS)
    .where('phone', '=', phone)
    .orderBy('id')
    .executeTakeFirst();
}

export function findContactByExternalId(db: DeskDb, externalId: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .select(CONTACT_COLUMNS)
    .where('unique_external_id', '=', externalId)
    .executeTakeFirst();
}

export function insertContact(db: DeskDb, values: NewContact): Promise<ContactRow> {
  const now = new Date();
  return db
    .insertInto('contacts')
    .values({
      ...values,
      custom_fields: JSON.stringify(values.custom_fields ?? {}),
      created_at: values.created_at ?? now,
      updated_at: values.updated_at ?? now,
    })
    .returning(CONTACT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** `GET /contacts` filters; `state` is Freshdesk's (blocked | deleted | unverified | verified). */
export interface ContactListFilter {
  email?: string;
  mobile?: string;
  phone?: string;
  companyId?: number;
  state?: 'blocked' | 'deleted' | 'unverified' | 'verified';
  updatedSince?: Date;
}

/**
 * One page of contacts (plus one row, for the Link header), oldest first. Agents are never listed:
 * they are managed through /agents. Deleted contacts appear only under `state=deleted`.
 */
export function listContacts(
  db: DeskDb,
  filter: ContactListFilter,
  page: { limit: number; offset: number },
): Promise<ContactRow[]> {
  let query = db.selectFrom('contacts').select(CONTACT_COLUMNS).where('is_agent', '=', false);
  query = query.where('deleted', '=', filter.state === 'deleted');
  if (filter.state === 'verified') query = query.where('active', '=', true);
  if (filter.state === 'unverified') query = query.where('active', '=', false);
  // Desk has no blocking yet, so no contact is ever blocked.
  if (filter.state === 'blocked') query = query.where(sql<boolean>`false`);
  if (filter.email !== undefined) {
    const email = filter.email.toLowerCase();
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['email']), '=', email), otherEmailsContain(email)]),
    );
  }
  if (filter.mobile !== undefined) query = query.where('mobile', '=', filter.mobile);
  if (filter.phone !== undefined) query = query.where('phone', '=', filter.phone);
  if (filter.companyId !== undefined) query = query.where('company_id', '=', filter.companyId);
  if (filter.updatedSince !== undefined) query = query.where('updated_at', '>=', filter.updatedSince);
  return query.orderBy('id').limit(page.limit).offset(page.offset).execute();
}

// Kysely has no builder for "some array element matches case-insensitively", hence raw SQL.
function otherEmailsContain(lowerEmail: string) {
  return sql<boolean>`exists (select 1 from unnest(other_emails) as e(v) where lower(e.v) = ${lowerEmail})`;
}

/**
 * Contacts (agents included) already using any of `emails` as primary or other email,
 * case-insensitively; `exceptId` leaves out the contact being updated.
 */
export function findContactsUsingEmails(
  db: DeskDb,
  emails: string[],
  exceptId?: number,
): Promise<Pick<ContactRow, 'id' | 'email' | 'other_emails'>[]> {
  if (emails.length === 0) return Promise.resolve([]);
  const lowered = [...new Set(emails.map((e) => e.toLowerCase()))];
  let query = db
    .selectFrom('contacts')
    .select(['id', 'email', 'other_emails'])
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['email']), 'in', lowered),
        // Raw SQL: case-insensitive overlap between other_emails and the list.
        sql<boolean>`exists (select 1 from unnest(other_emails) as e(v) where lower(e.v) in (${sql.join(lowered)}))`,
      ]),
    );
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.orderBy('id').execute();
}

export function updateContact(db: DeskDb, id: number, changes: ContactChanges): Promise<ContactRow> {
  const { custom_fields, ...rest } = changes;
  return db
    .updateTable('contacts')
    .set({
      ...rest,
      ...(custom_fields !== undefined ? { custom_fields: JSON.stringify(custom_fields) } : {}),
      updated_at: changes.updated_at ?? new Date(),
    })
    .where('id', '=', id)
    .returning(CONTACT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Removes the contact row for good (the caller has checked nothing refers to it). */
export async function deleteContactRow(db: DeskDb, id: number): Promise<void> {
  await db.deleteFrom('contacts').where('id', '=', id).execute();
}

/**
 * Whether tickets or conversations refer to the contact (as requester or author). Such a
 * contact cannot be hard-deleted without losing ticket history; this module reads the tickets
 * tables only for this check.
 */
export async function contactHasTicketHistory(db: DeskDb, id: number): Promise<boolean> {
  const ticket = await db
    .selectFrom('tickets')
    .select('id')
    .where('requester_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (ticket) return true;
  const conversation = await db
    .selectFrom('ticket_conversations')
    .select('id')
    .where('user_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return conversation !== undefined;
}

/** Escapes LIKE wildcards so a search term matches literally. */
const likePrefix = (term: string) => `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Non-deleted, non-agent contacts whose name or email starts with `term` (case-insensitive). */
export function autocompleteContacts(db: DeskDb, term: string, limit: number) {
  const pattern = likePrefix(term);
  return db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('is_agent', '=', false)
    .where('deleted', '=', false)
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', pattern), eb(eb.fn('lower', ['email']), 'like', pattern)]),
    )
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The Postgres constraint a unique violation names, if `error` is one (a lost race with a duplicate). */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' ? (e.constraint ?? '') : undefined;
}
