import { validationError } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import {
  checkContactIdentity,
  normalizeOtherEmails,
  normalizeTags,
  rethrowAsDuplicate,
} from '../contact-checks.js';
import {
  updateContact as updateContactRow,
  type ContactChanges,
  type ContactRow,
} from '../contact.repository.js';
import type { UpdateContactInput } from '../contact.schemas.js';

/** Applies an agent's partial update; the result must still satisfy every create rule. */
export async function updateContact(
  ctx: DeskContext,
  contact: ContactRow,
  input: UpdateContactInput,
): Promise<ContactRow> {
  const pick = <K extends keyof ContactRow>(key: K, value: ContactRow[K] | undefined) =>
    value === undefined ? contact[key] : value;
  const identity = {
    email: pick('email', input.email),
    other_emails:
      input.other_emails === undefined ? contact.other_emails : normalizeOtherEmails(input.other_emails),
    phone: pick('phone', input.phone),
    mobile: pick('mobile', input.mobile),
    twitter_id: pick('twitter_id', input.twitter_id),
    unique_external_id: pick('unique_external_id', input.unique_external_id),
    company_id: pick('company_id', input.company_id),
  };
  const errors = await checkContactIdentity(ctx.db, identity, new Set(Object.keys(input)), contact.id);
  if (errors.length) throw validationError(errors);

  const changes: ContactChanges = { ...identity };
  if (input.name !== undefined) changes.name = input.name;
  if (input.view_all_tickets !== undefined) changes.view_all_tickets = input.view_all_tickets;
  if (input.address !== undefined) changes.address = input.address;
  if (input.description !== undefined) changes.description = input.description;
  if (input.job_title !== undefined) changes.job_title = input.job_title;
  if (input.language !== undefined) changes.language = input.language;
  if (input.time_zone !== undefined) changes.time_zone = input.time_zone;
  if (input.tags !== undefined) changes.tags = normalizeTags(input.tags);
  try {
    return await updateContactRow(ctx.db, contact.id, changes);
  } catch (error) {
    return rethrowAsDuplicate(ctx.db, error, identity);
  }
}
