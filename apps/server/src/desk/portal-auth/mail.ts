import type { MailMessage, OutboxStore } from '../../platform/mail/index.js';
import type { DeskServices } from '../context.js';
import type { DeskDb } from '../db.js';
import {
  findUnsentOutboxEmails,
  insertOutboxEmail,
  markOutboxFailed,
  markOutboxSent,
} from './portal-auth.repository.js';

/**
 * Writes a mail into Desk's outbox in the caller's transaction, so it exists exactly when the
 * change that caused it commits. Hand the id to `deliverMail` after commit.
 */
export function enqueueMail(db: DeskDb, message: MailMessage): Promise<number> {
  return insertOutboxEmail(db, {
    to_address: message.to,
    subject: message.subject,
    text_body: message.text,
    html_body: message.html ?? null,
  });
}

/** Starts delivering committed outbox rows (in the background; see platform/mail). */
export function deliverMail(services: DeskServices, ids: number[]): void {
  services.mailer.deliver(ids);
}

/** Desk's outbox table as the mailer's store. */
export function outboxStore(db: DeskDb): OutboxStore {
  return {
    async pending(ids) {
      const rows = await findUnsentOutboxEmails(db, ids);
      return rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        attempts: row.attempts,
      }));
    },
    markSent: (id, at) => markOutboxSent(db, id, at),
    markFailed: (id, error) => markOutboxFailed(db, id, error),
  };
}
