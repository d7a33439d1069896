import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_PAGE, expectAccessible, screenshots, signInToDesk } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startDesk, type RunningDesk } from './support/desk.js';
import { startLinkedEnv, type LinkedEnv } from './support/linked-env.js';

const SUITE = 'desk-admin';
const RESTRICTED_EMAIL = 'rin@example.com';
const RESTRICTED_PASSWORD = 'restricted agent password';

const shot = screenshots(SUITE);

const signIn = (page: Page, url: string, email: string, password: string) =>
  signInToDesk(page, url, { email, password });

/**
 * The Desk admin screens in Chromium against a real Desk: groups, an agent with restricted scope,
 * a dropdown ticket field that then shows on the ticket page, chat on a portal, keyboard
 * reordering, Japanese, 390 px, axe; a non-admin agent sees no Admin.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Desk admin screens in Chromium', () => {
  let running: RunningDesk;
  let browser: Browser;
  let page: Page;
  let ticketId: number;
  let portalId: number;

  beforeAll(async () => {
    running = await startDesk();
    const ticket = await running.api('POST', '/tickets', {
      email: 'mia@example.com',
      subject: 'Which model do I have?',
      description: 'x',
      status: 2,
      priority: 1,
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.data.id;
    const portal = await running.api('POST', '/portals', { name: 'Help Center', host: 'help.example.com' });
    expect(portal.status).toBe(201);
    portalId = portal.data.id;
    browser = await launchBrowser();
    page = await browser.newPage(DESK_PAGE);
    await signIn(page, running.url, running.desk.bootstrap.email!, running.desk.bootstrap.generatedPassword!);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('creates a group, with a field error in place first', async () => {
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Admin screens' })
      .getByRole('link', { name: 'Groups' })
      .click();
    await page.getByRole('link', { name: 'New group' }).click();
    // Blank name: Desk's field error is shown under the field, nothing is created.
    await page.getByRole('button', { name: 'Create group' }).click();
    const name = page.getByLabel('Name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('It should not be blank').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
    await expectAccessible(page, 'group form with an error');
    await name.fill('Hardware');
    await page.getByLabel('Description').fill('Printers and laptops');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { name: 'Group: Hardware' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const groups = await running.api('GET', '/groups');
    expect(groups.data.map((g: { name: string }) => g.name)).toContain('Hardware');
  });

  it('creates an agent with restricted scope in that group', async () => {
    await page
      .getByRole('navigation', { name: 'Admin screens' })
      .getByRole('link', { name: 'Agents' })
      .click();
    await page.getByRole('link', { name: 'New agent' }).click();
    await page.getByLabel('Email').fill('not an email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create agent' }).click();
    // Both of Desk's field errors are shown under their fields.
    await expect.poll(() => page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('It should be at least 8 characters long').waitFor();
    await page.getByLabel('Email').fill(RESTRICTED_EMAIL);
    await page.getByLabel('Password').fill(RESTRICTED_PASSWORD);
    await page.getByLabel('Name').fill('Rin Sato');
    await page.getByRole('radio', { name: /^Restricted/ }).check();
    await page.getByRole('radio', { name: 'Occasional' }).check();
    await page.getByRole('group', { name: 'Groups' }).getByRole('checkbox', { name: 'Hardware' }).check();
    await shot(page, '01-agent-form');
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { name: 'Agent: Rin Sato' }).waitFor();
    await expectAccessible(page, 'agent form');

    const agents = await running.api('GET', `/agents?email=${encodeURIComponent(RESTRICTED_EMAIL)}`);
    const [agent] = agents.data;
    const groups = await running.api('GET', '/groups');
    const hardware = groups.data.find((g: { name: string }) => g.name === 'Hardware');
    expect(agent).toMatchObject({ ticket_scope: 3, occasional: true, group_ids: [hardware.id] });

    await page.getByRole('link', { name: '← All agents' }).click();
    const row = page.getByRole('row', { name: /Rin Sato/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Restricted.*Occasional.*Active/);
    await shot(page, '02-agents');
    await expectAccessible(page, 'agent list');
  });

  it('adds a dropdown ticket field, reorders it by keyboard and sees it on the ticket page', async () => {
    await page
      .getByRole('navigation', { name: 'Admin screens' })
      .getByRole('link', { name: 'Ticket fields' })
      .click();
    await page.getByRole('link', { name: 'New field' }).click();
    await page.getByLabel('Field type').selectOption({ label: 'Dropdown' });
    await page.getByLabel('Label for agents').fill('Product line');
    await page.getByRole('textbox', { name: 'Choice 1', exact: true }).fill('Laser');
    await page.getByRole('button', { name: 'Add a choice' }).click();
    // The new choice's input takes focus, so typing goes straight into it.
    await page.keyboard.type('Inkjet');
    await expect(page.getByRole('textbox', { name: 'Choice 2', exact: true }).inputValue()).resolves.toBe(
      'Inkjet',
    );
    await page.getByRole('button', { name: 'Create field' }).click();
    await page.getByRole('heading', { name: 'Field: Product line' }).waitFor();
    await expectAccessible(page, 'field form');

    await page.getByRole('link', { name: '← All ticket fields' }).click();
    const rows = page.locator('.field-row');
    await rows.first().waitFor();
    const labels = async () =>
      (await rows.locator('.field-row-main a').allTextContents()).map((s) => s.trim());
    // The list seen before "New field" is shown at once and refreshed: wait for the new field.
    await expect.poll(labels).toContain('Product line');
    const before = await labels();
    const at = before.indexOf('Product line');
    expect(at).toBeGreaterThan(2);
    // The order expected after moving the new field up `n` places.
    const movedUp = (n: number) => {
      const order = before.filter((label) => label !== 'Product line');
      order.splice(at - n, 0, 'Product line');
      return order;
    };
    const up = page.getByRole('button', { name: 'Move Product line up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect.poll(labels).toEqual(movedUp(1));
    // Focus stays on the moved field's button, so pressing again keeps moving it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move Product line up');
    await page.keyboard.press('Enter');
    await expect.poll(labels).toEqual(movedUp(2));
    await shot(page, '03-ticket-fields');
    await expectAccessible(page, 'ticket field list');
    const fields = await running.api('GET', '/ticket_fields');
    const ordered = [...fields.data].sort((a, b) => a.position - b.position).map((f) => f.label);
    expect(ordered).toEqual(await labels());

    await page.goto(`${running.url}/a/tickets/${ticketId}`);
    const control = page.getByLabel('Product line');
    await control.waitFor();
    await expect(control.locator('option').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Laser', 'Inkjet']),
    );
  });

  it('turns chat on for a portal', async () => {
    await page.goto(`${running.url}/a/admin/portals`);
    await page
      .getByRole('row', { name: /Help Center/ })
      .getByRole('link', { name: 'Help Center' })
      .click();
    const toggle = page.getByRole('checkbox', { name: 'Enable chat on this portal' });
    await expect(toggle.isChecked()).resolves.toBe(false);
    // A bad colour is refused in place; fixed, the save goes through.
    await page.getByLabel('Brand colour').fill('blue');
    await toggle.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText("It should be in the '#rrggbb' format").waitFor();
    await expect(toggle.isChecked()).resolves.toBe(true);
    await page.getByLabel('Brand colour').fill('#123456');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const portal = await running.api('GET', `/portals/${portalId}`);
    expect(portal.data).toMatchObject({ chat_enabled: true, brand_color: '#123456' });
    await shot(page, '04-portal');
    await expectAccessible(page, 'portal form');
    await page.getByRole('link', { name: '← All portals' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Help Center/ }).textContent()).toMatch(/On$/);
  });

  it('works at 390 px wide and in Japanese', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${running.url}/a/admin/agents`);
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await shot(page, '05-agents-390');
    await page.goto(`${running.url}/a/admin/ticket-fields`);
    await page.getByRole('button', { name: 'Move Product line down' }).waitFor();
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await expectAccessible(page, 'ticket fields at 390 px');

    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('heading', { name: 'チケット項目', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: '管理画面' }).getByRole('link', { name: 'グループ' }).click();
    await page.getByRole('link', { name: '新しいグループ' }).waitFor();
    await shot(page, '06-groups-ja-390');
    await expectAccessible(page, 'groups in Japanese');
    await page.getByLabel('言語').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a non-admin agent sees no Admin link and is refused the screens', async () => {
    // The agent and its password were created in the admin screens above.
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const agentPage = await context.newPage();
    await signIn(agentPage, running.url, RESTRICTED_EMAIL, RESTRICTED_PASSWORD);
    const nav = agentPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Profile' }).waitFor();
    await expect(nav.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    await agentPage.goto(`${running.url}/a/admin/groups`);
    await agentPage.getByRole('alert').filter({ hasText: 'Only administrators' }).waitFor();
    await expect(agentPage.getByRole('heading', { name: 'Groups' }).count()).resolves.toBe(0);
    await shot(agentPage, '07-non-admin');

    // The admin deactivates the agent: their open session ends; reactivated, they sign in again.
    await page.goto(`${running.url}/a/admin/agents`);
    await page.getByRole('link', { name: 'Rin Sato' }).click();
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    await agentPage.reload();
    await agentPage.getByRole('heading', { name: 'Sign in to Tandem Desk' }).waitFor();
    await page.getByRole('link', { name: '← All agents' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: /Rin Sato/ }).textContent())
      .toMatch(/Deactivated$/);
    await page.getByRole('link', { name: 'Rin Sato' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('button', { name: 'Deactivate' }).waitFor();
    await context.close();
    const again = await browser.newContext({ locale: 'en-US' });
    await signIn(await again.newPage(), running.url, RESTRICTED_EMAIL, RESTRICTED_PASSWORD);
    await again.close();
  });

  it('deletes a custom field after a confirmation that takes the focus', async () => {
    const field = await running.api('POST', '/admin/ticket_fields', {
      label: 'Temporary',
      type: 'custom_text',
    });
    expect(field.status).toBe(201);
    await page.goto(`${running.url}/a/admin/ticket-fields/${field.data.id}`);
    await page.getByRole('button', { name: 'Delete field' }).click();
    const yes = page.getByRole('button', { name: 'Yes, delete' });
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    // Cancelled: focus is back on the button that opened the question.
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Delete field' }).evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    await yes.waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Deleted.' }).waitFor();
    await expect(page.getByRole('link', { name: 'Temporary' }).count()).resolves.toBe(0);
    expect((await running.api('GET', `/admin/ticket_fields/${field.data.id}`)).status).toBe(404);
  });
});

/** The chat channel screen against a real Chat: a wrong widget token is named in place, then saved. */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Desk chat channel settings in Chromium', () => {
  let env: LinkedEnv;
  let browser: Browser;

  beforeAll(async () => {
    env = await startLinkedEnv();
    // This test's Chat listens on a random loopback port, so it is named a trusted Chat origin.
    env.pair.desk.services.config.chatTrustedOrigins = [env.chatUrl];
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('shows a wrong widget token under its field, then saves the right one write-only', async () => {
    const config = await env.chat<{ app_id: string; widget_token: string }>('GET', '/accounts/configuration');
    expect(config.status).toBe(200);
    const page = await browser.newPage(DESK_PAGE);
    await signIn(page, env.deskUrl, env.deskAdmin.email, env.deskAdmin.password);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Admin screens' })
      .getByRole('link', { name: 'Chat channel' })
      .click();
    await page.getByRole('heading', { name: 'Chat channel', level: 1 }).waitFor();

    await page.getByRole('checkbox', { name: 'Enable the chat channel' }).check();
    await page.getByLabel('Chat URL').fill(env.chatUrl);
    await page.getByLabel('App id').fill(config.data.app_id);
    await page.getByLabel('Widget token').fill('not-the-widget-token');
    await page.getByRole('button', { name: 'Save' }).click();
    const token = page.getByLabel('Widget token');
    await expect.poll(() => token.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Chat does not know this widget token.', { exact: false }).waitFor();
    // Chat's own answer is one click away.
    await page.getByText(/What Chat answered \(HTTP 4\d\d\)/).click();
    await page.locator('.chat-answer pre').waitFor();
    // What was typed stays, so the admin corrects rather than retypes.
    await expect(page.getByLabel('Chat URL').inputValue()).resolves.toBe(env.chatUrl);
    await shot(page, '08-chat-wrong-token');
    await expectAccessible(page, 'chat channel with an error');
    expect((await env.desk('GET', '/admin/chat_channel')).data.enabled).toBe(false);

    await token.fill(config.data.widget_token);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect(token.inputValue()).resolves.toBe('');
    await expect(token.getAttribute('aria-invalid')).resolves.toBeNull();
    await page.getByText('Saved. Leave empty to keep it.').first().waitFor();
    await page.getByText(/Checked with Chat on/).waitFor();
    await expect(page.content()).resolves.not.toContain(config.data.widget_token);
    const saved = await env.desk('GET', '/admin/chat_channel');
    expect(saved.data).toMatchObject({
      enabled: true,
      chat_url: env.chatUrl,
      app_id: config.data.app_id,
      widget_token: config.data.widget_token,
    });
    await shot(page, '09-chat-saved');
    await page.close();
  });
});
