import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChatToDesk } from '../apps/server/src/chat/helpdesk-conversion/conversion-test-helpers.js';
import { createTestAgent } from '../apps/server/src/test/desk-harness.js';
import { expectAccessible, openTab, signInToInbox } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startLinkedEnv, type LinkedEnv } from './support/linked-env.js';

const SUITE = 'inbox-admin';
const AGENT = {
  email: 'kenji@example.com',
  password: 'kenji-password-123',
  first_name: 'Kenji',
  last_name: 'Mori',
};

/**
 * The inbox's admin area (people and setup) in real Chromium against a Chat linked to a real
 * Desk: the owner adds a site (a bad origin is refused in place first) and copies its embed
 * code, declares a dropdown property, creates a group and an agent, edits the pre-chat form and
 * reads the integration settings; an ordinary agent is kept out (page and API); the helpdesk's
 * agents are imported in one step. axe-core on every screen, 390 px once, Japanese once.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Chat inbox admin: people and setup', () => {
  let env: LinkedEnv;
  let browser: Browser;
  let agentId: string;

  beforeAll(async () => {
    env = await startLinkedEnv();
    const agent = await env.chat('POST', '/agents', { ...AGENT, role_name: 'agent' });
    expect(agent.status, JSON.stringify(agent.data)).toBe(201);
    agentId = agent.data.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A tab in its own context (clipboard allowed for Chat); page errors are collected. */
  async function open(options: { width?: number; locale?: string } = {}) {
    // The refusals the journey provokes on purpose (400, 403, 409) are logged by the browser.
    const tab = await openTab(browser, { ...options, expectedErrors: /status of (400|403|409)\b/ });
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.chatUrl });
    return tab;
  }

  const signIn = (page: Page, email: string, password: string) =>
    signInToInbox(page, env.chatUrl, { email, password });

  const menu = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true });

  it(
    'the owner sets up a site, a property, a group, an agent, the pre-chat form and reads the integration settings',
    { timeout: 150_000 },
    async () => {
      const { page, context, errors } = await open();
      try {
        await signIn(page, env.chatOwner.email, env.chatOwner.password);
        await page.goto(`${env.chatUrl}/inbox/admin`);
        await page.getByRole('heading', { name: 'Agents', level: 2 }).waitFor();
        await expectAccessible(page, 'agents');

        // Sites: a bad origin is refused next to the field, nothing typed is lost; then a good one.
        await menu(page, 'Sites').click();
        await page.waitForURL(/\/inbox\/admin\/sites$/);
        await page.getByRole('heading', { name: 'Sites', level: 2 }).waitFor();
        await page.getByRole('link', { name: 'Add a site' }).click();
        await page.getByLabel('Site id').fill('shop');
        await page.getByLabel('Name').fill('Garden shop');
        const origins = page.getByLabel('Allowed origins');
        await origins.fill('shop.example.com/checkout');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => origins.getAttribute('aria-invalid')).toBe('true');
        const describedBy = (await origins.getAttribute('aria-describedby'))!.split(' ');
        const fieldError = page.locator(`[id="${describedBy.at(-1)}"]`);
        expect(await fieldError.textContent()).toMatch(/It should be an origin/);
        expect(await origins.inputValue()).toBe('shop.example.com/checkout');
        expect(await page.getByLabel('Name').inputValue()).toBe('Garden shop');
        expect((await env.chat('GET', '/sites/shop')).status).toBe(404);
        await env.shot(page, SUITE, '1-site-origin-error');
        await expectAccessible(page, 'site origin error');

        await origins.fill('https://Shop.Example.com\nhttp://localhost:5173');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/\/inbox\/admin\/sites\/shop$/);
        const site = await env.chat('GET', '/sites/shop');
        expect(site.data.allowed_origins).toEqual(['https://shop.example.com', 'http://localhost:5173']);
        expect(await origins.inputValue()).toBe('https://shop.example.com\nhttp://localhost:5173');

        // The embed code: copied with the app id, widget token and site id filled in.
        const configuration = (await env.chat('GET', '/accounts/configuration')).data;
        await page.getByRole('button', { name: 'Copy embed code' }).click();
        await page.getByText('Copied to the clipboard.').waitFor();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toContain(configuration.app_id);
        expect(copied).toContain(`token: "${configuration.widget_token}"`);
        expect(copied).toContain('siteId: "shop"');
        expect(copied).toContain(`<script async src="${env.chatUrl}/widget.js"></script>`);
        expect(await page.getByLabel('Embed code for site shop').inputValue()).toBe(copied);
        await env.shot(page, SUITE, '2-site-snippet');
        await expectAccessible(page, 'site');

        // A dropdown property: no choices is refused in place, then saved with two.
        await menu(page, 'User properties').click();
        await page.getByRole('link', { name: 'Add a property' }).click();
        await page.getByLabel('Name', { exact: true }).fill('cf_plan');
        await page.getByLabel('Label').fill('Plan');
        await page.getByLabel('Type').selectOption('dropdown');
        await page.getByRole('button', { name: 'Save' }).click();
        const choices = page.getByLabel('Choices');
        await expect.poll(() => choices.getAttribute('aria-invalid')).toBe('true');
        await page.getByText('A dropdown needs at least one choice').waitFor();
        await choices.fill('Free\nPro\n');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/\/inbox\/admin\/properties\/cf_plan$/);
        const fields = (await env.chat('GET', '/users/fields')).data.fields;
        expect(fields).toContainEqual(
          expect.objectContaining({
            name: 'cf_plan',
            label: 'Plan',
            type: 'dropdown',
            choices: ['Free', 'Pro'],
          }),
        );
        await menu(page, 'User properties').click();
        await page.getByRole('cell', { name: 'Free, Pro' }).waitFor();
        await expectAccessible(page, 'properties');

        // A group with Kenji in it.
        await menu(page, 'Groups').click();
        await page.getByRole('link', { name: 'Add a group' }).click();
        await page.getByLabel('Name').fill('Billing');
        await page.getByRole('radio', { name: /^Manual/ }).check();
        await page.getByRole('checkbox', { name: 'Kenji Mori' }).check();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/\/inbox\/admin\/groups\/[0-9a-f-]{36}$/);
        const groups = (await env.chat('GET', '/groups')).data.groups;
        const billing = groups.find((group: { name: string }) => group.name === 'Billing');
        expect(billing).toMatchObject({ routing_type: 'manual', agents: [agentId] });
        await expectAccessible(page, 'group');

        // An admin in the Billing group (the owner may add admins); a duplicate email is refused in place.
        await menu(page, 'Agents').click();
        await page.getByRole('link', { name: 'Add an agent' }).click();
        await page.getByLabel('Email').fill(AGENT.email);
        await page.getByLabel('First name').fill('Aiko');
        await page.getByLabel('Last name').fill('Ueda');
        await page.getByLabel('Role').selectOption('admin');
        await page.getByLabel('Password (at least 10 characters)').fill('aiko-password-123');
        await page.getByLabel('Concurrent chat limit (1–50)').fill('3');
        await page.getByRole('checkbox', { name: 'Billing' }).check();
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
        await page.getByLabel('Email').fill('aiko@example.com');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/\/inbox\/admin\/agents\/[0-9a-f-]{36}$/);
        await page.getByRole('heading', { name: 'Edit Aiko Ueda' }).waitFor();
        const aiko = (await env.chat('GET', '/agents?email=aiko@example.com')).data.agents[0];
        expect(aiko).toMatchObject({ role_name: 'admin', max_concurrent_chats: 3, groups: [billing.id] });
        await expectAccessible(page, 'agent');
        // Deactivated from the list's edit page, shown so in the list.
        await page.getByRole('button', { name: 'Deactivate' }).click();
        await page.getByRole('button', { name: 'Reactivate' }).waitFor();
        expect((await env.chat('GET', `/agents/${aiko.id}`)).data.is_deactivated).toBe(true);
        await menu(page, 'Agents').click();
        await expect
          .poll(() => page.getByRole('row', { name: /Aiko Ueda/ }).textContent())
          .toMatch(/Admin.*Deactivated/);
        await env.shot(page, SUITE, '3-agents');

        // The pre-chat form of the shop: email required, the plan asked, a greeting.
        await menu(page, 'Pre-chat form').click();
        await page.getByLabel('Site', { exact: true }).selectOption('shop');
        await page.waitForURL(/\/inbox\/admin\/prechat\/shop$/);
        await page.getByLabel('Show the pre-chat form').check();
        // Enabled with no field is refused in place.
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('An enabled pre-chat form needs at least one field').waitFor();
        await page.getByRole('checkbox', { name: 'Ask for Email' }).check();
        await page.getByRole('checkbox', { name: 'Email is required' }).check();
        await page.getByRole('checkbox', { name: 'Ask for Plan' }).check();
        await page.getByLabel('Message above the form (English)').fill('Tell us who you are.');
        await page.getByLabel('Message above the form (Japanese)').fill('お名前を教えてください。');
        await page.getByLabel('Greeting (English)').fill('Hi! How can we help?');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('Saved.').waitFor();
        const settings = (await env.chat('GET', '/sites/shop')).data.widget_settings;
        expect(settings.prechat).toEqual({
          enabled: true,
          fields: [
            { name: 'email', label: null, required: true },
            { name: 'cf_plan', label: null, required: false },
          ],
          message: { en: 'Tell us who you are.', ja: 'お名前を教えてください。' },
        });
        expect(settings.greeting).toEqual({ en: 'Hi! How can we help?' });
        // The widget's bootstrap for the shop carries the form, with the dropdown's choices.
        const boot = await fetch(
          `${env.chatUrl}/v2/widget/bootstrap?token=${configuration.widget_token}&site_id=shop`,
          { headers: { origin: 'https://shop.example.com' } },
        );
        const bootstrap = await boot.json();
        expect(boot.status, JSON.stringify(bootstrap)).toBe(200);
        expect(bootstrap.settings.widget_settings.prechat.message).toEqual(settings.prechat.message);
        expect(bootstrap.settings.widget_settings.prechat.fields[1]).toMatchObject({
          name: 'cf_plan',
          property: { type: 'dropdown', choices: ['Free', 'Pro'] },
        });
        await env.shot(page, SUITE, '4-prechat');
        await expectAccessible(page, 'pre-chat form');

        // Account settings: app id and widget token read-only with copy; identity verification.
        await menu(page, 'Account settings').click();
        await page.getByRole('heading', { name: 'Integration settings' }).waitFor();
        expect(await page.getByLabel('App id').inputValue()).toBe(configuration.app_id);
        expect(await page.getByLabel('Widget token').inputValue()).toBe(configuration.widget_token);
        expect(await page.getByLabel('Widget token').getAttribute('readonly')).not.toBeNull();
        await page.getByRole('button', { name: 'Copy widget token' }).click();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(configuration.widget_token);
        // On without a secret is refused, with the reason; after a new secret it turns on.
        await page.getByLabel('Verify user identities').click();
        await page.getByText(/Generate a secret first/).waitFor();
        expect(await page.getByLabel('Verify user identities').isChecked()).toBe(false);
        await page.getByRole('button', { name: 'Generate a new secret' }).click();
        const secret = await page.getByLabel('New secret (shown only now)').inputValue();
        expect(secret.length).toBeGreaterThanOrEqual(32);
        // The box shows what Chat stored, so it turns on once the answer is in.
        await page.getByLabel('Verify user identities').click();
        await page.getByText('Identity verification: On.', { exact: false }).waitFor();
        expect(await page.getByLabel('Verify user identities').isChecked()).toBe(true);
        expect((await env.chat('GET', '/accounts/identity_verification')).data).toEqual({
          enabled: true,
          secret_set: true,
        });
        await env.shot(page, SUITE, '5-account');
        await expectAccessible(page, 'account settings');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('works at 390 px wide and in Japanese', async () => {
    const phone = await open({ width: 390 });
    try {
      await signIn(phone.page, env.chatOwner.email, env.chatOwner.password);
      await phone.page.goto(`${env.chatUrl}/inbox/admin/sites`);
      await phone.page.getByRole('heading', { name: 'Sites', level: 2 }).waitFor();
      // Every menu entry is on screen (the menu wraps) and nothing scrolls sideways.
      for (const name of [
        'Agents',
        'Groups',
        'Sites',
        'User properties',
        'Pre-chat form',
        'Account settings',
      ]) {
        const box = (await menu(phone.page, name).boundingBox())!;
        expect(box.x + box.width, name).toBeLessThanOrEqual(390);
      }
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await menu(phone.page, 'Pre-chat form').tap();
      await phone.page.getByRole('heading', { name: 'Pre-chat form', level: 2 }).waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await env.shot(phone.page, SUITE, '6-phone-prechat');
      await expectAccessible(phone.page, 'phone pre-chat form');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context.close();
    }

    const japanese = await open({ locale: 'ja-JP' });
    try {
      await japanese.page.goto(`${env.chatUrl}/inbox/`);
      await japanese.page.getByLabel('メールアドレス').fill(env.chatOwner.email);
      await japanese.page.getByLabel('パスワード').fill(env.chatOwner.password);
      await japanese.page.getByRole('button', { name: 'サインイン' }).click();
      await japanese.page.getByLabel('パスワード').waitFor({ state: 'detached' });
      await japanese.page.goto(`${env.chatUrl}/inbox/admin/sites/shop`);
      await japanese.page.getByRole('heading', { name: '埋め込みコード' }).waitFor();
      await japanese.page.getByRole('button', { name: '埋め込みコードをコピー' }).waitFor();
      expect(await japanese.page.getByLabel('許可するオリジン').inputValue()).toContain(
        'https://shop.example.com',
      );
      expect(await japanese.page.evaluate(() => document.documentElement.lang)).toBe('ja');
      await env.shot(japanese.page, SUITE, '7-japanese-site');
      await expectAccessible(japanese.page, 'Japanese site');
      expect(japanese.errors).toEqual([]);
    } finally {
      await japanese.context.close();
    }
  });

  it('an ordinary agent cannot open the admin area, and the API refuses them', async () => {
    const { page, context } = await open();
    try {
      await signIn(page, AGENT.email, AGENT.password);
      await page.goto(`${env.chatUrl}/inbox/admin/sites`);
      await page.getByRole('alert').getByText('Only owners and admins can open the admin area.').waitFor();
      expect(await page.getByRole('navigation', { name: 'Admin sections' }).count()).toBe(0);
      expect(await page.getByLabel('Site id').count()).toBe(0);
      await env.shot(page, SUITE, '8-agent-refused');
      await expectAccessible(page, 'admins only');
      // The same session's token, straight at the API.
      const token = await page.evaluate(
        () =>
          (JSON.parse(sessionStorage.getItem('tandem.inbox.session') ?? '{}') as { token?: string }).token,
      );
      expect(token).toBeTruthy();
      const asAgent = (method: string, apiPath: string, body?: unknown) =>
        fetch(`${env.chatUrl}/v2${apiPath}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      expect((await asAgent('POST', '/sites', { id: 'sneaky', name: 'Sneaky' })).status).toBe(403);
      expect((await asAgent('GET', '/accounts/configuration')).status).toBe(403);
      expect((await asAgent('POST', '/groups', { name: 'Sneaky' })).status).toBe(403);
      expect(
        (await asAgent('POST', '/users/fields', { name: 'cf_x', label: 'X', type: 'text' })).status,
      ).toBe(403);
      expect((await asAgent('POST', '/integrations/helpdesk/agent-import')).status).toBe(403);
      expect((await env.chat('GET', '/sites/sneaky')).status).toBe(404);
    } finally {
      await context.close();
    }
  });

  it("imports the linked Desk's agents in one step and shows what happened", async () => {
    // Before any helpdesk is connected, the import says why it cannot run.
    const early = await open();
    try {
      await signIn(early.page, env.chatOwner.email, env.chatOwner.password);
      await early.page.goto(`${env.chatUrl}/inbox/admin/agents`);
      await early.page.getByRole('button', { name: 'Import agents' }).click();
      await early.page
        .getByRole('alert')
        .getByText(/No helpdesk is connected/)
        .waitFor();
    } finally {
      await early.context.close();
    }

    await connectChatToDesk(env.pair);
    await createTestAgent(env.pair.desk, { name: 'Hana Ito', email: 'hana@desk.test', role: 'agent' });
    // Kenji is in both products: matched by email, not created twice.
    await createTestAgent(env.pair.desk, {
      name: 'Kenji Mori',
      email: AGENT.email.toUpperCase(),
      role: 'agent',
    });
    await createTestAgent(env.pair.desk, {
      name: 'Gone Agent',
      email: 'gone@desk.test',
      role: 'agent',
      active: false,
    });

    const { page, context, errors } = await open();
    try {
      await signIn(page, env.chatOwner.email, env.chatOwner.password);
      await page.goto(`${env.chatUrl}/inbox/admin/agents`);
      const answer = page.waitForResponse((response) =>
        response.url().endsWith('/integrations/helpdesk/agent-import'),
      );
      await page.getByRole('button', { name: 'Import agents' }).click();
      const result = await (await answer).json();
      expect(result.created.map((agent: { email: string }) => agent.email)).toContain('hana@desk.test');
      expect(result.matched.map((agent: { email: string }) => agent.email)).toContain(AGENT.email);
      expect(result.skipped).toContainEqual(
        expect.objectContaining({ email: 'gone@desk.test', reason: 'deactivated' }),
      );

      const summary = page
        .getByRole('status')
        .filter({ has: page.getByRole('heading', { name: 'Result of the import' }) });
      const count = (name: string) => summary.locator(`[data-count="${name}"]`).textContent();
      expect(await count('created')).toBe(String(result.created.length));
      expect(await count('matched')).toBe(String(result.matched.length));
      expect(await count('invited')).toBe(String(result.created.length));
      expect(await count('skipped')).toBe(String(result.skipped.length));
      await summary.getByText('The agent is deactivated in the helpdesk.').waitFor();
      await summary.getByRole('button', { name: 'Copy link for hana@desk.test' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/invitations\/[\w-]{43}$/);
      // The list shows the imported agents.
      await page.getByRole('row', { name: /Hana Ito/ }).waitFor();
      await env.shot(page, SUITE, '9-agent-import');
      await expectAccessible(page, 'agent import');
      expect((await env.chat('GET', '/agents?email=hana@desk.test')).data.agents).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
