import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openTab } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startLinkedEnv, type LinkedEnv } from './support/linked-env.js';

const SUITE = 'journey-1';

interface TicketFieldView {
  name: string;
  label: string;
  mapping: { attribute: string; fixed_value: unknown; show_field: boolean; default: boolean } | null;
}

/**
 * Issue 7, journey 1: an admin connects Chat to Desk, maps fields (one shown, one hidden) and
 * imports the FAQ, all in the inbox's Integrations > Helpdesk screen in real Chromium. Desk is
 * prepared through its API (an admin agent whose key the admin types, two custom ticket fields,
 * a category with a public folder of two articles and an agents-only folder); the outcome is
 * checked through Chat's API. axe-core on each screen; 390 px wide and Japanese once.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Journey 1: connect, map, import the FAQ', () => {
  let env: LinkedEnv;
  let browser: Browser;
  let adminKey: string;
  let categoryName: string;
  let publicFolder: string;
  let agentsFolder: string;
  const articleTitles = ['How do I reset my password?', 'Where is my order?'];

  beforeAll(async () => {
    env = await startLinkedEnv();

    // Desk: an administrator with global scope, whose API key the Chat admin will type.
    const roles = await env.desk<{ id: number; name: string }[]>('GET', '/roles');
    expect(roles.status).toBe(200);
    const adminRole = roles.data.find((role) => role.name === 'Administrator');
    expect(adminRole, JSON.stringify(roles.data)).toBeDefined();
    const agent = await env.desk('POST', '/agents', {
      email: 'kenji@desk.test',
      name: 'Kenji Admin',
      ticket_scope: 1,
      role_ids: [adminRole!.id],
    });
    expect(agent.status, JSON.stringify(agent.data)).toBe(201);
    const key = await env.desk<{ api_key: string }>('POST', `/agents/${agent.data.id}/api_key`);
    expect(key.status, JSON.stringify(key.data)).toBe(200);
    adminKey = key.data.api_key;

    // Two custom ticket fields: a dropdown, and a required text field (a mapping-health warning).
    for (const body of [
      { label: 'Plan tier', type: 'custom_dropdown', choices: [{ value: 'Free' }, { value: 'Gold' }] },
      { label: 'Order reference', type: 'custom_text', required_for_agents: true },
    ]) {
      const field = await env.desk('POST', '/admin/ticket_fields', body);
      expect(field.status, JSON.stringify(field.data)).toBe(201);
    }

    // Knowledge base: one category, a public folder with two articles, an agents-only folder.
    categoryName = 'Getting started';
    const category = await env.desk('POST', '/solutions/categories', { name: categoryName });
    expect(category.status, JSON.stringify(category.data)).toBe(201);
    publicFolder = 'Account help';
    agentsFolder = 'Internal playbooks';
    const open = await env.desk('POST', `/solutions/categories/${category.data.id}/folders`, {
      name: publicFolder,
      visibility: 1,
    });
    expect(open.status, JSON.stringify(open.data)).toBe(201);
    const internal = await env.desk('POST', `/solutions/categories/${category.data.id}/folders`, {
      name: agentsFolder,
      visibility: 3,
    });
    expect(internal.status, JSON.stringify(internal.data)).toBe(201);
    for (const title of articleTitles) {
      const article = await env.desk('POST', `/solutions/folders/${open.data.id}/articles`, {
        title,
        description: `<p>${title} Here is how.</p>`,
        status: 2,
      });
      expect(article.status, JSON.stringify(article.data)).toBe(201);
    }
    const secret = await env.desk('POST', `/solutions/folders/${internal.data.id}/articles`, {
      title: 'Refund override steps',
      description: '<p>Agents only.</p>',
      status: 2,
    });
    expect(secret.status, JSON.stringify(secret.data)).toBe(201);

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A tab in its own context; unexpected console errors are collected. */
  async function open(options: { width?: number } = {}) {
    // The refusals the journey provokes (a wrong key, an incompatible pair) are expected.
    return openTab(browser, { width: options.width, expectedErrors: /status of (400|502)\b/ });
  }

  const expectNoSidewaysScroll = async (page: Page, what: string) => {
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll, what).toBeLessThanOrEqual(widths.client);
  };

  async function signIn(
    page: Page,
    labels = { email: 'Email', password: 'Password', submit: 'Sign in', admin: 'Admin' },
  ) {
    await page.goto(`${env.chatUrl}/inbox/`);
    await page.getByLabel(labels.email).fill(env.chatOwner.email);
    await page.getByLabel(labels.password).fill(env.chatOwner.password);
    await page.getByRole('button', { name: labels.submit }).click();
    await page.getByRole('link', { name: labels.admin }).waitFor();
  }

  const ticketFields = async () => {
    const res = await env.chat<{ ticket_fields: TicketFieldView[] }>(
      'GET',
      '/integrations/helpdesk/ticket-fields',
    );
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    return new Map(res.data.ticket_fields.map((field) => [field.label, field]));
  };

  it('the owner connects (a wrong key first), maps one field shown and one hidden, and imports the FAQ', async () => {
    const { page, context, errors } = await open();
    try {
      await signIn(page);
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('link', { name: 'Integrations: Helpdesk' }).click();
      await page.getByRole('heading', { name: 'Connect your helpdesk' }).waitFor();

      // A wrong key: the reason next to the key field, the helpdesk's own answer one click away.
      const url = page.getByLabel('Helpdesk portal URL');
      const key = page.getByLabel('API key', { exact: true });
      // A URL that is no web address: the reason sits by the URL field.
      await url.fill('ftp://desk.example.com');
      await key.fill('not-the-right-key-0000');
      await page.getByRole('button', { name: 'Save and connect' }).click();
      await page.getByText('This is not a valid web address').waitFor();
      await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
      expect(await key.getAttribute('aria-invalid')).toBeNull();

      await url.fill(env.deskUrl);
      await page.getByRole('button', { name: 'Save and connect' }).click();
      const keyReason = page.getByText('The helpdesk refused this API key');
      await keyReason.waitFor();
      await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
      expect(await url.getAttribute('aria-invalid')).toBeNull();
      // The reason is read with the field (aria-describedby), and the field has the focus.
      const describedBy = (await key.getAttribute('aria-describedby'))!.split(' ');
      expect(await page.locator(`[id="${describedBy[1]}"]`).textContent()).toContain(
        'The helpdesk refused this API key',
      );
      expect(await key.evaluate((input) => input === document.activeElement)).toBe(true);
      await page.getByText("The helpdesk's response").click();
      const answer = page.locator('.helpdesk-answer');
      await expect.poll(() => answer.textContent()).toContain('401');
      expect(await answer.textContent()).toMatch(/invalid_credentials/);
      await env.shot(page, SUITE, '01-wrong-key');
      expect((await env.chat('GET', '/integrations/helpdesk')).data).toMatchObject({ connected: false });

      // The right key: Authenticate names its owner, Save connects.
      await key.fill(adminKey);
      await page.getByRole('button', { name: 'Authenticate' }).click();
      await page.getByText('Authenticated: the key belongs to Kenji Admin (kenji@desk.test)').waitFor();
      expect((await env.chat('GET', '/integrations/helpdesk')).data).toMatchObject({ connected: false });
      await page.getByRole('button', { name: 'Save and connect' }).click();
      await page.getByRole('heading', { name: 'Connected', exact: true }).waitFor();
      await page.getByText(`Connected to ${env.deskUrl}`).waitFor();
      await page.getByText('Kenji Admin (kenji@desk.test)').waitFor();
      // The required, unmapped Order reference is flagged before any conversion fails (B5).
      await page.getByText('1 mapping warning(s)').waitFor();

      // A switch saves on change, with feedback.
      await page.getByLabel('Make conversion mandatory', { exact: false }).check();
      await page.getByText('Saved: Make conversion mandatory').waitFor();
      const connection = await env.chat('GET', '/integrations/helpdesk');
      expect(connection.data).toMatchObject({
        connected: true,
        url: env.deskUrl,
        key_owner: { name: 'Kenji Admin' },
        settings: { conversion_mandatory: true, no_csat_for_converted: false },
      });
      await env.shot(page, SUITE, '02-connected');
      await expectAccessible(page, 'connection');

      // Field mapping: an incompatible pair is refused on its row, with the reason.
      await page.getByRole('link', { name: 'Field mapping', exact: true }).click();
      await page.getByRole('heading', { name: 'Ticket field mapping' }).waitFor();
      const warnings = page.getByRole('region', { name: /Mapping warnings/ });
      expect(await warnings.textContent()).toMatch(/Order reference: Required field not mapped/);
      const planAttribute = page.getByLabel('Chat attribute for Plan tier');
      await planAttribute.selectOption({ label: "User's first name" });
      await page.getByLabel('Show Plan tier in the conversion dialog').check();
      await page.getByRole('button', { name: 'Save mapping' }).click();
      await page.getByText('The mapping was not saved: see the reasons on the rows.').waitFor();
      const planRow = page.getByRole('row', { name: /Plan tier/ });
      expect(await planRow.textContent()).toMatch(/free text may not be one of its choices \(Free, Gold\)/);
      expect(await planAttribute.getAttribute('aria-invalid')).toBe('true');
      await env.shot(page, SUITE, '03-type-error');
      expect((await ticketFields()).get('Plan tier')?.mapping).toBeNull();

      // A fixed choice for Plan tier (shown); the user's email for Order reference (hidden).
      await planAttribute.selectOption({ label: 'A fixed value (fixed_value)' });
      await page.getByLabel('Fixed value for Plan tier').selectOption('Gold');
      await page.getByLabel('Chat attribute for Order reference').selectOption({ label: "User's email" });
      expect(await page.getByLabel('Show Order reference in the conversion dialog').isChecked()).toBe(false);
      await page.getByRole('button', { name: 'Save mapping' }).click();
      await page.getByText('Mapping saved.').waitFor();
      await expect.poll(() => warnings.count()).toBe(0);
      expect(await planRow.textContent()).not.toMatch(/free text/);
      await env.shot(page, SUITE, '04-mapped');
      await expectAccessible(page, 'mapping');

      const fields = await ticketFields();
      expect(fields.get('Plan tier')?.mapping).toEqual({
        attribute: 'fixed',
        fixed_value: 'Gold',
        show_field: true,
        default: false,
      });
      expect(fields.get('Order reference')?.mapping).toMatchObject({
        attribute: 'user_email',
        show_field: false,
        default: false,
      });
      const health = await env.chat('GET', '/integrations/helpdesk/mapping-health');
      expect(health.data).toEqual({ healthy: true, warnings: [] });

      // FAQ import: the agents-only folder cannot be picked, and says why.
      await page.getByRole('link', { name: 'FAQ import', exact: true }).click();
      const tree = page.getByRole('list', { name: 'Helpdesk knowledge base' });
      await tree.waitFor();
      const internal = page.getByRole('checkbox', { name: agentsFolder });
      expect(await internal.isDisabled()).toBe(true);
      expect(await page.getByText('Not importable: visible to agents only').count()).toBe(1);
      expect(await tree.textContent()).not.toContain('Refund override steps');
      // Picking the category picks its importable folder (and so both its articles).
      await page.getByRole('checkbox', { name: categoryName }).check();
      expect(await page.getByRole('checkbox', { name: publicFolder }).isChecked()).toBe(true);
      for (const title of articleTitles)
        expect(await page.getByRole('checkbox', { name: title }).isChecked()).toBe(true);
      // Unpicking one article leaves the folder partly picked.
      await page.getByRole('checkbox', { name: articleTitles[1] }).uncheck();
      expect(await page.getByRole('checkbox', { name: publicFolder }).getAttribute('aria-checked')).toBe(
        'mixed',
      );
      await page.getByRole('checkbox', { name: publicFolder }).check();
      await page.getByLabel("Don't overwrite category title and description").check();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const progress = page.getByRole('progressbar', { name: 'Import progress' });
      await progress.waitFor();
      await page.getByText('Import finished: 2 created, 0 updated, 0 unchanged, 0 removed.').waitFor();
      expect(
        await progress.evaluate(
          (bar) => (bar as HTMLProgressElement).value === (bar as HTMLProgressElement).max,
        ),
      ).toBe(true);
      await expect.poll(() => page.getByText('imported', { exact: true }).count()).toBe(3);
      await env.shot(page, SUITE, '05-imported');
      await expectAccessible(page, 'faq import');

      const imported = await env.chat<{ articles: { title: string; source: string; status: string }[] }>(
        'GET',
        '/faq/articles?source=helpdesk',
      );
      expect(imported.status, JSON.stringify(imported.data)).toBe(200);
      expect(imported.data.articles.map((a) => a.title).sort()).toEqual([...articleTitles].sort());
      const categories = await env.chat<{ categories: { name: string; source: string }[] }>(
        'GET',
        '/faq/categories',
      );
      expect(categories.data.categories.filter((c) => c.source === 'helpdesk').map((c) => c.name)).toEqual([
        publicFolder,
      ]);

      // Importing again duplicates nothing.
      await page.getByRole('button', { name: 'Import again' }).click();
      await page.getByText('Import finished: 0 created, 0 updated, 2 unchanged, 0 removed.').waitFor();
      const again = await env.chat<{ articles: unknown[] }>('GET', '/faq/articles?source=helpdesk');
      expect(again.data.articles).toHaveLength(2);
      expect(errors).toEqual([]);
    } catch (error) {
      // What the page showed and logged when a step failed, for whoever reads the failure.
      await env.shot(page, SUITE, 'failure').catch(() => undefined);
      throw new Error(`${String(error)}\npage errors: ${JSON.stringify(errors)}`, { cause: error });
    } finally {
      await context.close();
    }
  });

  it('the same screens at 390 px wide, then in Japanese', async () => {
    const { page, context, errors } = await open({ width: 390 });
    try {
      await signIn(page);
      await page.goto(`${env.chatUrl}/inbox/admin/helpdesk/mapping`);
      await page.getByRole('heading', { name: 'Ticket field mapping' }).waitFor();
      await page.getByLabel('Chat attribute for Plan tier').waitFor();
      await expectNoSidewaysScroll(page, 'mapping at 390 px');
      await env.shot(page, SUITE, '06-mapping-390');
      await expectAccessible(page, 'mapping at 390 px');

      await page.getByLabel('Language').first().selectOption('ja');
      await page.getByRole('heading', { name: 'チケットフィールドの対応付け' }).waitFor();
      expect(await page.getByLabel('Plan tier に入れる Chat の属性').inputValue()).toBe('fixed');
      await page.getByRole('link', { name: 'FAQ のインポート' }).click();
      await page.getByText('インポートできません: エージェントのみに公開').waitFor();
      // The last import's result is still there after a reload.
      await page.getByText('インポート完了: 作成 0 件、更新 0 件、変更なし 2 件、削除 0 件。').waitFor();
      expect(await page.getByRole('button', { name: '再インポート' }).isEnabled()).toBe(true);
      await expectNoSidewaysScroll(page, 'FAQ import at 390 px');
      await env.shot(page, SUITE, '07-faq-390-ja');
      await page.getByRole('link', { name: '接続', exact: true }).click();
      await page.getByRole('heading', { name: '接続済み' }).waitFor();
      expect(await page.getByLabel('変換を必須にする', { exact: false }).isChecked()).toBe(true);
      await env.shot(page, SUITE, '08-connection-ja');
      await expectAccessible(page, 'connection in Japanese');

      // Disconnect asks first (the focus goes to the confirmation), then forgets the helpdesk.
      await page.getByRole('button', { name: '接続を解除' }).click();
      const confirm = page.getByRole('button', { name: '解除する' });
      await expect.poll(() => confirm.evaluate((button) => button === document.activeElement)).toBe(true);
      expect((await env.chat('GET', '/integrations/helpdesk')).data).toMatchObject({ connected: true });
      await confirm.click();
      await page.getByRole('heading', { name: 'ヘルプデスクを接続' }).waitFor();
      await page.getByText('ヘルプデスクとの接続を解除しました。').waitFor();
      expect((await env.chat('GET', '/integrations/helpdesk')).data).toMatchObject({
        connected: false,
        url: null,
      });
      expect(errors).toEqual([]);
    } catch (error) {
      // What the page showed and logged when a step failed, for whoever reads the failure.
      await env.shot(page, SUITE, 'failure').catch(() => undefined);
      throw new Error(`${String(error)}\npage errors: ${JSON.stringify(errors)}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});
