import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_PAGE, expectAccessible, screenshots, signInToDesk } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startDesk, type RunningDesk } from './support/desk.js';

/**
 * Issue 7, journey 5 and the reply editor: two Desk agents in two browser contexts work the same
 * ticket. The second to reply is held and shown the first one's reply, then sends anyway: a rich
 * text reply with an attachment, shown formatted in the thread with a working download. A property
 * save is held the same way and, after review, keeps what the agent chose. The "All" view pages
 * with a keyset "Load more".
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Desk collision guard in Chromium', () => {
  let running: RunningDesk;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ada: Page; // the account admin
  let bo: Page; // a second agent, created through the API with a password
  let ticketId: number;

  const shot = screenshots('desk-collision');
  const signIn = async (email: string, password: string) => {
    const context = await browser.newContext({
      ...DESK_PAGE,
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await signInToDesk(page, running.url, { email, password });
    return page;
  };

  beforeAll(async () => {
    running = await startDesk();
    const { api } = running;
    const ticket = await api('POST', '/tickets', {
      email: 'mia@example.com',
      name: 'Mia Tanaka',
      subject: 'Invoice shows the wrong address',
      description: '<p>The invoice has our old address.</p>',
      status: 2,
      priority: 3,
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.data.id;
    // Enough closed tickets for the "All" view to need a second keyset page (30 a page).
    for (let i = 1; i <= 30; i++) {
      const closed = await api('POST', '/tickets', {
        email: 'archive@example.com',
        subject: `Archived ${i}`,
        description: 'x',
        status: 5,
        priority: 1,
      });
      expect(closed.status).toBe(201);
    }
    const agent = await api('POST', '/agents', {
      email: 'bo@example.com',
      name: 'Bo Agent',
      ticket_scope: 1,
      password: 'bo-password-123',
    });
    expect(agent.status).toBe(201);
    browser = await launchBrowser();
    ada = await signIn(running.desk.bootstrap.email!, running.desk.bootstrap.generatedPassword!);
    bo = await signIn('bo@example.com', 'bo-password-123');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await running?.close();
  });

  it('pages the All view with Load more (keyset cursor)', async () => {
    await ada.getByRole('link', { name: 'All', exact: true }).click();
    const rows = ada.locator('.ticket-row');
    await ada.locator('.ticket-row', { hasText: 'Archived 30' }).waitFor();
    await expect(rows.count()).resolves.toBe(30);
    await ada.getByRole('status').filter({ hasText: '30 tickets shown' }).waitFor();
    await ada.getByRole('button', { name: 'Load more' }).click();
    await ada.locator('.ticket-row', { hasText: 'Invoice shows the wrong address' }).waitFor();
    await expect(rows.count()).resolves.toBe(31);
    await ada.getByRole('status').filter({ hasText: 'All 31 tickets shown' }).waitFor();
    await expect(ada.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
    await shot(ada, '01-all-view-loaded-more');
  });

  it("holds the second agent's reply, shows the first agent's reply, then sends it formatted with a file", async () => {
    for (const page of [ada, bo]) {
      await page.goto(`${running.url}/a/tickets/${ticketId}`);
      await page.getByText('The invoice has our old address.').waitFor();
    }
    // Bo answers first.
    await bo.getByLabel('Your reply').fill('On it, checking the billing profile.');
    await bo.getByRole('button', { name: 'Send reply' }).click();
    await bo.locator('.thread .message.outgoing', { hasText: 'checking the billing profile' }).waitFor();

    // Ada, who opened the ticket before Bo replied, writes a formatted reply with an attachment.
    const editor = ada.getByRole('textbox', { name: 'Your reply' });
    await editor.click();
    await ada.keyboard.type('Sorry about that. ');
    await ada.keyboard.press('Control+b');
    await ada.keyboard.type('Fixed now');
    await ada.keyboard.press('Control+b');
    await ada.keyboard.press('Enter');
    await ada.getByRole('button', { name: 'Bulleted list' }).click();
    await ada.keyboard.type('New address saved');
    await ada.keyboard.press('Enter');
    await ada.keyboard.type('Corrected invoice attached');
    await ada.getByLabel('Attach files').setInputFiles({
      name: 'invoice-corrected.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Invoice 1001, new address'),
    });
    await ada.getByRole('list', { name: 'Attachments' }).getByText('invoice-corrected.txt').waitFor();
    await ada.getByRole('button', { name: 'Send reply' }).click();

    const notice = ada.getByRole('region', { name: 'Someone else updated this ticket' });
    await notice.waitFor();
    await notice.getByText('1 new reply or note').waitFor();
    await notice.getByText(/checking the billing profile/).waitFor();
    // Held: nothing was sent and nothing typed is lost.
    const conversations = await running.api('GET', `/tickets/${ticketId}/conversations`);
    expect(conversations.data).toHaveLength(1);
    await expect(editor.textContent()).resolves.toContain('Corrected invoice attached');
    await expect(ada.getByRole('button', { name: 'Remove invoice-corrected.txt' }).count()).resolves.toBe(1);
    await expectAccessible(ada, 'ticket page with a held reply');
    await shot(ada, '02-reply-held');

    await notice.getByRole('button', { name: 'Send anyway' }).click();
    const sent = ada.locator('.thread .message.outgoing', { hasText: 'Corrected invoice attached' });
    await sent.waitFor();
    await expect(sent.locator('strong').textContent()).resolves.toBe('Fixed now');
    await expect(sent.locator('.message-body ul > li').allTextContents()).resolves.toEqual([
      'New address saved',
      'Corrected invoice attached',
    ]);
    const stored = (await running.api('GET', `/tickets/${ticketId}/conversations`)).data;
    expect(stored).toHaveLength(2);
    expect(stored[1].body).toContain('<strong>Fixed now</strong>');
    expect(stored[1].body).toContain(
      '<ul><li>New address saved</li><li>Corrected invoice attached</li></ul>',
    );
    expect(stored[1].attachments.map((a: { name: string }) => a.name)).toEqual(['invoice-corrected.txt']);

    const [download] = await Promise.all([
      ada.waitForEvent('download'),
      sent.getByRole('link', { name: /Download invoice-corrected\.txt/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('invoice-corrected.txt');
    const file = await download.path();
    expect(fs.readFileSync(file, 'utf8')).toBe('Invoice 1001, new address');
    await expectAccessible(ada, 'ticket page after the reply');
    await shot(ada, '03-rich-reply-with-attachment');
  });

  it('holds a property save, shows the change, and keeps the agent’s choice after review', async () => {
    await bo.reload();
    const boProps = bo.getByRole('complementary', { name: 'Properties' });
    await boProps.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await boProps.getByRole('button', { name: 'Update' }).click();
    await boProps.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const props = ada.getByRole('complementary', { name: 'Properties' });
    await props.getByLabel('Status').selectOption({ label: 'Pending' });
    await props.getByRole('button', { name: 'Update' }).click();
    const notice = props.getByRole('region', { name: 'Someone else updated this ticket' });
    await notice.getByText('Priority: High → Urgent').waitFor();
    await shot(ada, '04-save-held');
    await notice.getByRole('button', { name: 'Review first (keep my draft)' }).click();
    await expect.poll(() => props.getByLabel('Priority').inputValue()).toBe('4');
    await expect(props.getByLabel('Status').inputValue()).resolves.toBe('3');
    await props.getByRole('button', { name: 'Update' }).click();
    await props.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const ticket = await running.api('GET', `/tickets/${ticketId}`);
    expect(ticket.data).toMatchObject({ status: 3, priority: 4 });
  });
  it("shows Desk's attachment size error in place, keeps the note, and sends once the file is removed", async () => {
    await ada.getByRole('radio', { name: 'Private note' }).check();
    const editor = ada.getByRole('textbox', { name: 'Your private note' });
    await editor.click();
    await ada.keyboard.type('Scan of the old invoice attached.');
    // Desk's default limit is 20 MB for all attachments of one request.
    await ada.getByLabel('Attach files').setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(21 * 1024 * 1024, 1),
    });
    await ada.getByRole('button', { name: 'Add note' }).click();
    const error = ada.locator('.attachments-picker .field-error');
    await error
      .filter({ hasText: 'The cumulative size of all attachments should not exceed 20 MB' })
      .waitFor();
    await expect(ada.getByLabel('Attach files').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(editor.textContent()).resolves.toContain('Scan of the old invoice attached.');
    await expectAccessible(ada, 'ticket page with an attachment error');
    await shot(ada, '05-attachment-too-large');
    await ada.getByRole('button', { name: 'Remove scan.pdf' }).click();
    await ada.getByRole('button', { name: 'Add note' }).click();
    await ada.locator('.thread .message.note', { hasText: 'Scan of the old invoice attached.' }).waitFor();
    const conversations = (await running.api('GET', `/tickets/${ticketId}/conversations`)).data;
    expect(conversations.at(-1)).toMatchObject({ private: true, attachments: [] });

    // At phone width the editor, its toolbar, the chips and the thread fit without sideways scrolling.
    await ada.setViewportSize({ width: 390, height: 844 });
    for (const selector of ['.reply', '.rich-toolbar', '.thread']) {
      const right = await ada.locator(selector).evaluate((el) => el.getBoundingClientRect().right);
      expect(right, selector).toBeLessThanOrEqual(390);
    }
    await shot(ada, '06-phone-editor');
  });
});
