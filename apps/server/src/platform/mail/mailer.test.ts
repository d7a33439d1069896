import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type OutboxStore, type QueuedMail } from './index.js';
import { startTestSmtpServer } from './test-smtp-server.js';

/** An in-memory outbox with the same contract as a product's table. */
function memoryStore(rows: Omit<QueuedMail, 'attempts'>[]) {
  const table = rows.map((r) => ({
    ...r,
    attempts: 0,
    sent_at: null as Date | null,
    last_error: null as string | null,
  }));
  const store: OutboxStore = {
    async pending(ids) {
      return table.filter((r) => ids.includes(r.id) && !r.sent_at).map((r) => ({ ...r }));
    },
    async markSent(id, at) {
      const row = table.find((r) => r.id === id)!;
      row.sent_at = at;
      row.attempts++;
      row.last_error = null;
    },
    async markFailed(id, error) {
      const row = table.find((r) => r.id === id)!;
      row.attempts++;
      row.last_error = error;
    },
  };
  return { store, table };
}

function memoryLog() {
  const lines: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) =>
    lines.push({
      level,
      msg: msg ?? String(obj),
      obj: typeof obj === 'object' ? (obj as Record<string, unknown>) : {},
    });
  const log = {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
  } as unknown as FastifyBaseLogger;
  return { log, lines };
}

const message = {
  id: 1,
  to: 'ann@example.com',
  subject: 'Hello',
  text: 'Follow https://x.test/link',
  html: null,
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mailer without SMTP', () => {
  it('keeps mail in the outbox and logs "mail to <address>: <subject>" with the text', async () => {
    const { store, table } = memoryStore([message]);
    const { log, lines } = memoryLog();
    const mailer = createMailer({ smtpUrl: undefined, from: 'support@x.test', log, store });
    expect(mailer.mode).toBe('log');
    mailer.deliver([1]);
    await mailer.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('info');
    expect(lines[0]!.msg).toBe('mail to ann@example.com: Hello\nFollow https://x.test/link');
    expect(table[0]).toMatchObject({ sent_at: null, attempts: 0, last_error: null });
    await mailer.close();
  });
});

describe('mailer over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp?.close());

  it('sends through the SMTP server and marks the row sent', async () => {
    const { store, table } = memoryStore([{ ...message, id: 7, html: '<p>Hi</p>' }]);
    const { log } = memoryLog();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'support@x.test', log, store });
    expect(mailer.mode).toBe('smtp');
    const before = smtp.received.length;
    mailer.deliver([7]);
    await mailer.flush();
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.from).toBe('support@x.test');
    expect(mail.to).toEqual(['ann@example.com']);
    expect(mail.data).toContain('Subject: Hello');
    expect(mail.data).toContain('Follow https://x.test/link');
    expect(table[0]!.sent_at).toBeInstanceOf(Date);
    expect(table[0]!.attempts).toBe(1);
    await mailer.close();
  });

  it('records a failure in attempts/last_error and retries until sent', async () => {
    const { store, table } = memoryStore([{ ...message, id: 8 }]);
    const { log, lines } = memoryLog();
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: 'support@x.test',
      log,
      store,
      retryDelaysMs: [20],
    });
    smtp.failNext(2);
    mailer.deliver([8]);
    await mailer.flush();
    expect(table[0]).toMatchObject({ sent_at: null, attempts: 1 });
    expect(table[0]!.last_error).toMatch(/451/);
    for (let i = 0; i < 100 && !table[0]!.sent_at; i++) {
      await wait(20);
      await mailer.flush();
    }
    expect(table[0]!.sent_at).toBeInstanceOf(Date);
    expect(table[0]!.attempts).toBe(3);
    expect(table[0]!.last_error).toBeNull();
    expect(lines.filter((l) => l.msg === 'mail not sent, will retry')).toHaveLength(2);
    await mailer.close();
  });

  it('gives up after maxAttempts, keeping the last error', async () => {
    const { store, table } = memoryStore([{ ...message, id: 9 }]);
    const { log, lines } = memoryLog();
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: 'support@x.test',
      log,
      store,
      maxAttempts: 2,
      retryDelaysMs: [10],
    });
    smtp.failNext(5);
    mailer.deliver([9]);
    for (let i = 0; i < 50 && table[0]!.attempts < 2; i++) {
      await mailer.flush();
      await wait(15);
    }
    await mailer.flush();
    await wait(40);
    expect(table[0]).toMatchObject({ sent_at: null, attempts: 2 });
    expect(table[0]!.last_error).toMatch(/451/);
    expect(lines.some((l) => l.msg === 'mail not sent, giving up')).toBe(true);
    smtp.failNext(0);
    await mailer.close();
  });
});
