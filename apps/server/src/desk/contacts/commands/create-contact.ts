import { validationError } from '../../../platform/http/errors.js';
import type { DeskContext } from '../../context.js';
import {
  checkContactIdentity,
  normalizeOtherEmails,
  normalizeTags,
  rethrowAsDuplicate,
} from '../contact-checks.js';
import { insertContact, type ContactRow } from '../contact.repository.js';
import type { CreateContactInput } from '../contact.schemas.js';

/**
 * Creates a contact from an agent's API request. Like Freshdesk, a new contact is unverified
 * (`active: false`) until it verifies its email; nothing in Desk depends on that flag yet.
 */
export async function createContact(ctx: DeskContext, input: CreateContactInput): Promise<ContactRow> {
  const identity = {
    email: input.email ?? null,
    other_emails: normalizeOtherEmails(input.other_emails ?? []),
    phone: input.phone ?? null,
    mobile: input.mobile ?? null,
    twitter_id: input.twitter_id ?? null,
    unique_external_id: input.unique_external_id ?? null,
    company_id: input.company_id ?? null,
  };
  const errors = await checkContactIdentity(ctx.db, identity, new Set(Object.keys(input)));
  if (errors.length) throw validationError(errors);
  try {
    return await insertContact(ctx.db, {
      ...identity,
      name: input.name,
      view_all_tickets: input.view_all_tickets ?? false,
      address: input.address ?? null,
      description: input.description ?? null,
      job_title: input.job_title ?? null,
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.time_zone !== undefined ? { time_zone: input.time_zone } : {}),
      tags: normalizeTags(input.tags ?? []),
      custom_fields: {},
      active: false,
    });
  } catch (error) {
    return rethrowAsDuplicate(ctx.db, error, identity);
  }
}
