import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_QUEUE, webhookJobHandler } from '../apps/server/src/chat/webhooks/deliver-webhook.js';
import { createJobWorker, type JobWorker } from '../apps/server/src/platform/jobs/index.js';
import { expectAccessible, openTab, screenshots, signInToInbox } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startWidgetEnv, type WidgetEnv } from './support/widget-env.js';

/** A local webhook receiver answering with `statuses` in turn (then 202), recording each body. */
async function startReceiver(statuses: number[]) {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.statusCode = statuses.shift() ?? 202;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The inbox's content admin screens in real Chromium, signed in as the account owner: the FAQ
 * editor (a category and an article, published), API tokens (shown once; it works against /v2,
 * then is refused once revoked), a webhook to a local receiver with its delivery log (a failed
 * attempt with its next retry, then the delivery), and the CSAT report of seeded ratings with the
 * SVG chart and its table agreeing. axe-core on each screen; 390 px once; Japanese once.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')(
  'Chat inbox admin: FAQ, CSAT, API tokens, webhooks',
  () => {
    let env: WidgetEnv;
    let browser: Browser;
    let worker: JobWorker;
    let ownerPassword: string;

    beforeAll(async () => {
      // The receiver listens on 127.0.0.1, which webhooks may call only when the operator allows it.
      env = await startWidgetEnv('pglite', { allowPrivateNetworkUrls: true });
      const site = await env.api('POST', '/sites', { id: 'shop', name: 'Shop', allowed_origins: [] });
      expect(site.status).toBe(201);
      ownerPassword = env.chat.bootstrap.generatedPassword!;
      expect(ownerPassword).toBeTruthy();
      // The env runs no background worker; the test runs the real webhook job handler when it wants.
      worker = createJobWorker({
        db: env.chat.services.db,
        handlers: { [WEBHOOK_QUEUE]: webhookJobHandler(env.chat.services) },
      });
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await env?.close();
    });

    async function open(options: { width?: number; locale?: string } = {}) {
      // Expected: the blank category's refusal (400, shown in place) and the sandbox refusing the
      // preview's script (the point of the sandbox).
      return openTab(browser, {
        ...options,
        expectedErrors: /status of 400\b|Blocked script execution in 'about:srcdoc'/,
      });
    }

    const shot = screenshots('inbox-admin-content');

    async function signInAsOwner(page: Page, section: string) {
      await signInToInbox(
        page,
        env.chatUrl,
        { email: 'owner@example.com', password: ownerPassword },
        {
          email: /^(Email|メールアドレス)$/,
          password: /^(Password|パスワード)$/,
          submit: /^(Sign in|サインイン)$/,
          views: /^(Conversation views|会話のビュー)$/,
        },
      );
      await page.goto(`${env.chatUrl}/inbox/admin/${section}`);
    }

    /** A rated conversation: a user, assigned to the owner, resolved, rated through the API. */
    async function seedRating(rating: number) {
      const user = await env.api('POST', '/users', { first_name: `Rater ${rating}`, site_id: 'shop' });
      expect(user.status, JSON.stringify(user.data)).toBe(201);
      const conversation = await env.api('POST', '/conversations', {
        users: [{ id: user.data.id }],
        assigned_agent_id: env.agentId,
      });
      expect(conversation.status).toBe(201);
      const resolved = await env.api('PUT', `/conversations/${conversation.data.id}`, { status: 'resolved' });
      expect(resolved.status).toBe(200);
      const rated = await env.api('POST', `/conversations/${conversation.data.id}/csat`, { rating });
      expect(rated.status, JSON.stringify(rated.data)).toBe(201);
      return { userId: user.data.id as string, conversationId: conversation.data.id as string };
    }

    it('the owner writes an FAQ category and a published article', async () => {
      const { page, context, errors } = await open();
      try {
        await signInAsOwner(page, 'faq');
        await page.getByRole('heading', { name: 'FAQ', level: 2 }).waitFor();
        await page.getByRole('link', { name: 'Add a category' }).click();
        await page.getByRole('heading', { name: 'New category' }).waitFor();
        // Saved blank: the server's field error is shown in place, nothing typed is lost.
        await page.getByLabel('Description').fill('Parcels and delivery times');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByLabel('Description').inputValue()).toBe('Parcels and delivery times');
        await page.getByLabel('Name').fill('Shipping');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('heading', { name: 'Category Shipping' }).waitFor();

        await page.getByRole('link', { name: 'Add an article' }).click();
        await page.getByRole('heading', { name: 'New article' }).waitFor();
        await page.getByLabel('Title').fill('When does my parcel arrive?');
        await page.getByLabel('Status').selectOption('published');
        await page.getByLabel('Tags').fill('shipping, delivery');
        await page
          .getByLabel('Body (HTML)')
          .fill('<p>Within <strong>two days</strong>.</p><script>alert(1)</script>');
        await page.getByRole('button', { name: 'Preview' }).click();
        const preview = page.frameLocator('iframe[title="Preview of the article body"]');
        await preview.getByText('two days').waitFor();
        await page.getByRole('button', { name: 'Write' }).click();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('heading', { name: 'Article When does my parcel arrive?' }).waitFor();
        // The stored body is the sanitized one, shown back in the editor.
        await expect.poll(() => page.getByLabel('Body (HTML)').inputValue()).not.toContain('<script>');

        const articles = await env.api('GET', '/faq/articles');
        expect(articles.data.articles).toEqual([
          expect.objectContaining({
            title: 'When does my parcel arrive?',
            status: 'published',
            tags: ['shipping', 'delivery'],
            source: null,
          }),
        ]);
        const categories = await env.api('GET', '/faq/categories');
        expect(categories.data.categories).toEqual([
          expect.objectContaining({
            name: 'Shipping',
            description: 'Parcels and delivery times',
            article_count: 1,
            published_article_count: 1,
          }),
        ]);

        await page.getByRole('link', { name: 'Back to Shipping' }).click();
        await page.getByRole('link', { name: 'When does my parcel arrive?' }).waitFor();
        await page.getByRole('cell', { name: 'Published' }).waitFor();
        await shot(page, '1-faq-category');
        await expectAccessible(page, 'FAQ category');

        // A category the helpdesk import brought: marked, with the re-import warning; reordered.
        const imported = await env.api('PUT', '/faq/categories/by-source/helpdesk/folder-7', {
          name: 'Returns',
          description: 'From the helpdesk',
        });
        expect(imported.status).toBe(201);
        await page.getByRole('link', { name: 'Back to the FAQ' }).click();
        const returns = page.getByRole('row', { name: /Returns/ });
        await returns.getByText('Imported from the helpdesk').waitFor();
        await page
          .getByRole('row', { name: /Shipping/ })
          .getByText('Made in Chat')
          .waitFor();
        await returns.getByRole('button', { name: 'Move Returns up' }).click();
        await expect
          .poll(async () =>
            (await env.api('GET', '/faq/categories')).data.categories.map((c: { name: string }) => c.name),
          )
          .toEqual(['Returns', 'Shipping']);
        await expect
          .poll(() => page.locator('tbody th a').allTextContents())
          .toEqual(['Returns', 'Shipping']);
        await shot(page, '1b-faq-list');
        await expectAccessible(page, 'FAQ list');
        await page.getByRole('link', { name: 'Returns' }).click();
        await page.getByText(/imported from the helpdesk\. A re-import replaces its name/).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('an API token is shown once, works against /v2, and is refused once revoked', async () => {
      const { page, context, errors } = await open();
      try {
        await signInAsOwner(page, 'tokens');
        await page.getByRole('heading', { name: 'API tokens', level: 2 }).waitFor();
        // A blank name is refused in place.
        await page.getByRole('button', { name: 'Create token' }).click();
        await page.getByText('It should not be blank').waitFor();
        expect(await page.getByLabel('Token name').getAttribute('aria-invalid')).toBe('true');
        await page.getByLabel('Token name').fill('CRM sync');
        await page.getByRole('button', { name: 'Create token' }).click();
        const secret = page.getByRole('textbox', { name: 'The new token' });
        await secret.waitFor();
        const token = await secret.inputValue();
        expect(token.length).toBeGreaterThan(20);
        await shot(page, '2-token-created');
        await expectAccessible(page, 'token created');

        const call = () =>
          fetch(`${env.chatUrl}/v2/agents`, { headers: { authorization: `Bearer ${token}` } }).then(
            (r) => r.status,
          );
        expect(await call()).toBe(200);

        // Dismissed, it is gone for good: not in the page, nor when the screen is opened again.
        await page.getByRole('button', { name: 'I have copied it' }).click();
        await expect.poll(() => page.getByRole('textbox', { name: 'The new token' }).count()).toBe(0);
        const nav = page.getByRole('navigation', { name: 'Admin sections' });
        await nav.getByRole('link', { name: 'Webhooks' }).click();
        await page.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
        await nav.getByRole('link', { name: 'API tokens' }).click();
        const row = page.getByRole('row', { name: /CRM sync/ });
        await row.waitFor();
        expect(await page.content()).not.toContain(token);
        // The list shows when it was last used (the call above), not "Never".
        await expect.poll(() => row.textContent()).not.toMatch(/Never/);

        await row.getByRole('button', { name: 'Revoke: CRM sync' }).click();
        await row.getByRole('button', { name: 'Confirm revoke' }).click();
        await page.getByRole('status').filter({ hasText: 'Token "CRM sync" revoked' }).waitFor();
        await expect.poll(() => row.textContent()).toMatch(/Revoked/);
        expect(await call()).toBe(401);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('a webhook to a local receiver shows its deliveries: a retry, then the receiver status', async () => {
      const receiver = await startReceiver([500]);
      const { page, context, errors } = await open();
      try {
        await signInAsOwner(page, 'webhooks');
        await page.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
        await page.getByRole('link', { name: 'Add a webhook' }).click();
        // An invalid URL and no event: both errors in place, nothing sent.
        await page.getByLabel('URL', { exact: true }).fill('ftp://example.com');
        await page.getByRole('checkbox', { name: /message_create/ }).uncheck();
        await page.getByRole('button', { name: 'Create webhook' }).click();
        await page.getByText('Enter a full http:// or https:// URL.').waitFor();
        await page.getByText('Choose at least one event.').waitFor();
        expect((await env.api('GET', '/webhooks')).data.webhooks).toEqual([]);

        await page.getByLabel('URL', { exact: true }).fill(receiver.url);
        await page.getByRole('checkbox', { name: /message_create/ }).check();
        await page.getByRole('checkbox', { name: /conversation_resolution/ }).check();
        await page.getByRole('button', { name: 'Create webhook' }).click();
        await page.waitForURL(/\/inbox\/admin\/webhooks\/[0-9a-f-]{36}$/);
        const secret = await page.getByRole('textbox', { name: 'Webhook signing secret' }).inputValue();
        expect(secret).toMatch(/^whsec_/);
        const [hook] = (await env.api('GET', '/webhooks')).data.webhooks;
        expect(hook).toMatchObject({
          url: receiver.url,
          events: ['message_create', 'conversation_resolution'],
          active: true,
        });

        // A user writes: the first delivery fails (500) and is scheduled again.
        const user = await env.api('POST', '/users', { first_name: 'Hana', site_id: 'shop' });
        const conversation = await env.api('POST', '/conversations', { users: [{ id: user.data.id }] });
        const sent = await env.api('POST', `/conversations/${conversation.data.id}/messages`, {
          actor_type: 'user',
          actor_id: user.data.id,
          message_parts: [{ text: { content: 'Is my order on its way?' } }],
        });
        expect(sent.status).toBe(201);
        expect(await worker.runOnce()).toBe(1);
        expect(JSON.parse(receiver.bodies[0]!)).toMatchObject({ action: 'message_create' });

        const log = page.getByRole('table', { name: 'Delivery log' });
        await page.getByRole('button', { name: 'Refresh' }).click();
        const failed = log.getByRole('row').filter({ hasText: 'Failed, will retry' });
        await failed.waitFor();
        expect(await failed.textContent()).toMatch(/500/);
        expect(await failed.textContent()).toMatch(/1 of 6/);
        expect(await failed.locator('time').count()).toBe(2); // when it ran, and when it runs next

        // Its retry comes due: the receiver takes it (202).
        await env.chat.services.db
          .updateTable('jobs')
          .set({ run_at: new Date() })
          .where('status', '=', 'pending')
          .execute();
        expect(await worker.runOnce()).toBe(1);
        expect(receiver.bodies).toHaveLength(2);
        await page.getByRole('button', { name: 'Refresh' }).click();
        const delivered = log.getByRole('row').filter({ hasText: 'Delivered' });
        await delivered.waitFor();
        expect(await delivered.textContent()).toMatch(/202/);
        expect(await delivered.textContent()).toMatch(/2 of 6/);
        await log.getByRole('row').filter({ hasText: 'Failed, retried' }).waitFor();
        await shot(page, '3-webhook-log');
        await expectAccessible(page, 'webhook delivery log');

        // Paused: saved, and shown paused in the list.
        await page.getByRole('checkbox', { name: 'Active (deliver events)' }).uncheck();
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
        expect((await env.api('GET', `/webhooks/${hook.id}`)).data.active).toBe(false);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
        await receiver.close();
      }
    });

    it('the CSAT report shows seeded ratings; the chart and its table agree', async () => {
      for (const rating of [5, 4, 4, 2]) await seedRating(rating);
      const { page, context, errors } = await open();
      try {
        await signInAsOwner(page, 'csat');
        await page.getByRole('heading', { name: 'CSAT report', level: 2 }).waitFor();
        await expect.poll(() => page.getByTestId('csat-count').textContent()).toBe('4');
        expect(await page.getByTestId('csat-average').textContent()).toBe('3.75');
        const distribution = page.getByRole('table', { name: 'Distribution' });
        expect(await distribution.getByRole('row', { name: /^4 of 5/ }).textContent()).toMatch(
          /4 of 5\s*2\s*50%/,
        );
        const owner = page.getByRole('table', { name: 'By agent' }).getByRole('row').nth(1);
        expect(await owner.textContent()).toMatch(/4\s*3\.75$/);

        // The chart has one bar group per period of the table, with the same figures.
        const bars = await page
          .getByTestId('csat-chart')
          .locator('g.csat-bar')
          .evaluateAll((nodes) =>
            nodes.map((node) => [
              node.getAttribute('data-date'),
              node.getAttribute('data-count'),
              node.getAttribute('data-average'),
            ]),
          );
        const rows = await page
          .getByTestId('csat-series')
          .locator('tbody tr')
          .evaluateAll((nodes) =>
            nodes.map((row) => Array.from(row.children).map((cell) => cell.textContent)),
          );
        expect(bars).toHaveLength(30);
        expect(rows).toHaveLength(30);
        const today = new Date().toISOString().slice(0, 10);
        for (const [i, [date, count, average]] of bars.entries()) {
          expect(rows[i]![0]).toBe(date);
          expect(rows[i]![1]).toBe(count);
          expect(rows[i]![2]).toBe(average === '' ? 'no ratings' : average);
        }
        expect(bars.at(-1)).toEqual([today, '4', '3.75']);
        expect(bars.filter(([, count]) => count !== '0')).toHaveLength(1);
        await shot(page, '4-csat');
        await expectAccessible(page, 'CSAT report');

        // By month: one period, the same totals.
        await page.getByLabel('Period', { exact: true }).selectOption('month');
        await page.getByRole('button', { name: 'Show report' }).click();
        await expect
          .poll(() => page.getByTestId('csat-series').locator('tbody tr').count())
          .toBeLessThanOrEqual(2);
        expect(await page.getByTestId('csat-series').locator('tbody tr').last().textContent()).toMatch(
          /4\s*3\.75$/,
        );
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('in Japanese at 390 px: the CSAT report and the webhooks list are usable', async () => {
      const { page, context, errors } = await open({ width: 390, locale: 'ja-JP' });
      try {
        await signInAsOwner(page, 'csat');
        await page.getByRole('heading', { name: 'CSAT レポート', level: 2 }).waitFor();
        await expect.poll(() => page.getByTestId('csat-count').textContent()).toBe('4');
        await page.getByRole('table', { name: '評価の分布' }).waitFor();
        await page.getByRole('img', { name: '平均評価の推移' }).waitFor();
        // Nothing wider than the phone except the chart, which scrolls inside its own box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await shot(page, '5-csat-ja-390');
        await expectAccessible(page, 'CSAT report, Japanese, 390 px');

        await page
          .getByRole('navigation', { name: '管理メニュー' })
          .getByRole('link', { name: 'Webhook' })
          .click();
        await page.getByRole('heading', { name: 'Webhook', level: 2 }).waitFor();
        await page.getByRole('cell', { name: '停止中' }).waitFor();
        await shot(page, '6-webhooks-ja-390');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
);
