import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_PAGE, expectAccessible as expectPageAccessible, screenshots } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startDesk, type RunningDesk } from './support/desk.js';

const saveShot = screenshots('desk-agent');

/**
 * The Desk agent UI at /a in real Chromium: the admin signs in with the bootstrap password, opens
 * a ticket from the list, replies and sees the reply in the thread; a required custom field's error
 * is shown in place without losing the draft; axe-core on the list and ticket pages; 390 px wide.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Desk agent UI in Chromium', () => {
  let running: RunningDesk;
  let browser: Browser;
  let page: Page;
  let email: string;
  let password: string;
  let ticketId: number;

  const shot = (name: string) => saveShot(page, name);
  const expectAccessible = (what: string) => expectPageAccessible(page, what);

  beforeAll(async () => {
    running = await startDesk();
    email = running.desk.bootstrap.email!;
    password = running.desk.bootstrap.generatedPassword!;
    expect(password).toBeTruthy();
    const { api } = running;
    const ticket = await api('POST', '/tickets', {
      email: 'mia@example.com',
      name: 'Mia Tanaka',
      subject: 'Printer is on fire',
      description: '<p>Smoke everywhere.</p>',
      status: 2,
      priority: 3,
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.data.id;
    const other = await api('POST', '/tickets', {
      email: 'ken@example.com',
      subject: 'Pending question',
      description: 'x',
      status: 3,
      priority: 1,
    });
    expect(other.status).toBe(201);
    // Closed tickets enough for a second page of the "All" view (30 a page).
    for (let i = 1; i <= 30; i++) {
      const closed = await api('POST', '/tickets', {
        email: 'archive@example.com',
        subject: `Old question ${i}`,
        description: 'x',
        status: 5,
        priority: 1,
      });
      expect(closed.status).toBe(201);
    }
    const field = await api('POST', '/admin/ticket_fields', {
      label: 'Order number',
      label_for_customers: 'Order number',
      type: 'custom_text',
      required_for_closure: true,
    });
    expect(field.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('the app runs under its strict CSP: the sign-in form renders with no CSP violation', async () => {
    const strict = await browser.newPage({ locale: 'en-US' });
    const violations: string[] = [];
    strict.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await strict.goto(`${running.url}/a/tickets/${ticketId}`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await strict.getByRole('heading', { name: 'Sign in to Tandem Desk' }).waitFor();
    expect(violations).toEqual([]);
    await strict.close();
  });

  it('the admin signs in, sees the open view and opens a ticket from the list', async () => {
    // bypassCSP only lets axe-core be injected; the test above runs with the page's own CSP.
    page = await browser.newPage(DESK_PAGE);
    await page.goto(`${running.url}/a/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is incorrect.' }).waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    const rows = page.locator('.ticket-row');
    await rows.first().waitFor();
    // Open view: only the open ticket.
    await expect(rows.allTextContents()).resolves.toEqual([expect.stringContaining('Printer is on fire')]);
    await expectAccessible('ticket list');
    await shot('01-list');

    await page.getByRole('link', { name: 'Unassigned', exact: true }).click();
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([expect.stringContaining('Pending question'), expect.stringContaining('Printer is on fire')]);
    await page.getByRole('link', { name: 'Mine', exact: true }).click();
    await page.getByText('No tickets in this view.').waitFor();
    await page.getByRole('link', { name: 'All', exact: true }).click();
    // Newest first: the 30 closed tickets fill the first page; "Load more" (keyset) adds the two older.
    await page.locator('.ticket-row', { hasText: 'Old question 30' }).waitFor();
    await expect(rows.count()).resolves.toBe(30);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(32);
    await expect(rows.nth(30).textContent()).resolves.toContain('Pending question');
    await expect(rows.nth(31).textContent()).resolves.toContain('Printer is on fire');
    await page.getByRole('status').filter({ hasText: 'All 32 tickets shown' }).waitFor();
    await page.getByLabel('Sort by').selectOption({ label: 'Oldest first' });
    await expect.poll(() => rows.first().textContent()).toContain('Printer is on fire');
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await page.waitForURL(/priority=3/);
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Printer is on fire')]);

    await page.getByRole('link', { name: /Printer is on fire/ }).click();
    await page.getByRole('heading', { level: 1, name: /Printer is on fire/ }).waitFor();
    await page.getByText('Smoke everywhere.').waitFor();
    await expectAccessible('ticket page');
  });

  it('replies and sees the reply in the thread; a private note too', async () => {
    await page.getByLabel('Your reply').fill('We are on our way.\n\nStay calm.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.thread .message.outgoing', { hasText: 'We are on our way.' }).waitFor();
    // The reply editor (contenteditable) is emptied once the reply is sent.
    await expect.poll(() => page.getByLabel('Your reply').textContent()).toBe('');

    await page.getByRole('radio', { name: 'Private note' }).check();
    await page.getByLabel('Your private note').fill('Called the fire brigade.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.thread .message.note', { hasText: 'Called the fire brigade.' }).waitFor();
    const conversations = await running.api('GET', `/tickets/${ticketId}/conversations`);
    expect(conversations.data.map((c: { private: boolean }) => c.private)).toEqual([false, true]);
    await shot('02-ticket-replied');
  });

  it('shows a required field error in place, keeps the draft, and saves once it is filled', async () => {
    const properties = page.getByRole('complementary', { name: 'Properties' });
    await properties.getByLabel('Status').selectOption({ label: 'Resolved' });
    await properties.getByRole('button', { name: 'Update' }).click();
    const orderNumber = properties.getByLabel('Order number');
    await expect.poll(() => orderNumber.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await orderNumber.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toMatch(/\S/);
    // Nothing typed is lost: the status choice is still there.
    await expect(properties.getByLabel('Status').inputValue()).resolves.toBe('4');
    await expectAccessible('ticket page with a field error');
    await shot('03-required-field');

    await orderNumber.fill('A-1001');
    await properties.getByRole('button', { name: 'Update' }).click();
    await properties.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const ticket = await running.api('GET', `/tickets/${ticketId}`);
    expect(ticket.data.status).toBe(4);
    expect(ticket.data.custom_fields.cf_order_number).toBe('A-1001');
  });

  it('is usable at 390 px: no horizontal scrolling, accessible, in Japanese too', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of ['/a/?view=all', `/a/tickets/${ticketId}`]) {
      await page.goto(`${running.url}${url}`);
      await page.locator('h1').first().waitFor();
      await page.locator('.ticket-row, .thread').first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(390);
      await expectAccessible(`${url} at 390 px`);
    }
    await shot('04-phone-ticket');
    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('button', { name: '返信を送信' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ja');
    await page.getByLabel('言語').selectOption('en');
  });

  it('shows the API key once after regenerating it, and signs out', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Regenerate API key' }).click();
    await page.getByRole('button', { name: 'Yes, regenerate' }).click();
    const key = await page.getByLabel(/Your new API key/).inputValue();
    expect(key).toMatch(/^\w{32}$/);
    const res = await fetch(`${running.url}/api/v2/agents/me`, {
      headers: { authorization: `Basic ${Buffer.from(`${key}:X`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
    await expectAccessible('profile');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tandem Desk' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Tandem Desk' }).waitFor();
  });
});
