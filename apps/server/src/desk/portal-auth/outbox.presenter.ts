import { isoTime } from '../../platform/http/format.js';
import type { OUTBOX_COLUMNS } from './portal-auth.repository.js';
import type { OutboxEmailsTable } from '../db.js';
import type { Selectable } from 'kysely';

type OutboxRow = Pick<Selectable<OutboxEmailsTable>, (typeof OUTBOX_COLUMNS)[number]>;

/** An outbox mail for operators (Tandem extension, no Freshdesk counterpart). */
export function presentOutboxEmail(row: OutboxRow) {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    sent_at: row.sent_at ? isoTime(row.sent_at) : null,
    attempts: row.attempts,
    last_error: row.last_error,
    created_at: isoTime(row.created_at),
  };
}
