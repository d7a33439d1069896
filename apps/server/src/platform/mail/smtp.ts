import nodemailer from 'nodemailer';
import type { MailMessage } from './mailer.js';

/** Sends one message; rejects with the server's answer when it refuses. */
export interface MailTransport {
  send(from: string, message: MailMessage): Promise<void>;
  close(): void;
}

/** An SMTP transport for `smtp://user:pass@host:port` or `smtps://…` (implicit TLS). */
export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(from, message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
    },
    close() {
      transporter.close();
    },
  };
}
