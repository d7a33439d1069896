import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, seriousAxeViolations } from './support/browser.js';
import { startDesk, type RunningDesk } from './support/desk.js';

/**
 * A customer's journey through a portal in real Chromium: browse and search, meet the
 * logged-in-only wall, set a password from the emailed link, sign in, open a ticket (first
 * missing a required field), find it under "My tickets" and reply. Every page is checked with
 * axe-core for serious violations.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('portal journey in Chromium', () => {
  let running: RunningDesk;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, number> = {};
  const email = 'mia@example.com';

  const expectAccessible = async (what: string) => {
    const violations = await seriousAxeViolations(page);
    expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  };

  beforeAll(async () => {
    running = await startDesk();
    const { api } = running;
    const portal = await api('POST', '/portals', { name: 'Acme Help' });
    expect(portal.status).toBe(201);
    const category = await api('POST', '/solutions/categories', {
      name: 'Accounts',
      description: 'Signing in and billing',
      visible_in_portals: [portal.data.id],
    });
    expect(category.status).toBe(201);
    const open = await api('POST', `/solutions/categories/${category.data.id}/folders`, {
      name: 'Getting started',
      visibility: 1,
    });
    const members = await api('POST', `/solutions/categories/${category.data.id}/folders`, {
      name: 'Members area',
      visibility: 2,
    });
    const publicArticle = await api('POST', `/solutions/folders/${open.data.id}/articles`, {
      title: 'Reset your password',
      description: '<p>Open the sign-in page and choose <strong>Forgot password</strong>.</p>',
      status: 2,
    });
    const membersArticle = await api('POST', `/solutions/folders/${members.data.id}/articles`, {
      title: 'Member discounts',
      description: '<p>Members get 20% off renewals.</p>',
      status: 2,
    });
    expect([publicArticle.status, membersArticle.status]).toEqual([201, 201]);
    ids.publicArticle = publicArticle.data.id;
    ids.membersArticle = membersArticle.data.id;
    const contact = await api('POST', '/contacts', { name: 'Mia Tanaka', email });
    expect(contact.status).toBe(201);
    const field = await api('POST', '/admin/ticket_fields', {
      label: 'Order number',
      label_for_customers: 'Order number',
      type: 'custom_text',
      displayed_to_customers: true,
      customers_can_edit: true,
      required_for_customers: true,
    });
    expect(field.status).toBe(201);

    browser = await launchBrowser();
    // bypassCSP only lets axe-core be injected; the pages' own CSP stays strict for users.
    page = await browser.newPage({ locale: 'en-US', bypassCSP: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('a visitor browses, searches and reads a public article', async () => {
    await page.goto(`${running.url}/support/home`);
    await expect(page.title()).resolves.toContain('Acme Help');
    // The first Tab lands on the skip link: the page is usable by keyboard from the start.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
      'Skip to main content',
    );
    await expect(page.getByText('Getting started').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Members area').count()).resolves.toBe(0);
    await expectAccessible('home');

    await page.getByLabel('Search articles').first().fill('password');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/support\/search/);
    await page.getByRole('link', { name: 'Reset your password' }).click();
    await page.waitForURL(new RegExp(`/support/solutions/articles/${ids.publicArticle}`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Reset your password',
    );
    await expectAccessible('article');
  });

  it('cannot reach a logged-in-only article by its URL', async () => {
    const response = await page.goto(`${running.url}/support/solutions/articles/${ids.membersArticle}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Member discounts').count()).resolves.toBe(0);
    await expectAccessible('not found');
  });

  it('sets a password from the emailed link, signs in, and then can read it', async () => {
    await page.goto(`${running.url}/support/login`);
    await expectAccessible('login');
    await page.getByRole('link', { name: 'Get a link to set your password' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByText('a link to set your password is on its way').isVisible()).resolves.toBe(true);

    const outbox = await running.api('GET', `/outbox?to=${encodeURIComponent(email)}`);
    expect(outbox.status).toBe(200);
    const link = /https?:\/\/\S+\/support\/password\/set\?token=[\w-]+/.exec(
      JSON.stringify(outbox.data),
    )?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, running.url));
    await page.getByLabel('New password').fill('correct horse battery');
    await page.getByLabel('Confirm the password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.waitForURL(/\/support\/login/);

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/support\/tickets/);

    const response = await page.goto(`${running.url}/support/solutions/articles/${ids.membersArticle}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Member discounts',
    );
  });

  it('opens a ticket: a missing required field is shown next to it and nothing typed is lost', async () => {
    await page.goto(`${running.url}/support/tickets/new`);
    await page.getByLabel('Subject').fill('Invoice shows the wrong amount');
    await page.getByLabel('Description').fill('The March invoice charges twice.');
    await page.getByRole('button', { name: 'Submit ticket' }).click();

    const orderNumber = page.getByLabel('Order number');
    await expect(orderNumber.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = await orderNumber.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy!.split(' ')[0]}"]`).textContent()).resolves.toContain(
      'required',
    );
    await expect(page.getByLabel('Subject').inputValue()).resolves.toBe('Invoice shows the wrong amount');
    await expect(page.getByLabel('Description').inputValue()).resolves.toBe(
      'The March invoice charges twice.',
    );
    await expectAccessible('new ticket with errors');

    await orderNumber.fill('A-1042');
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.waitForURL(/\/support\/tickets\/\d+/);
    await expect(page.getByText('Invoice shows the wrong amount').first().isVisible()).resolves.toBe(true);
  });

  it('finds the ticket under My tickets and replies', async () => {
    await page.goto(`${running.url}/support/tickets`);
    await expectAccessible('my tickets');
    await page.getByRole('link', { name: 'Invoice shows the wrong amount' }).click();
    await page.waitForURL(/\/support\/tickets\/\d+/);
    await page.getByLabel('Your reply').fill('Here is the invoice number: INV-7.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect(page.getByText('Here is the invoice number: INV-7.').first().isVisible()).resolves.toBe(
      true,
    );
    await expectAccessible('ticket');

    const id = Number(/\/support\/tickets\/(\d+)/.exec(page.url())![1]);
    const ticket = await running.api('GET', `/tickets/${id}?include=conversations`);
    expect(ticket.data).toMatchObject({ source: 2, custom_fields: { cf_order_number: 'A-1042' } });
    expect(ticket.data.conversations.map((c: { body_text: string }) => c.body_text)).toContain(
      'Here is the invoice number: INV-7.',
    );
  });

  it('switches to Japanese', async () => {
    await page.goto(`${running.url}/support/home`);
    await page
      .getByRole('link', { name: '日本語' })
      .or(page.getByRole('button', { name: '日本語' }))
      .first()
      .click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await expectAccessible('home (ja)');
  });
});
