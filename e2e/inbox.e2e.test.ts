import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgentInvitation } from '../apps/server/src/chat/agents/agent-invitation.repository.js';
import { generateApiToken, hashToken } from '../apps/server/src/chat/auth/tokens.js';
import { saveHelpdeskConnection } from '../apps/server/src/chat/helpdesk/helpdesk.repository.js';
import {
  client,
  connected,
  settle,
  waitFor,
  type TestClient,
} from '../apps/server/src/chat/realtime/realtime-test-helpers.js';
import { upsertWidgetUser } from '../apps/server/src/chat/users/index.js';
import type { AgentMessage, SendAck } from '../packages/protocol/src/chat-realtime.js';
import { expectAccessible, openTab, screenshots, signInToInbox } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startWidgetEnv, type WidgetEnv } from './support/widget-env.js';

const AGENT = {
  email: 'mia@example.com',
  password: 'inbox-password-123',
  first_name: 'Mia',
  last_name: 'Sato',
};

const textOf = (message: { message_parts: unknown[] }) =>
  (message.message_parts[0] as { text?: { content: string } }).text?.content;

/**
 * The Chat inbox at /inbox in real Chromium: an agent signs in, sees the conversation a widget
 * user starts (over the user's own socket), reads the user's details, replies (the user's socket
 * gets it) and writes a private note (it does not), assigns it, is refused a plain resolve by the
 * mandatory-conversion rule (shown in place) and resolves once the rule is off; axe-core on the
 * list and the conversation; the same at 390 px wide, one pane at a time.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Chat inbox in Chromium', () => {
  let env: WidgetEnv;
  let browser: Browser;
  let agentId: string;
  const sockets: TestClient[] = [];

  beforeAll(async () => {
    env = await startWidgetEnv('pglite');
    const site = await env.api('POST', '/sites', { id: 'shop', name: 'Shop', allowed_origins: [] });
    expect(site.status).toBe(201);
    const field = await env.api('POST', '/users/fields', { name: 'cf_plan', label: 'Plan', type: 'text' });
    expect(field.status).toBe(201);
    const agent = await env.api('POST', '/agents', { ...AGENT, role_name: 'agent' });
    expect(agent.status, JSON.stringify(agent.data)).toBe(201);
    agentId = agent.data.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await browser?.close();
    await env?.close();
  });

  /** A widget user of the shop on their own socket (as the widget connects). */
  async function widgetUser(firstName: string, plan: string) {
    const { user, restoreId } = await upsertWidgetUser(env.chat.services.db, {
      siteId: 'shop',
      firstName,
      lastName: 'Tanaka',
      email: `${firstName.toLowerCase()}@example.com`,
      properties: { cf_plan: plan },
    });
    const socket = await connected(
      client(env.chatUrl, { widgetToken: env.widgetToken, siteId: 'shop', restoreId: restoreId! }),
    );
    sockets.push(socket);
    const say = (text: string, conversationId?: string) =>
      new Promise<SendAck>((resolve) =>
        socket.socket.emit(
          'message:send',
          {
            conversationId,
            clientMessageId: `${Date.now()}-${Math.random()}`,
            parts: [{ text: { content: text } }],
          },
          resolve,
        ),
      );
    return { userId: user.id, socket, say };
  }

  /** A tab in its own context; console errors (CSP violations among them) are collected. */
  async function open(width?: number) {
    // The refusals the journey provokes (wrong password, the resolve rule) are expected.
    return openTab(browser, { width, expectedErrors: /status of (401|409)\b/ });
  }

  const shot = screenshots('inbox');

  const signIn = (page: Page) => signInToInbox(page, env.chatUrl, AGENT);

  const listItem = (page: Page, name: string) =>
    page.getByRole('region', { name: /^Conversations/ }).getByRole('link', { name: new RegExp(name) });

  it('an agent signs in, answers a widget user, notes, assigns and resolves', async () => {
    const { page, context, errors } = await open();
    try {
      await page.goto(`${env.chatUrl}/inbox/`);
      await page.getByLabel('Email').fill(AGENT.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
      expect(await page.getByLabel('Password').inputValue()).toBe('not-the-password');
      await expectAccessible(page, 'sign-in');

      await page.getByLabel('Password').fill(AGENT.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Conversation views' }).waitFor();
      expect(await page.evaluate(() => Object.keys(sessionStorage))).toContain('tandem.inbox.session');

      // The "All" view is open when the user writes: the conversation appears live.
      await page.getByRole('link', { name: 'All', exact: true }).click();
      await page.waitForURL(/\/inbox\/all$/);
      const user = await widgetUser('Yuki', 'Gold');
      const first = await user.say('Hello, my parcel has not arrived.');
      if (!first.ok) throw new Error(first.error.message);
      const conversationId = first.conversationId;
      await listItem(page, 'Yuki Tanaka').waitFor();
      await shot(page, '1-list');
      await expectAccessible(page, 'list');

      await listItem(page, 'Yuki Tanaka').click();
      await page.waitForURL(new RegExp(`/inbox/all/${conversationId}$`));
      const thread = page.getByRole('log', { name: 'Messages with Yuki Tanaka' });
      await thread.getByText('Hello, my parcel has not arrived.').waitFor();
      // The user's details with the custom property, labelled from its definition.
      const details = page.getByRole('region', { name: 'User details' });
      await details.getByText('yuki@example.com').waitFor();
      await expect.poll(() => details.textContent()).toMatch(/Plan\s*Gold/);

      // A live message from the user, then the agent's reply over the keyboard.
      await user.say('It was order 1042.', conversationId);
      await thread.getByText('It was order 1042.').waitFor();
      const box = page.getByRole('textbox', { name: 'Reply' });
      await box.fill('Sorry about that, Yuki: it ships today.');
      await box.press('Enter');
      await thread.getByText('Sorry about that, Yuki: it ships today.').waitFor();
      await waitFor(() =>
        user.socket.received.some(
          (event) => textOf(event.message) === 'Sorry about that, Yuki: it ships today.',
        ),
      );
      const reply = user.socket.received.find(
        (e) => textOf(e.message) === 'Sorry about that, Yuki: it ships today.',
      )!;
      expect(reply.message.actor_type).toBe('agent');
      expect(reply.message.actor_id).toBe(agentId);
      expect(await box.inputValue()).toBe('');

      // A private note: shown to agents, never to the user.
      await page.getByRole('radio', { name: 'Private note' }).check();
      await page.getByRole('textbox', { name: 'Private note' }).fill('VIP customer, refund shipping.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await thread.getByText('VIP customer, refund shipping.').waitFor();
      await settle(300);
      expect(user.socket.received.some((e) => textOf(e.message) === 'VIP customer, refund shipping.')).toBe(
        false,
      );
      await shot(page, '2-conversation');
      await expectAccessible(page, 'conversation');

      // Assign to the agent: the "Mine" view lists it.
      await page.getByLabel('Assigned agent').selectOption(agentId);
      await page.locator('.pane-head .badge').getByText('Assigned').waitFor();
      await page.getByRole('link', { name: 'Mine', exact: true }).click();
      await listItem(page, 'Yuki Tanaka').waitFor();

      // The mandatory-conversion rule refuses a plain resolve: its message is shown in place.
      await saveHelpdeskConnection(env.chat.services.db, {
        url: 'https://desk.invalid',
        api_key_encrypted: 'unused',
        key_owner: {
          id: 1,
          name: 'Admin',
          email: null,
          roles: ['Account Administrator'],
          ticket_scope: 1,
          occasional: false,
        },
        verified_at: new Date(),
      });
      expect(
        (await env.api('PATCH', '/integrations/helpdesk/settings', { conversion_mandatory: true })).status,
      ).toBe(200);
      await listItem(page, 'Yuki Tanaka').click();
      await page.getByRole('button', { name: 'Resolve' }).click();
      const refusal = page.getByRole('region', { name: 'Conversation actions' }).getByRole('alert');
      await expect
        .poll(() => refusal.textContent())
        .toContain('Converting to a ticket is mandatory before resolving');
      await shot(page, '3-resolve-refused');

      expect(
        (await env.api('PATCH', '/integrations/helpdesk/settings', { conversion_mandatory: false })).status,
      ).toBe(200);
      await page.getByRole('button', { name: 'Resolve' }).click();
      await page.getByRole('button', { name: 'Reopen' }).waitFor();
      await waitFor(() =>
        user.socket
          .of('conversation:updated')
          .some((update) => 'status' in update && update.status === 'resolved'),
      );
      await page.getByRole('link', { name: 'Resolved', exact: true }).click();
      await listItem(page, 'Yuki Tanaka').click();
      await page.waitForURL(new RegExp(`/inbox/resolved/${conversationId}$`));

      // A reload of a deep link keeps the session (this tab) and the conversation.
      await page.reload();
      await page
        .getByRole('log', { name: /Messages with/ })
        .getByText('It was order 1042.')
        .waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(errors).toEqual([]);
    } catch (error) {
      await shot(page, 'failure-journey').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('works at 390 px wide: the list, then the conversation, one at a time', async () => {
    const { page, context, errors } = await open(390);
    try {
      const user = await widgetUser('Ken', 'Silver');
      const first = await user.say('Can I change my delivery address?');
      if (!first.ok) throw new Error(first.error.message);
      await signIn(page);
      await page.getByRole('link', { name: 'All', exact: true }).click();
      await listItem(page, 'Ken Tanaka').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, '4-phone-list');
      await expectAccessible(page, 'phone list');

      await listItem(page, 'Ken Tanaka').click();
      const thread = page.getByRole('log', { name: 'Messages with Ken Tanaka' });
      await thread.getByText('Can I change my delivery address?').waitFor();
      expect(await page.getByRole('region', { name: /^Conversations/ }).isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const box = page.getByRole('textbox', { name: 'Reply' });
      await box.fill('Yes: send me the new address.');
      await page.getByRole('button', { name: 'Send' }).click();
      await waitFor(() =>
        user.socket.received.some(
          (event) => textOf(event.message as AgentMessage) === 'Yes: send me the new address.',
        ),
      );
      await shot(page, '5-phone-conversation');
      await expectAccessible(page, 'phone conversation');

      await page.getByRole('link', { name: 'Back to conversations' }).click();
      await listItem(page, 'Ken Tanaka').waitFor();
      expect(errors).toEqual([]);
    } catch (error) {
      await shot(page, 'failure-phone').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('lets an invited agent set a password from the link, then sign in', async () => {
    const invited = await env.api('POST', '/agents', { email: 'ren@example.com', first_name: 'Ren' });
    expect(invited.status, JSON.stringify(invited.data)).toBe(201);
    const token = generateApiToken();
    await insertAgentInvitation(env.chat.services.db, {
      id: crypto.randomUUID(),
      agent_id: invited.data.id,
      token_hash: hashToken(token),
      created_by: null,
      expires_at: new Date(Date.now() + 86_400_000),
    });
    const { page, context, errors } = await open();
    try {
      await page.goto(`${env.chatUrl}/invitations/${token}`);
      await page.getByRole('heading', { name: 'Set your password' }).waitFor();
      await page.getByLabel('New password').fill('a-new-password-42');
      await page.getByLabel('Repeat the password').fill('a-new-password-43');
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('The two passwords differ.');
      await page.getByLabel('Repeat the password').fill('a-new-password-42');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your password is set. You can sign in now.').waitFor();
      await expectAccessible(page, 'invitation');
      await page.getByRole('link', { name: 'Go to sign in' }).click();
      await page.getByLabel('Email').fill('ren@example.com');
      await page.getByLabel('Password').fill('a-new-password-42');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Signed in as Ren').waitFor();

      // The link works once.
      await page.goto(`${env.chatUrl}/invitations/${token}`);
      await page.getByLabel('New password').fill('another-password-1');
      await page.getByLabel('Repeat the password').fill('another-password-1');
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
      expect(errors.filter((e) => !/status of 404\b/.test(e))).toEqual([]);
    } catch (error) {
      await shot(page, 'failure-invitation').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('speaks Japanese to a Japanese browser', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.goto(`${env.chatUrl}/inbox/`);
      await page.getByRole('heading', { name: 'Tandem Chat にサインイン' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    } finally {
      await context.close();
    }
  });
});
