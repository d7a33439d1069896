import type { Insertable, Selectable } from 'kysely';
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
