import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDeskField,
  connectChatToDesk,
  setConnectionUrl,
} from '../apps/server/src/chat/helpdesk-conversion/conversion-test-helpers.js';
import {
  client,
  connected,
  type TestClient,
} from '../apps/server/src/chat/realtime/realtime-test-helpers.js';
import { upsertWidgetUser } from '../apps/server/src/chat/users/index.js';
import type { SendAck } from '../packages/protocol/src/chat-realtime.js';
import { expectAccessible, openTab } from './support/agent-ui.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { startLinkedEnv, type LinkedEnv } from './support/linked-env.js';

const SUITE = 'journey-3-4';

/** A proxy in front of Desk that answers the first ticket creation with 429 (Retry-After: 2). */
async function rateLimitingProxy(target: string) {
  let refused = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/v2/tickets' && refused === 0) {
        refused++;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
        res.end(JSON.stringify({ description: 'Rate limit exceeded' }));
        return;
      }
      const upstream = http.request(
        `${target}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Issue 7, journeys 3 and 4, in real Chromium against a Desk and a Chat linked over HTTP: the
 * mandatory rule blocks a plain resolve; a required field added in Desk after the mapping was
 * saved makes the conversion fail with its cause next to that field; the agent fills it and
 * "Create and resolve" makes the ticket (transcript and values in Desk). The same at 390 px, and
 * "add to one of the user's tickets" adds a note to the chosen ticket.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('Convert dialog (journeys 3 and 4)', () => {
  let env: LinkedEnv;
  let browser: Browser;
  let widgetToken: string;
  const sockets: TestClient[] = [];

  beforeAll(async () => {
    env = await startLinkedEnv();
    await connectChatToDesk(env.pair);
    await addDeskField(env.pair, {
      label: 'Plan',
      type: 'custom_dropdown',
      choices: [{ value: 'Free' }, { value: 'Pro' }, { value: 'Enterprise' }],
    });
    expect((await env.chat('POST', '/sites', { id: 'shop', name: 'Shop', allowed_origins: [] })).status).toBe(
      201,
    );
    const property = await env.chat('POST', '/users/fields', {
      name: 'cf_plan',
      label: 'Plan',
      type: 'dropdown',
      choices: ['Free', 'Pro', 'Enterprise'],
    });
    expect(property.status, JSON.stringify(property.data)).toBe(201);
    // One field shown (subject, plan), one hidden (priority, fixed).
    const saved = await env.chat('PUT', '/integrations/helpdesk/field-mappings', {
      mappings: [
        { ticket_field: 'subject', attribute: 'first_user_message', show_field: true },
        { ticket_field: 'cf_plan', attribute: 'user_property:cf_plan', show_field: true },
        { ticket_field: 'priority', attribute: 'fixed', fixed_value: 'High', show_field: false },
      ],
    });
    expect(saved.status, JSON.stringify(saved.data)).toBe(200);
    widgetToken = (await env.chat('GET', '/accounts/configuration')).data.widget_token;
    browser = await launchBrowser();
    // Two servers, two databases and a browser: slow on a busy machine.
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await browser?.close();
    await env?.close();
  });

  /** A widget user of the shop who writes a first message over their own socket. */
  async function customerSays(firstName: string, plan: string, text: string) {
    const { restoreId } = await upsertWidgetUser(env.pair.chat.services.db, {
      siteId: 'shop',
      firstName,
      lastName: 'Tanaka',
      email: `${firstName.toLowerCase()}@example.com`,
      properties: { cf_plan: plan },
    });
    const socket = await connected(
      client(env.chatUrl, { widgetToken, siteId: 'shop', restoreId: restoreId! }),
    );
    sockets.push(socket);
    const ack = await new Promise<SendAck>((resolve) =>
      socket.socket.emit(
        'message:send',
        { clientMessageId: `${Date.now()}-${Math.random()}`, parts: [{ text: { content: text } }] },
        resolve,
      ),
    );
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.conversationId;
  }

  /** The owner signed in to the inbox, on the conversation; console errors collected. */
  async function openConversation(conversationId: string, width?: number, locale = 'en-US') {
    // The helpdesk's refusal the journey provokes is expected (502 with its explanation).
    const { context, page, errors } = await openTab(browser, {
      width,
      locale,
      expectedErrors: /status of 502\b/,
    });
    await page.goto(`${env.chatUrl}/inbox/`);
    await page.locator('input[type="email"]').fill(env.chatOwner.email);
    await page.locator('input[type="password"]').fill(env.chatOwner.password);
    await page.locator('form button[type="submit"]').click();
    await page.locator('nav.views').waitFor();
    await page.goto(`${env.chatUrl}/inbox/all/${conversationId}`);
    await page.getByRole('log').waitFor();
    return { context, page, errors };
  }

  /** The pane's actions (by class: its accessible name is translated). */
  const actions = (page: Page) => page.locator('section.actions');
  const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Convert to ticket' });
  /** An editable field's block in the dialog (label, control, hint and problem). */
  const fieldBlock = (page: Page, label: string) =>
    dialogOf(page).locator('.convert-field', { has: page.getByLabel(label) });

  const deskTicket = async (id: number) => {
    const res = await env.desk('GET', `/tickets/${id}`);
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    return res.data;
  };

  it('journey 3: the rule blocks a plain resolve; a field added in Desk fails, is filled, converts', async () => {
    const conversationId = await customerSays('Yuki', 'Pro', 'My parcel never arrived.');
    expect(
      (await env.chat('PATCH', '/integrations/helpdesk/settings', { conversion_mandatory: true })).status,
    ).toBe(200);
    const { page, context, errors } = await openConversation(conversationId);
    let field: { id: number } | undefined;
    try {
      // A plain resolve is refused in place, with the reason; nothing is resolved.
      await actions(page).getByRole('button', { name: 'Resolve', exact: true }).click();
      await expect
        .poll(() => actions(page).getByRole('alert').textContent())
        .toContain('Converting to a ticket is mandatory before resolving');
      expect((await env.chat('GET', `/conversations/${conversationId}`)).data.status).not.toBe('resolved');
      await env.shot(page, SUITE, '1-resolve-refused');

      // An admin adds a required field in Desk after the mapping was saved.
      field = await addDeskField(env.pair, {
        label: 'Order number',
        type: 'custom_text',
        required_for_agents: true,
      });

      await actions(page).getByRole('button', { name: 'Convert to ticket…' }).click();
      const dialog = dialogOf(page);
      await dialog.getByLabel('Subject').waitFor();
      expect(await dialog.getByLabel('Subject').inputValue()).toBe('My parcel never arrived.');
      expect(await dialog.getByLabel('Plan').inputValue()).toBe('Pro');
      // The hidden field (priority) is not shown; the new required one is offered, marked required.
      expect(await dialog.getByLabel('Priority').count()).toBe(0);
      expect(await fieldBlock(page, 'Order number').textContent()).toContain('*');
      await dialog.getByLabel('Subject').fill('Parcel lost in transit');
      await env.shot(page, SUITE, '2-dialog');
      await expectAccessible(page, 'dialog');

      // Converting without it: the helpdesk refuses, the cause is next to that field.
      await dialog.getByRole('button', { name: 'Create and resolve' }).click();
      const problem = fieldBlock(page, 'Order number').locator('.convert-field-error');
      await expect.poll(() => problem.textContent()).toContain('The helpdesk requires “Order number”');
      expect(await dialog.getByLabel('Order number').getAttribute('aria-invalid')).toBe('true');
      const alert = dialog.getByRole('alert');
      expect(await alert.textContent()).toContain('The ticket was not created.');
      // The helpdesk's own response, one click away.
      await alert.getByText('The helpdesk’s response').click();
      await expect.poll(() => alert.locator('pre').textContent()).toContain('cf_order_number');
      expect(await alert.locator('dd').first().textContent()).toBe('400');
      expect(await dialog.getByLabel('Subject').inputValue()).toBe('Parcel lost in transit');
      await env.shot(page, SUITE, '3-refused-field');
      await expectAccessible(page, 'dialog with the refusal');

      // Esc closes, focus returns to Resolve; reopened, nothing typed is lost.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Resolve');
      await actions(page).getByRole('button', { name: 'Convert to ticket…' }).click();
      await dialog.getByLabel('Subject').waitFor();
      expect(await dialog.getByLabel('Subject').inputValue()).toBe('Parcel lost in transit');
      await expect.poll(() => problem.textContent()).toContain('Order number');

      // Focus stays in the dialog (Tab from its last control goes back to its first).
      await dialog.getByRole('button', { name: 'Create and resolve' }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);

      await dialog.getByLabel('Order number').fill('A-1042');
      await dialog.getByRole('button', { name: 'Create and resolve' }).click();
      const success = dialog.getByRole('status').filter({ hasText: 'created' });
      await expect
        .poll(() => success.textContent())
        .toMatch(/Ticket #\d+ created\. The conversation is resolved\./);
      const ticketId = Number(/#(\d+)/.exec((await success.textContent()) ?? '')![1]);
      const link = dialog.getByRole('link', { name: `Open ticket #${ticketId}` });
      expect(await link.getAttribute('href')).toBe(`${env.deskUrl}/a/tickets/${ticketId}`);
      await env.shot(page, SUITE, '4-created');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The pane: converted (with the link) and resolved.
      const converted = actions(page).getByRole('link', { name: `Converted to ticket #${ticketId}` });
      await converted.waitFor();
      expect(await converted.getAttribute('href')).toBe(`${env.deskUrl}/a/tickets/${ticketId}`);
      await actions(page).getByRole('button', { name: 'Reopen' }).waitFor();
      await env.shot(page, SUITE, '5-converted');

      // Desk has the ticket with the transcript, the edited subject and the filled value.
      const ticket = await deskTicket(ticketId);
      expect(ticket).toMatchObject({
        subject: 'Parcel lost in transit',
        source: 7,
        priority: 3,
        custom_fields: { cf_order_number: 'A-1042', cf_plan: 'Pro' },
      });
      expect(ticket.description).toContain('My parcel never arrived.');
      const chat = (await env.chat('GET', `/conversations/${conversationId}`)).data;
      expect(chat).toMatchObject({ status: 'resolved', ticket: { id: ticketId } });
      expect(errors).toEqual([]);
    } catch (error) {
      await env.shot(page, SUITE, 'failure-journey-3').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
      await env.chat('PATCH', '/integrations/helpdesk/settings', { conversion_mandatory: false });
      if (field) await env.desk('DELETE', `/admin/ticket_fields/${field.id}`);
    }
  });

  it('journey 4: the same conversion at 390 px wide (full-screen dialog)', async () => {
    const conversationId = await customerSays('Ken', 'Free', 'Can I upgrade my plan?');
    const { page, context, errors } = await openConversation(conversationId, 390);
    try {
      await actions(page).getByRole('button', { name: 'Convert to ticket…' }).click();
      const dialog = dialogOf(page);
      await dialog.getByLabel('Subject').waitFor();
      const box = (await dialog.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(389);
      expect(box.x).toBeLessThanOrEqual(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await dialog.getByLabel('Subject').fill('Upgrade to Enterprise');
      await dialog.getByLabel('Plan').selectOption('Enterprise');
      await env.shot(page, SUITE, '6-phone-dialog');
      await expectAccessible(page, 'phone dialog');
      await dialog.getByRole('button', { name: 'Create and resolve' }).click();
      const success = dialog.getByRole('status').filter({ hasText: 'created' });
      await expect.poll(() => success.textContent()).toMatch(/Ticket #\d+ created/);
      const ticketId = Number(/#(\d+)/.exec((await success.textContent()) ?? '')![1]);
      await env.shot(page, SUITE, '7-phone-created');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await actions(page)
        .getByRole('link', { name: `Converted to ticket #${ticketId}` })
        .waitFor();

      const ticket = await deskTicket(ticketId);
      expect(ticket).toMatchObject({
        subject: 'Upgrade to Enterprise',
        custom_fields: { cf_plan: 'Enterprise' },
      });
      expect(ticket.description).toContain('Can I upgrade my plan?');
      expect((await env.chat('GET', `/conversations/${conversationId}`)).data.status).toBe('resolved');
      expect(errors).toEqual([]);
    } catch (error) {
      await env.shot(page, SUITE, 'failure-journey-4').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('adds the conversation as a note to one of the user’s tickets', async () => {
    const earlier = await env.desk('POST', '/tickets', {
      email: 'mio@example.com',
      subject: 'Earlier delivery problem',
      description: 'The first parcel was late.',
      status: 2,
      priority: 1,
    });
    expect(earlier.status, JSON.stringify(earlier.data)).toBe(201);
    const ticketId = earlier.data.id as number;
    const conversationId = await customerSays('Mio', 'Pro', 'The second parcel is late too.');
    const { page, context, errors } = await openConversation(conversationId);
    try {
      await actions(page).getByRole('button', { name: 'Convert to ticket…' }).click();
      const dialog = dialogOf(page);
      await dialog.getByRole('radio', { name: 'Add to one of the user’s tickets' }).check();
      await dialog.getByRole('radio', { name: `#${ticketId} Earlier delivery problem` }).check();
      await env.shot(page, SUITE, '8-existing-ticket');
      await expectAccessible(page, 'existing ticket');
      await dialog.getByRole('button', { name: 'Add to ticket', exact: true }).click();
      await expect
        .poll(() => dialog.getByRole('status').filter({ hasText: 'added' }).textContent())
        .toBe(`The conversation was added to ticket #${ticketId}.`);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await actions(page)
        .getByRole('link', { name: `Converted to ticket #${ticketId}` })
        .waitFor();
      // Not resolved: only "Add" was asked.
      await actions(page).getByRole('button', { name: 'Resolve', exact: true }).waitFor();

      const notes = await env.desk('GET', `/tickets/${ticketId}/conversations`);
      expect(notes.status).toBe(200);
      const added = (notes.data as { body: string; private: boolean }[]).filter((n) =>
        n.body.includes('The second parcel is late too.'),
      );
      expect(added).toHaveLength(1);
      expect(added[0]!.private).toBe(true);
      expect(errors).toEqual([]);
    } catch (error) {
      await env.shot(page, SUITE, 'failure-existing').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('shows when a rate-limited conversion runs, then the ticket it made', { timeout: 90_000 }, async () => {
    // A proxy in front of Desk answers the first ticket creation with 429 and Retry-After: 2.
    const proxy = await rateLimitingProxy(env.deskUrl);
    await setConnectionUrl(env.pair, proxy.url);
    const conversationId = await customerSays('Rin', 'Free', 'Where is my refund?');
    const { page, context, errors } = await openConversation(conversationId);
    try {
      await actions(page).getByRole('button', { name: 'Convert to ticket…' }).click();
      const dialog = dialogOf(page);
      await dialog.getByLabel('Subject').waitFor();
      await dialog.getByRole('button', { name: 'Create and resolve' }).click();
      await expect
        .poll(() => dialog.getByRole('status').filter({ hasText: 'queued' }).textContent())
        .toMatch(/rate limit was reached\. The conversion is queued and runs at .+\d{1,2}:\d{2}:\d{2}/);
      expect(proxy.refused()).toBe(1);
      await env.shot(page, SUITE, '9-queued');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The pane says it is queued, then (the job ran at Retry-After) shows the ticket.
      const converted = actions(page).getByRole('link', { name: /^Converted to ticket #\d+$/ });
      const queued = actions(page).getByRole('status').filter({ hasText: 'queued' });
      await expect.poll(async () => (await queued.count()) + (await converted.count())).toBe(1);
      await converted.waitFor({ timeout: 30_000 });
      const ticketId = Number(/#(\d+)/.exec((await converted.textContent()) ?? '')![1]);
      expect((await deskTicket(ticketId)).description).toContain('Where is my refund?');
      await actions(page).getByRole('button', { name: 'Reopen' }).waitFor();
      expect(errors).toEqual([]);
    } catch (error) {
      await env.shot(page, SUITE, 'failure-queued').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
      await setConnectionUrl(env.pair, env.deskUrl);
      await proxy.close();
    }
  });

  it('speaks Japanese in the Resolve choice and the dialog', async () => {
    const conversationId = await customerSays('Sora', 'Pro', '返金はいつですか？');
    const { page, context, errors } = await openConversation(conversationId, undefined, 'ja-JP');
    try {
      await actions(page).getByRole('button', { name: '解決する', exact: true }).waitFor();
      await actions(page).getByRole('button', { name: 'チケットに変換…' }).click();
      const dialog = page.getByRole('dialog', { name: 'チケットに変換' });
      await dialog.getByRole('radio', { name: '新しいチケットを作成' }).waitFor();
      await dialog.getByRole('button', { name: '作成して解決' }).waitFor();
      await env.shot(page, SUITE, '10-ja-dialog');
      await dialog.getByRole('button', { name: '閉じる' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } catch (error) {
      await env.shot(page, SUITE, 'failure-ja').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
