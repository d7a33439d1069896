import { isoTime } from '../../platform/http/format.js';
import type { ContactRow } from './contact.repository.js';

/**
 * Freshdesk v2 contact object. Desk has no multi-company contacts or avatars yet, so
 * `other_companies` is always `[]` and `avatar` always `null`.
 */
export function presentContact(row: ContactRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    other_emails: row.other_emails ?? [],
    phone: row.phone,
    mobile: row.mobile,
    twitter_id: row.twitter_id,
    unique_external_id: row.unique_external_id,
    facebook_id: row.facebook_id,
    company_id: row.company_id,
    view_all_tickets: row.view_all_tickets,
    other_companies: [] as number[],
    address: row.address,
    description: row.description,
    job_title: row.job_title,
    language: row.language,
    time_zone: row.time_zone,
    tags: row.tags ?? [],
    avatar: null,
    active: row.active,
    deleted: row.deleted,
    custom_fields: row.custom_fields ?? {},
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}

/** `{id, name}` pairs for the autocomplete endpoint. */
export function presentContactSuggestion(row: Pick<ContactRow, 'id' | 'name'>) {
  return { id: row.id, name: row.name };
}
