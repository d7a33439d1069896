/** Outgoing mail, domain-free: products keep an outbox table and hand its rows to the mailer after commit. */
export {
  createMailer,
  type Mailer,
  type MailerOptions,
  type MailMessage,
  type OutboxStore,
  type QueuedMail,
} from './mailer.js';
export { smtpTransport, type MailTransport } from './smtp.js';
