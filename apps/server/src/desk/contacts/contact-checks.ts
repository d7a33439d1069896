import { duplicate, type FieldError } from '../../platform/http/errors.js';
import { findCompanyById } from '../companies/index.js';
import type { DeskDb } from '../db.js';
import {
  findContactByExternalId,
  findContactsUsingEmails,
  uniqueViolation,
  type ContactRow,
} from './contact.repository.js';
import { CONTACT_IDENTIFIERS, ONE_OF_IDENTIFIERS_MESSAGE } from './contact.schemas.js';

/** The values of a contact that must be consistent and unique, after a write is applied. */
export interface ContactIdentity {
  email: string | null;
  other_emails: string[];
  phone: string | null;
  mobile: string | null;
  twitter_id: string | null;
  unique_external_id: string | null;
  company_id: number | null;
}

const uniqueMessage = 'It should be a unique value';

/**
 * Rules that need the database or the whole contact: at least one identifier, the company exists,
 * other_emails does not repeat the primary email, and email / other_emails / unique_external_id
 * are not used by another contact or agent (409 with the other `user_id`).
 * `changed` names the attributes this write sets, so an update is only blamed for what it sent.
 */
export async function checkContactIdentity(
  db: DeskDb,
  identity: ContactIdentity,
  changed: ReadonlySet<string>,
  exceptId?: number,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!CONTACT_IDENTIFIERS.some((key) => identity[key] !== null && identity[key] !== '')) {
    for (const field of CONTACT_IDENTIFIERS)
      errors.push({ field, code: 'missing_field', message: ONE_OF_IDENTIFIERS_MESSAGE });
  }
  if (changed.has('company_id') && identity.company_id !== null) {
    if (!(await findCompanyById(db, identity.company_id))) {
      errors.push({
        field: 'company_id',
        code: 'invalid_value',
        message: 'There is no company matching the given company_id',
      });
    }
  }
  const primary = identity.email?.toLowerCase();
  if (
    (changed.has('other_emails') || changed.has('email')) &&
    primary !== undefined &&
    identity.other_emails.some((e) => e.toLowerCase() === primary)
  ) {
    errors.push({
      field: 'other_emails',
      code: 'invalid_value',
      message: 'It should not contain the primary email',
    });
  }

  const emailsToCheck = [
    ...(changed.has('email') && identity.email ? [identity.email] : []),
    ...(changed.has('other_emails') ? identity.other_emails : []),
  ];
  const holders = await findContactsUsingEmails(db, emailsToCheck, exceptId);
  const holderOf = (email: string) => {
    const lower = email.toLowerCase();
    return holders.find(
      (h) => h.email?.toLowerCase() === lower || h.other_emails.some((o) => o.toLowerCase() === lower),
    );
  };
  if (changed.has('email') && identity.email) {
    const holder = holderOf(identity.email);
    if (holder) duplicateOf(errors, 'email', holder);
  }
  if (changed.has('other_emails')) {
    const holder = identity.other_emails.map(holderOf).find((h) => h !== undefined);
    if (holder) duplicateOf(errors, 'other_emails', holder);
  }
  if (changed.has('unique_external_id') && identity.unique_external_id) {
    const holder = await findContactByExternalId(db, identity.unique_external_id);
    if (holder && holder.id !== exceptId) duplicateOf(errors, 'unique_external_id', holder);
  }
  return errors;
}

function duplicateOf(errors: FieldError[], field: string, holder: Pick<ContactRow, 'id'>) {
  errors.push({
    field,
    code: 'duplicate_value',
    message: uniqueMessage,
    additional_info: { user_id: holder.id },
  });
}

/** Other emails as stored: trimmed of case-insensitive repeats, first spelling kept. */
export function normalizeOtherEmails(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => {
    const key = e.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Tags as stored: without repeats. */
export const normalizeTags = (tags: string[]) => [...new Set(tags)];

/**
 * Maps a unique-index violation (a concurrent write won the race past the checks above) to the
 * same 409 the checks give; anything else is rethrown.
 */
export async function rethrowAsDuplicate(
  db: DeskDb,
  error: unknown,
  identity: Pick<ContactIdentity, 'email' | 'unique_external_id'>,
): Promise<never> {
  const constraint = uniqueViolation(error);
  if (constraint === 'contacts_email_key' && identity.email) {
    const [holder] = await findContactsUsingEmails(db, [identity.email]);
    throw duplicate('email', holder ? { user_id: holder.id } : undefined);
  }
  if (constraint === 'contacts_external_id_key' && identity.unique_external_id) {
    const holder = await findContactByExternalId(db, identity.unique_external_id);
    throw duplicate('unique_external_id', holder ? { user_id: holder.id } : undefined);
  }
  throw error;
}
