import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChatToDesk } from '../apps/server/src/chat/helpdesk-conversion/conversion-test-helpers.js';
import { insertContact } from '../apps/server/src/desk/portal/pages/page-test-helpers.js';
import { CHAT_TOKEN } from '../apps/server/src/test/chat-harness.js';
import { collectPageErrors, expectAccessible, signInToDesk } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startLinkedEnv, type LinkedEnv } from './support/linked-env.js';

const SUITE = 'journey-2';
const CUSTOMER = { name: 'Hana Sato', email: 'hana@example.com', password: 'correct horse battery' };
const FIRST_MESSAGE = 'Hello, my order 1042 has not arrived yet.';
const SECOND_MESSAGE = 'Are you there?';
const REPLY = 'Sorry to hear that! I am checking with the carrier now.';

/**
 * Issue 7, journey 2, in real Chromium against a Desk and a Chat linked over HTTP: a customer
 * chats through the widget on a Desk portal page; the Desk agent, on a ticket page, signed in to
 * the docked chat panel once, is notified in the page and by a browser notification when the chat
 * is assigned to them, opens it from the notice, answers from the panel (the widget shows the
 * reply), converts it into a new ticket after editing the shown field, and resolves. Neither page
 * bypasses its CSP: Desk frames only Chat, and Chat lets only the connected helpdesk frame it.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Chat inside Desk (journey 2)', () => {
  let env: LinkedEnv;
  let browser: Browser;
  let ticketId: number;
  let ownerId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    env = await startLinkedEnv();
    // This local Chat plays "this install's own Chat" (private addresses are otherwise refused).
    env.pair.desk.services.config.chatTrustedOrigins = [env.chatUrl];
    await connectChatToDesk(env.pair);
    // One field shown (subject), one hidden (priority, fixed).
    const mapped = await env.chat('PUT', '/integrations/helpdesk/field-mappings', {
      mappings: [
        { ticket_field: 'subject', attribute: 'first_user_message', show_field: true },
        { ticket_field: 'priority', attribute: 'fixed', fixed_value: 'High', show_field: false },
      ],
    });
    expect(mapped.status, JSON.stringify(mapped.data)).toBe(200);

    // Desk's chat channel (D7) with Chat's pair and API token, and a portal with chat on (I8).
    const account = (await env.chat('GET', '/accounts/configuration')).data;
    const channel = await env.desk('PUT', '/admin/chat_channel', {
      enabled: true,
      chat_url: env.chatUrl,
      app_id: account.app_id,
      widget_token: account.widget_token,
      api_token: CHAT_TOKEN,
    });
    expect(channel.status, JSON.stringify(channel.data)).toBe(200);
    const portal = await env.desk('POST', '/portals', {
      name: 'Tandem Help',
      host: new URL(env.deskUrl).host,
      chat_enabled: true,
    });
    expect(portal.status, JSON.stringify(portal.data)).toBe(201);
    await insertContact(env.pair.desk, CUSTOMER);

    // The ticket the agent is working on when the chat comes in.
    const ticket = await env.desk('POST', '/tickets', {
      email: 'mia@example.com',
      name: 'Mia Tanaka',
      subject: 'Invoice address change',
      description: '<p>Please change the address on my invoice.</p>',
      status: 2,
      priority: 2,
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.data.id;

    const agents = (await env.chat('GET', '/agents?items_per_page=50')).data.agents as {
      id: string;
      email: string;
    }[];
    ownerId = agents.find((agent) => agent.email === env.chatOwner.email)!.id;
    browser = await launchBrowser();
    // Two products, their migrations and a browser on a shared 2-core machine: allow for load.
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await env?.close();
  });

  /** The Desk agent on the ticket page, browser notifications allowed for Desk and recorded. */
  async function agentOnTicket() {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.grantPermissions(['notifications'], { origin: env.deskUrl });
    await context.addInitScript(() => {
      const Original = window.Notification;
      if (!Original) return;
      const calls: { title: string; body?: string }[] = [];
      (window as unknown as { notificationsShown: typeof calls }).notificationsShown = calls;
      class Recorded extends Original {
        constructor(title: string, options?: NotificationOptions) {
          calls.push({ title, body: options?.body });
          super(title, options);
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Original.permission });
      Object.defineProperty(Recorded, 'requestPermission', {
        value: (...args: Parameters<typeof Original.requestPermission>) =>
          Original.requestPermission(...args),
      });
      window.Notification = Recorded as typeof Notification;
    });
    const page = await context.newPage();
    const problems = collectPageErrors(page);
    await signInToDesk(page, env.deskUrl, env.deskAdmin, `/a/tickets/${ticketId}`, () =>
      page.getByRole('heading', { name: 'Invoice address change' }).waitFor(),
    );
    return { page, problems };
  }

  /** The customer signed in to the portal, on its home page with the widget. */
  async function customerOnPortal() {
    const context = await browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${env.deskUrl}/support/login`);
    await page.getByLabel('Email').fill(CUSTOMER.email);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/support/login'));
    await page.goto(`${env.deskUrl}/support/home`);
    return page;
  }

  const dockToggle = (page: Page) => page.getByRole('button', { name: /^Chat/ });
  const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat panel"]');

  it('journey 2: notified on a ticket page, answers from the panel, converts and resolves', async () => {
    const { page, problems } = await agentOnTicket();
    const panel = panelOf(page);
    try {
      // The dock is there, collapsed, and says the agent has not signed in to Chat yet.
      await expect.poll(() => dockToggle(page).textContent()).toContain('sign in');
      expect(await dockToggle(page).getAttribute('aria-expanded')).toBe('false');
      // Notifications were allowed beforehand: no button asks again.
      expect(await page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(0);

      // Signing in to Chat once, inside the panel.
      await dockToggle(page).click();
      expect(await dockToggle(page).getAttribute('aria-expanded')).toBe('true');
      await panel.getByLabel('Email').fill(env.chatOwner.email);
      await panel.getByLabel('Password').fill(env.chatOwner.password);
      await panel.getByRole('button', { name: 'Sign in' }).click();
      await panel.getByRole('heading', { name: 'Conversations: Mine' }).waitFor();
      await panel.getByRole('heading', { name: 'Conversations: Unassigned' }).waitFor();
      await env.shot(page, SUITE, '1-panel-signed-in');
      // Back to the ticket: the panel collapses to its button and keeps running.
      await page.getByRole('button', { name: 'Minimise chat' }).click();
      expect(await dockToggle(page).textContent()).not.toContain('sign in');

      // The customer writes through the widget on the Desk portal.
      const customer = await customerOnPortal();
      const launcher = customer.getByRole('button', { name: /^Chat with us/ });
      await launcher.click();
      const widget = customer.frameLocator('[data-tandem-chat] iframe');
      await widget.getByRole('textbox', { name: 'Message' }).fill(FIRST_MESSAGE);
      await widget.getByRole('button', { name: 'Send', exact: true }).click();
      await widget.locator('.tc-msg[data-seq]', { hasText: FIRST_MESSAGE }).waitFor();
      await env.shot(customer, SUITE, '2-customer-writes');

      const conversations = (await env.chat('GET', '/conversations?view=all')).data.conversations as {
        id: string;
      }[];
      expect(conversations).toHaveLength(1);
      const conversationId = conversations[0]!.id;

      // Assigned to the agent (through Chat's API, as a supervisor or a rule would).
      const assigned = await env.chat('PUT', `/conversations/${conversationId}`, {
        assigned_agent_id: ownerId,
      });
      expect(assigned.status, JSON.stringify(assigned.data)).toBe(200);

      // Notified in the page, on the ticket page, with an unread count on the dock ...
      const notice = page.getByRole('status').filter({ hasText: 'Chat from Hana Sato' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain(FIRST_MESSAGE);
      await expect.poll(() => dockToggle(page).textContent()).toContain('1 unread');
      // ... and by a browser notification.
      await expect
        .poll(() =>
          page.evaluate(
            () => (window as unknown as { notificationsShown?: unknown[] }).notificationsShown ?? [],
          ),
        )
        .toEqual([{ title: 'Chat from Hana Sato', body: FIRST_MESSAGE }]);
      expect(new URL(page.url()).pathname).toBe(`/a/tickets/${ticketId}`);
      await env.shot(page, SUITE, '3-notified-on-ticket');

      // The customer writes again while the agent is still on the ticket: notified again.
      await widget.getByRole('textbox', { name: 'Message' }).fill(SECOND_MESSAGE);
      await widget.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('status').filter({ hasText: SECOND_MESSAGE }).waitFor();
      await expect.poll(() => dockToggle(page).textContent()).toContain('2 unread');
      await expect
        .poll(async () =>
          (
            await page.evaluate(
              () =>
                (window as unknown as { notificationsShown?: { body?: string }[] }).notificationsShown ?? [],
            )
          ).map((shown) => shown.body),
        )
        .toEqual([FIRST_MESSAGE, SECOND_MESSAGE]);

      // "Open" expands the panel on that conversation; the unread count clears.
      await notice.getByRole('button', { name: 'Open' }).click();
      const thread = panel.getByRole('log', { name: 'Messages with Hana Sato' });
      await thread.getByText(FIRST_MESSAGE).waitFor();
      await thread.getByText(SECOND_MESSAGE).waitFor();
      await expect.poll(() => dockToggle(page).textContent()).not.toContain('unread');

      // The customer's typing shows in the panel.
      await widget.getByRole('textbox', { name: 'Message' }).fill('One more thing');
      await panel.getByRole('status').filter({ hasText: 'Hana Sato is typing…' }).waitFor();

      // The agent answers from the panel; the widget shows the reply.
      await panel.getByRole('textbox', { name: 'Reply' }).fill(REPLY);
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await thread.getByText(REPLY).waitFor();
      await widget.locator('.tc-msg', { hasText: REPLY }).waitFor();
      await env.shot(customer, SUITE, '4-customer-sees-reply');
      await env.shot(page, SUITE, '5-answered-in-panel');

      // axe on the Desk page with the panel open, and inside the panel.
      await expectAccessible(page, 'ticket page with the panel');
      const panelFrame = page.frames().find((frame) => frame.url().startsWith(`${env.chatUrl}/inbox/panel`));
      await expectAccessible(panelFrame!, 'inside the panel');

      // Convert into a new ticket after editing the shown field; "Create and resolve".
      const actions = panel.getByRole('region', { name: 'Conversation actions' });
      await actions.getByRole('button', { name: 'Convert to ticket…' }).click();
      const dialog = panel.getByRole('dialog', { name: 'Convert to ticket' });
      const subject = dialog.getByLabel('Subject');
      await subject.waitFor();
      expect(await subject.inputValue()).toBe(FIRST_MESSAGE);
      expect(await dialog.getByLabel('Priority').count()).toBe(0);
      await subject.fill('Order 1042 missing');
      await env.shot(page, SUITE, '6-convert-in-panel');
      await dialog.getByRole('button', { name: 'Create and resolve' }).click();
      const success = dialog.getByRole('status').filter({ hasText: 'created' });
      await expect
        .poll(() => success.textContent())
        .toMatch(/Ticket #\d+ created\. The conversation is resolved\./);
      const newTicketId = Number(/#(\d+)/.exec((await success.textContent()) ?? '')![1]);
      await env.shot(page, SUITE, '7-converted');
      // All of it without leaving the ticket the agent was on ...
      expect(new URL(page.url()).pathname).toBe(`/a/tickets/${ticketId}`);
      // ... and the new ticket opens in Desk itself (no new tab), the panel staying as it was.
      await dialog.getByRole('link', { name: `Open ticket #${newTicketId}` }).click();
      await page.waitForURL(`${env.deskUrl}/a/tickets/${newTicketId}`);
      await page.getByRole('heading', { name: 'Order 1042 missing' }).waitFor();
      expect(page.context().pages()).toHaveLength(1);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await actions.getByRole('button', { name: 'Reopen' }).waitFor();
      await env.shot(page, SUITE, '8-new-ticket-in-desk');

      // Desk has the new ticket: the edited subject, the hidden fixed value, the transcript.
      const created = await env.desk('GET', `/tickets/${newTicketId}`);
      expect(created.status).toBe(200);
      expect(created.data).toMatchObject({ subject: 'Order 1042 missing', source: 7, priority: 3 });
      expect(created.data.description).toContain(FIRST_MESSAGE);
      expect(created.data.description).toContain(SECOND_MESSAGE);
      expect(created.data.description).toContain(REPLY);
      const chat = (await env.chat('GET', `/conversations/${conversationId}`)).data;
      expect(chat).toMatchObject({ status: 'resolved', ticket: { id: newTicketId } });
      expect(
        problems.filter((text) => /Content Security Policy|frame-ancestors|Refused/i.test(text)),
      ).toEqual([]);
    } catch (error) {
      await env.shot(page, SUITE, 'failure').catch(() => undefined);
      throw error;
    }
  }, 240_000);

  it('asks for browser notifications only from the dock button, never on load', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    await context.addInitScript(() => {
      const asked: string[] = [];
      (window as unknown as { permissionAsked: string[] }).permissionAsked = asked;
      const original = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = (...args: Parameters<typeof original>) => {
        asked.push(location.origin);
        return original(...args);
      };
    });
    const page = await context.newPage();
    await page.goto(`${env.deskUrl}/a/`);
    await page.getByLabel('Email').fill(env.deskAdmin.email);
    await page.getByLabel('Password').fill(env.deskAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    await dockToggle(page).click();
    await panelOf(page).getByLabel('Email').waitFor();
    const asked = () =>
      page.evaluate(() => (window as unknown as { permissionAsked: string[] }).permissionAsked);
    expect(await asked()).toEqual([]);
    const button = page.getByRole('button', { name: 'Enable notifications' });
    await button.waitFor();
    // At phone width the open dock fits the screen.
    const box = (await page.locator('.chat-dock-window').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await env.shot(page, SUITE, '9-phone-dock');

    await context.grantPermissions(['notifications'], { origin: env.deskUrl });
    await button.click();
    await button.waitFor({ state: 'detached' });
    expect(await asked()).toEqual([env.deskUrl]);
  }, 120_000);
});
