import type { FieldErrors } from '../../platform/http/errors.js';
import {
  findContactByEmail,
  findContactByExternalId,
  findContactById,
  findContactByPhone,
  type NewContact,
} from '../contacts/index.js';
import type { DeskDb } from '../db.js';
import { findContactByFacebookId, findContactByTwitterId } from './ticket.repository.js';

/** The requester identity attributes of a ticket write. */
export interface RequesterInput {
  requester_id?: number | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  twitter_id?: string | undefined;
  facebook_id?: string | undefined;
  unique_external_id?: string | undefined;
  name?: string | undefined;
}

/** An existing contact, or one to create in the ticket's transaction. */
export type Requester =
  { kind: 'existing'; id: number; companyId: number | null } | { kind: 'new'; contact: NewContact };

const IDENTITY_FIELDS = ['requester_id', 'phone', 'email', 'twitter_id', 'facebook_id', 'unique_external_id'];
const ONE_OF = `Please fill at least 1 of ${IDENTITY_FIELDS.join(', ')} fields`;

export const hasRequesterIdentity = (input: RequesterInput) =>
  IDENTITY_FIELDS.some((f) => input[f as keyof RequesterInput] !== undefined);

/**
 * Finds (or plans to create) the requester named by the first identity given, in Freshdesk's
 * order of precedence. Problems are added to `errors`; `undefined` means none was usable.
 * With `required`, giving no identity at all is a `missing_field` on each identity field.
 */
export async function resolveRequester(
  db: DeskDb,
  input: RequesterInput,
  errors: FieldErrors,
  required: boolean,
): Promise<Requester | undefined> {
  const existing = (row: { id: number; company_id: number | null } | undefined): Requester | undefined =>
    row ? { kind: 'existing', id: row.id, companyId: row.company_id } : undefined;

  if (input.requester_id !== undefined) {
    const found = existing(await findContactById(db, input.requester_id));
    if (!found)
      errors.add('requester_id', 'invalid_value', 'There is no contact matching the given requester_id');
    return found;
  }
  if (input.email !== undefined) {
    const email = input.email.trim();
    return (
      existing(await findContactByEmail(db, email)) ?? {
        kind: 'new',
        contact: { name: input.name ?? email.split('@')[0]!, email },
      }
    );
  }
  if (input.twitter_id !== undefined) {
    return (
      existing(await findContactByTwitterId(db, input.twitter_id)) ?? {
        kind: 'new',
        contact: { name: input.name ?? input.twitter_id, twitter_id: input.twitter_id },
      }
    );
  }
  if (input.facebook_id !== undefined) {
    // Freshdesk never creates a contact from a Facebook id: it must already exist.
    const found = existing(await findContactByFacebookId(db, input.facebook_id));
    if (!found)
      errors.add('facebook_id', 'invalid_value', 'There is no contact matching the given facebook_id');
    return found;
  }
  if (input.phone !== undefined) {
    // With only a phone there is nothing to name a new contact after, so `name` is mandatory.
    if (input.name === undefined) {
      errors.add('name', 'missing_field', 'It should be a/an String');
      return undefined;
    }
    return (
      existing(await findContactByPhone(db, input.phone)) ?? {
        kind: 'new',
        contact: { name: input.name, phone: input.phone },
      }
    );
  }
  if (input.unique_external_id !== undefined) {
    return (
      existing(await findContactByExternalId(db, input.unique_external_id)) ?? {
        kind: 'new',
        contact: {
          name: input.name ?? input.unique_external_id,
          unique_external_id: input.unique_external_id,
        },
      }
    );
  }
  if (required) for (const field of IDENTITY_FIELDS) errors.add(field, 'missing_field', ONE_OF);
  return undefined;
}
