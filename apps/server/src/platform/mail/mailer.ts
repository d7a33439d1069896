import type { FastifyBaseLogger } from 'fastify';
import { smtpTransport, type MailTransport } from './smtp.js';

/** One outgoing message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/** A message waiting in a product's outbox, with how often sending it failed so far. */
export interface QueuedMail extends MailMessage {
  id: number;
  attempts: number;
}

/** Where a product keeps its outgoing mail (a table written in the transaction that caused the mail). */
export interface OutboxStore {
  /** The given messages that are still unsent. */
  pending(ids: number[]): Promise<QueuedMail[]>;
  markSent(id: number, at: Date): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
}

export interface MailerOptions {
  /** Without it mail is not sent: it stays in the outbox and the log names it for the operator. */
  smtpUrl: string | undefined;
  from: string;
  log: FastifyBaseLogger;
  store: OutboxStore;
  /** Sending attempts per message before giving up (the row keeps its last error). */
  maxAttempts?: number;
  /** Wait before retry n (1-based); the last entry repeats. */
  retryDelaysMs?: number[];
  /** Tests inject a transport; by default nodemailer over `smtpUrl`. */
  transport?: MailTransport;
}

export interface Mailer {
  /** 'smtp' sends; 'log' keeps mail in the outbox and logs it. */
  readonly mode: 'smtp' | 'log';
  /** Delivers outbox rows written by a committed transaction. Never throws; runs in the background. */
  deliver(ids: number[]): void;
  /** Resolves when every delivery started so far (not scheduled retries) has finished. */
  flush(): Promise<void>;
  /** Cancels scheduled retries, waits for deliveries in flight, closes the connection pool. */
  close(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000];

/** The mail sender: SMTP when configured, else the outbox plus a log line with the message. */
export function createMailer(options: MailerOptions): Mailer {
  const { log, store, from } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const transport = options.transport ?? (options.smtpUrl ? smtpTransport(options.smtpUrl) : undefined);
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  async function sendOne(mail: QueuedMail) {
    if (!transport) {
      // No SMTP: the operator reads the outbox (GET /api/v2/outbox) or this line, links included.
      log.info({ outboxId: mail.id, to: mail.to }, `mail to ${mail.to}: ${mail.subject}\n${mail.text}`);
      return;
    }
    try {
      await transport.send(from, mail);
      await store.markSent(mail.id, new Date());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.markFailed(mail.id, message);
      const attempts = mail.attempts + 1;
      if (attempts >= maxAttempts) {
        log.error({ outboxId: mail.id, attempts, err: error }, 'mail not sent, giving up');
        return;
      }
      const delay = delays[Math.min(attempts - 1, delays.length - 1)] ?? 60_000;
      log.warn({ outboxId: mail.id, attempts, retryInMs: delay, err: error }, 'mail not sent, will retry');
      schedule([mail.id], delay);
    }
  }

  function schedule(ids: number[], delay: number) {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      run(ids);
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  function run(ids: number[]) {
    if (closed || ids.length === 0) return;
    const job = (async () => {
      const queued = await store.pending(ids);
      for (const mail of queued) await sendOne(mail);
    })()
      .catch((error: unknown) => log.error({ err: error, outboxIds: ids }, 'mail delivery failed'))
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  }

  return {
    mode: transport ? 'smtp' : 'log',
    deliver: run,
    async flush() {
      while (inFlight.size) await Promise.all(inFlight);
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      while (inFlight.size) await Promise.all(inFlight);
      transport?.close();
    },
  };
}
