import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './support/browser.js';
import {
  pageEvents,
  seriousAxeViolationsIn,
  startWidgetEnv,
  waitForEvents,
  widgetFrame,
  widgetFrameOf,
  type HostPageOptions,
  type WidgetEnv,
} from './support/widget-env.js';

const UPLOAD_MAX = 100_000;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Reply = { status: number; data: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
/** window.TandemChat as widget.js defines it (docs/widget-protocol.md). */
interface TandemChatApi {
  init(options: Record<string, unknown>): void;
  open(params?: { replyText?: string }): void;
  close(): void;
  show(): void;
  hide(): void;
  isOpen(): boolean;
  isLoaded(): boolean;
  isInitialized(): boolean;
  destroy(): void;
  user: {
    get(): Promise<Reply>;
    setProperties(fields: Record<string, unknown>, callback?: (reply: Reply) => void): Promise<Reply>;
    clear(): Promise<Reply>;
  };
}
type Win = Window & {
  TandemChat: TandemChatApi;
  initOptions: Record<string, unknown>;
  [key: string]: unknown;
};

/**
 * The widget's journeys in real Chromium, as issue 5 lists them: a customer's page
 * (http://localhost:<port>) embeds the documented snippet, Chat runs on 127.0.0.1 (another
 * origin), and an agent acts through Chat's REST API with an API token.
 */
describe.skipIf(!hasChromium && process.env.CI !== 'true')('widget journeys in Chromium', () => {
  let env: WidgetEnv;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await startWidgetEnv('pglite', { uploadMaxBytes: UPLOAD_MAX });
    const site = await env.api('POST', '/sites', {
      id: 'shop',
      name: 'Shop',
      allowed_origins: [env.pageUrl],
    });
    expect(site.status).toBe(201);
    await seedFaq();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** The FAQ as an admin writes it (admin API): English, Japanese and for-everyone categories. */
  async function seedFaq() {
    const category = async (name: string, locale: string | null) => {
      const created = await env.api('POST', '/faq/categories', { name, locale });
      expect(created.status).toBe(201);
      return created.data.id as string;
    };
    const article = async (category_id: string, title: string, body: string, status = 'published') => {
      const created = await env.api('POST', '/faq/articles', { category_id, title, body, status });
      expect(created.status).toBe(201);
      return created.data.id as string;
    };
    const shipping = await category('Orders and shipping', 'en');
    const account = await category('Your account', null);
    const orders = await category('ご注文について', 'ja');
    ids.whereIsMyOrder = await article(
      shipping,
      'Where is my order?',
      '<p>Track every parcel from <a href="https://example.com/orders">your orders page</a>.</p>',
    );
    await article(shipping, 'Returns and refunds', '<p>Send it back within 30 days.</p>');
    await article(shipping, 'Internal: courier contracts', '<p>Not for customers.</p>', 'draft');
    await article(
      account,
      'Resetting your password',
      '<p>Choose <strong>Forgot password</strong> on the sign-in page.</p><script>window.pwned = 1</script>',
    );
    await article(orders, '配送状況の確認方法', '<p>ご注文の配送状況はマイページで確認できます。</p>');
  }

  /** A visitor: a fresh browser context (its own storage) on a host page, the widget loaded. */
  async function visit(page: HostPageOptions = {}, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ locale: 'en-US', ...options });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
    });
    await tab.goto(env.pageUrl + env.hostPage(page));
    await waitForEvents(tab, 'widget:loaded');
    return { context, page: tab, frame: widgetFrame(tab), errors };
  }

  const launcher = (page: Page) => page.getByRole('button', { name: /^Chat with us/ });
  const call = <T>(page: Page, run: (chat: TandemChatApi) => T | Promise<T>) =>
    page.evaluate(`(${run.toString()})(window.TandemChat)`) as Promise<Awaited<T>>;

  async function send(page: Page, text: string) {
    const frame = widgetFrame(page);
    await frame.getByRole('textbox', { name: 'Message' }).fill(text);
    await frame.getByRole('button', { name: 'Send', exact: true }).click();
  }

  async function userOf(page: Page) {
    const user = await call(page, (chat) => chat.user.get());
    expect(user.status).toBe(200);
    return user.data as { id: string; restoreId?: string };
  }

  async function messagesOf(conversationId: string) {
    const list = await env.api('GET', `/conversations/${conversationId}/messages?limit=100`);
    expect(list.status).toBe(200);
    return list.data.messages as {
      actor_type: string;
      client_message_id: string | null;
      message_parts: { text?: { content: string } }[];
    }[];
  }

  async function conversationsOf(userId: string): Promise<string[]> {
    const list = await env.api('GET', `/users/${userId}/conversations`);
    expect(list.status).toBe(200);
    return (list.data.conversations as { id: string }[]).map((c) => c.id);
  }

  const agentSays = (conversationId: string, content: string) =>
    env.api('POST', `/conversations/${conversationId}/messages`, {
      actor_type: 'agent',
      actor_id: env.agentId,
      message_parts: [{ text: { content } }],
    });

  describe('a visitor and an agent', () => {
    let visitor: Awaited<ReturnType<typeof visit>>;
    let conversationId: string;
    let userId: string;

    it('visitor writes, the agent (REST) sees it and replies, the visitor sees the reply; the page hears the events', async () => {
      visitor = await visit();
      const { page, frame } = visitor;
      const created = await waitForEvents(page, 'user:created');
      expect(created[0]!.data).toMatchObject({ status: 200, data: { restoreId: expect.any(String) } });

      await launcher(page).click();
      await frame.getByRole('textbox', { name: 'Message' }).waitFor();
      await send(page, 'Hello, do you ship to Osaka?');
      const [sent] = await waitForEvents(page, 'message:sent');
      conversationId = sent!.data.conversationId;
      expect(sent!.data.message).toMatchObject({
        clientMessageId: expect.any(String),
        text: 'Hello, do you ship to Osaka?',
      });
      // Delivered: the server's copy replaced the pending one.
      await frame.locator('.tc-msg[data-seq]', { hasText: 'Hello, do you ship to Osaka?' }).waitFor();

      // The agent's side: the message is there, once, with the widget's client id.
      const stored = await messagesOf(conversationId);
      const fromUser = stored.filter((m) => m.actor_type === 'user');
      expect(fromUser.map((m) => m.message_parts[0]?.text?.content)).toEqual([
        'Hello, do you ship to Osaka?',
      ]);
      expect(fromUser[0]!.client_message_id).toBe(sent!.data.message.clientMessageId);
      userId = (await userOf(page)).id;
      expect(await conversationsOf(userId)).toEqual([conversationId]);

      // The visitor closes the panel; the reply arrives as an unread message.
      await frame.getByRole('button', { name: 'Close chat' }).click();
      await waitForEvents(page, 'widget:closed');
      expect((await agentSays(conversationId, 'Yes, we ship to all of Japan.')).status).toBe(201);
      const [received] = await waitForEvents(page, 'message:received');
      expect(received!.data).toMatchObject({
        conversationId,
        message: { actorType: 'agent', parts: [{ text: { content: 'Yes, we ship to all of Japan.' } }] },
      });
      const [unread] = await waitForEvents(page, 'unreadCount:notify');
      expect(unread!.data).toEqual({ count: 1 });
      await page.getByRole('button', { name: 'Chat with us (1 unread)' }).waitFor();

      // Opening shows the reply and clears the count.
      await launcher(page).click();
      await frame.getByText('Yes, we ship to all of Japan.').waitFor();
      const counts = await waitForEvents(page, 'unreadCount:notify', 2);
      expect(counts.map((e) => e.data)).toEqual([{ count: 1 }, { count: 0 }]);
      await page.getByRole('button', { name: 'Chat with us', exact: true }).waitFor();
      expect((await pageEvents(page)).map((e) => e.name)).toEqual([
        'user:created',
        'widget:loaded',
        'widget:opened',
        'message:sent',
        'widget:closed',
        'message:received',
        'unreadCount:notify',
        'widget:opened',
        'unreadCount:notify',
      ]);
      expect(visitor.errors).toEqual([]);
    });

    it('after a reload, the history comes back: same user, same conversation', async () => {
      const { page, frame } = visitor;
      await page.reload();
      await waitForEvents(page, 'widget:loaded');
      expect((await userOf(page)).id).toBe(userId);
      // No new visitor was made.
      expect(await pageEvents(page, 'user:created')).toEqual([]);

      await launcher(page).click();
      await frame.locator('.tc-msg[data-seq]', { hasText: 'Hello, do you ship to Osaka?' }).waitFor();
      await frame.locator('.tc-msg[data-seq]', { hasText: 'Yes, we ship to all of Japan.' }).waitFor();
      await send(page, 'Great, thank you!');
      const [sent] = await waitForEvents(page, 'message:sent');
      expect(sent!.data.conversationId).toBe(conversationId);
      expect(await conversationsOf(userId)).toEqual([conversationId]);
      expect((await messagesOf(conversationId)).map((m) => m.message_parts[0]?.text?.content)).toEqual([
        'Hello, do you ship to Osaka?',
        'Yes, we ship to all of Japan.',
        'Great, thank you!',
      ]);
      await visitor.context.close();
    });
  });

  it('messages written offline are shown pending and stored exactly once when the connection returns', async () => {
    const { context, page, frame } = await visit();
    await launcher(page).click();
    const composer = frame.getByRole('textbox', { name: 'Message' });
    await composer.waitFor();
    // Connected first (the banner says "Reconnecting…" until the socket is up).
    await frame.getByText('Reconnecting…').waitFor({ state: 'detached' });
    const { id: userId } = await userOf(page);

    await context.setOffline(true);
    await frame.getByText('You are offline.', { exact: false }).waitFor();
    const texts = ['First, offline', 'Second, offline', 'Third, offline'];
    for (const text of texts) await send(page, text);
    const pending = frame.locator('.tc-pending[data-status="sending"]');
    await expect.poll(() => pending.count()).toBe(3);
    expect(await pending.allInnerTexts()).toEqual(texts.map((t) => expect.stringContaining(t)));
    const clientIds = await pending.evaluateAll((nodes) =>
      nodes.map((n) => n.getAttribute('data-client-id')),
    );
    expect(new Set(clientIds).size).toBe(3);
    // Nothing reached Chat meanwhile.
    expect(await conversationsOf(userId)).toEqual([]);
    expect(await pageEvents(page, 'message:sent')).toEqual([]);

    await context.setOffline(false);
    const sent = await waitForEvents(page, 'message:sent', 3);
    expect(sent.map((e) => e.data.message.clientMessageId)).toEqual(clientIds);
    await expect.poll(() => frame.locator('.tc-pending').count()).toBe(0);
    await frame.locator('.tc-msg[data-seq]', { hasText: 'Third, offline' }).waitFor();

    // One conversation, each message once, in the order written, with the widget's client ids.
    const conversations = await conversationsOf(userId);
    expect(conversations).toHaveLength(1);
    const stored = (await messagesOf(conversations[0]!)).filter((m) => m.actor_type === 'user');
    expect(stored.map((m) => m.message_parts[0]?.text?.content)).toEqual(texts);
    expect(stored.map((m) => m.client_message_id)).toEqual(clientIds);
    expect(new Set(sent.map((e) => e.data.conversationId))).toEqual(new Set(conversations));
    await context.close();
  });

  it('a message sent just as the connection drops is stored once, with the one written offline after it', async () => {
    const { context, page, frame } = await visit();
    await launcher(page).click();
    await frame.getByRole('textbox', { name: 'Message' }).waitFor();
    await frame.getByText('Reconnecting…').waitFor({ state: 'detached' });
    await send(page, 'Hello');
    const [hello] = await waitForEvents(page, 'message:sent');
    const conversationId: string = hello!.data.conversationId;

    // The line drops right after Send: its acknowledgement may or may not have come back.
    await send(page, 'Sent as the line drops');
    await context.setOffline(true);
    await send(page, 'Written offline');
    await frame.locator('.tc-pending[data-status="sending"]', { hasText: 'Written offline' }).waitFor();
    await context.setOffline(false);

    const sent = await waitForEvents(page, 'message:sent', 3);
    await expect.poll(() => frame.locator('.tc-pending').count()).toBe(0);
    const stored = (await messagesOf(conversationId)).filter((m) => m.actor_type === 'user');
    expect(stored.map((m) => m.message_parts[0]?.text?.content)).toEqual([
      'Hello',
      'Sent as the line drops',
      'Written offline',
    ]);
    expect(stored.map((m) => m.client_message_id)).toEqual(sent.map((e) => e.data.message.clientMessageId));
    expect(sent.map((e) => e.data.conversationId)).toEqual([conversationId, conversationId, conversationId]);
    await context.close();
  });

  it('sends an image and a PDF within the limit; refuses a file too large, and one that is not what its name says', async () => {
    const { context, page, frame } = await visit();
    await launcher(page).click();
    const file = frame.locator('#tc-file');
    await frame.getByRole('button', { name: 'Attach a file' }).waitFor();

    await file.setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: PNG });
    const [image] = await waitForEvents(page, 'message:sent');
    const conversationId: string = image!.data.conversationId;
    // Drawn from Chat's copy (the frame's CSP allows images from Chat only).
    const drawn = frame.getByRole('img', { name: 'Image' });
    await drawn.waitFor();
    await expect.poll(() => drawn.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await file.setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: pdf });
    await waitForEvents(page, 'message:sent', 2);
    await frame.getByRole('link', { name: /^Download receipt\.pdf/ }).waitFor();

    await file.setInputFiles({
      name: 'photos.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([pdf, Buffer.alloc(UPLOAD_MAX)]),
    });
    await frame.getByText('photos.pdf is larger than 97.7 KB and cannot be sent.').waitFor();
    await file.setInputFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html>hi</html>'),
    });
    await frame.getByText('invoice.pdf cannot be sent: this type of file is not allowed.').waitFor();

    // The agent sees the two files that were sent, and nothing else.
    const parts = (await messagesOf(conversationId)).map((m) => m.message_parts[0]);
    expect(parts).toEqual([
      { image: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) } },
      {
        file: expect.objectContaining({
          name: 'receipt.pdf',
          content_type: 'application/pdf',
          file_size_in_bytes: pdf.length,
        }),
      },
    ]);
    expect(await waitForEvents(page, 'message:sent')).toHaveLength(2);
    await context.close();
  });

  describe('FAQ', () => {
    it('browse a category, read an article, say it helped, search, and go from the article to the chat', async () => {
      const { context, page, frame } = await visit();
      await launcher(page).click();
      await frame.getByRole('button', { name: 'Help articles' }).click();
      await frame.getByRole('heading', { name: 'Categories' }).waitFor();
      const categories = frame.locator('.tc-item-title');
      await expect.poll(() => categories.allInnerTexts()).toEqual(['Orders and shipping', 'Your account']);

      await frame.getByRole('button', { name: /^Orders and shipping/ }).click();
      await frame.getByRole('heading', { name: 'Orders and shipping' }).waitFor();
      await expect
        .poll(() => categories.allInnerTexts())
        .toEqual(['Where is my order?', 'Returns and refunds']);
      await frame.getByRole('button', { name: /^Where is my order\?/ }).click();
      await frame.getByRole('heading', { name: 'Where is my order?' }).waitFor();
      const link = frame.getByRole('link', { name: 'your orders page' });
      expect(await link.getAttribute('target')).toBe('_blank');

      await frame.getByText('Did this help?').waitFor();
      await frame.getByRole('button', { name: 'Yes' }).click();
      await frame.getByText('Thanks for your feedback.').waitFor();
      expect(await frame.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('true');
      const voted = await env.api('GET', `/faq/articles/${ids.whereIsMyOrder}`);
      expect(voted.data).toMatchObject({ helpful_count: 1, not_helpful_count: 0 });

      // Search, from the categories page: English by stem ("passwords" finds "password").
      await frame.getByRole('button', { name: 'Back' }).click();
      await frame.getByRole('searchbox', { name: 'Search help articles' }).fill('reset passwords');
      await frame.getByRole('button', { name: /^Resetting your password/ }).click();
      await frame.getByRole('heading', { name: 'Resetting your password' }).waitFor();
      await frame.getByText('Forgot password').waitFor();
      // The article's HTML was sanitized when saved: its script is gone.
      const widget = await widgetFrameOf(page);
      expect(await widget.evaluate(() => document.querySelectorAll('.tc-article-body script').length)).toBe(
        0,
      );
      expect(await widget.evaluate(() => (window as unknown as Win).pwned)).toBeUndefined();

      // "Talk to us" leads to the conversation, ready to write.
      await frame.getByRole('button', { name: 'Talk to us' }).click();
      const composer = frame.getByRole('textbox', { name: 'Message' });
      await composer.waitFor();
      await expect.poll(() => composer.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(
        await frame.getByRole('button', { name: 'Chat', exact: true }).getAttribute('aria-current'),
      ).toBe('page');
      await context.close();
    });

    it('searches Japanese articles in a Japanese widget', async () => {
      const { context, page, frame } = await visit({ init: { locale: 'ja' } }, { locale: 'ja-JP' });
      await page.getByRole('button', { name: /^チャットで問い合わせる/ }).click();
      await frame.getByRole('button', { name: 'ヘルプ記事' }).click();
      const titles = frame.locator('.tc-item-title');
      // A Japanese widget lists the Japanese category and the one for every language.
      await expect.poll(() => titles.allInnerTexts()).toEqual(['Your account', 'ご注文について']);
      await frame.getByRole('searchbox').fill('配送');
      await expect.poll(() => titles.allInnerTexts()).toEqual(['配送状況の確認方法']);
      await frame.getByRole('button', { name: /^配送状況の確認方法/ }).click();
      await frame.getByRole('heading', { name: '配送状況の確認方法' }).waitFor();
      await frame.getByText('ご注文の配送状況はマイページで確認できます。').waitFor();
      await context.close();
    });
  });

  it('after a resolve, the visitor rates 4 with a comment: stored once; the page hears conversation:resolved and csat:received', async () => {
    const { context, page, frame } = await visit();
    await launcher(page).click();
    await send(page, 'My parcel arrived damaged.');
    const [sent] = await waitForEvents(page, 'message:sent');
    const conversationId: string = sent!.data.conversationId;
    await agentSays(conversationId, 'Sorry! A replacement is on its way.');
    await frame.getByText('Sorry! A replacement is on its way.').waitFor();

    const resolved = await env.api('PUT', `/conversations/${conversationId}`, { status: 'resolved' });
    expect(resolved.status).toBe(200);
    const [done] = await waitForEvents(page, 'conversation:resolved');
    expect(done!.data).toEqual({ conversationId });
    await frame.getByRole('heading', { name: 'How was your conversation?' }).waitFor();

    // Sending without a rating is refused on the spot.
    await frame.getByRole('button', { name: 'Send rating' }).click();
    await frame.getByText('Choose a rating from 1 to 5').waitFor();
    await frame.getByRole('radio', { name: '4 out of 5' }).check();
    await frame.getByRole('textbox', { name: 'Add a comment (optional)' }).fill('Quick and friendly');
    await frame.getByRole('button', { name: 'Send rating' }).click();
    await frame.getByText('Thanks for your rating!').waitFor();
    const [rated] = await waitForEvents(page, 'csat:received');
    expect(rated!.data).toEqual({ conversationId, rating: 4, review: 'Quick and friendly' });
    expect(await frame.getByRole('button', { name: 'Send rating' }).count()).toBe(0);

    const report = await env.api('GET', '/csat/report');
    expect(report.data).toMatchObject({
      count: 1,
      average: 4,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 },
    });
    const rows = await env.chat.database.db
      .selectFrom('csat_responses')
      .select(['rating', 'comment'])
      .where('conversation_id', '=', conversationId)
      .execute();
    expect(rows).toEqual([{ rating: 4, comment: 'Quick and friendly' }]);

    // Once per resolve: back on the page, the survey is not offered again.
    await page.reload();
    await waitForEvents(page, 'widget:loaded');
    await launcher(page).click();
    await frame.getByText('Sorry! A replacement is on its way.').waitFor();
    expect(await frame.getByRole('button', { name: 'Send rating' }).count()).toBe(0);
    await context.close();
  });

  describe('origins', () => {
    it('draws nothing on a page whose origin the site does not allow, and says why in the console', async () => {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('request', (request) => requests.push(request.url()));
      // The page server under its other name: the same page, but http://127.0.0.1:<port>.
      await page.goto(env.otherPageUrl + env.hostPage({ early: 'window.early = TandemChat.user.get();' }));
      const early = await page.evaluate(() => (window as unknown as { early: Promise<Reply> }).early);
      expect(early.status).toBe(403);
      const error = errors.find((text) => text.startsWith('TandemChat:'));
      expect(error).toContain(`The origin ${env.otherPageUrl} is not allowed for the site "shop"`);
      expect(await page.locator('[data-tandem-chat]').count()).toBe(0);
      expect(requests.some((url) => url.includes('/widget/frame'))).toBe(false);
      expect(await page.evaluate(() => (window as unknown as Win).TandemChat.isInitialized())).toBe(true);
      await context.close();
    });

    it('the frame itself runs only inside allowed pages (frame-ancestors)', async () => {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const messages: string[] = [];
      page.on('console', (message) => messages.push(message.text()));
      const frameUrl = `${env.chatUrl}/widget/frame?token=${env.widgetToken}&site_id=shop`;
      const framing = env.rawPage(
        `<!doctype html><html lang="en"><head><title>Framing</title></head><body><iframe title="Chat" src="${frameUrl}"></iframe></body></html>`,
      );
      const rendered = async () => {
        const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
        return frame!.evaluate(() => document.getElementById('tandem-chat') !== null).catch(() => false);
      };

      // An allowed page may frame it (the control).
      await page.goto(env.pageUrl + framing);
      await expect.poll(rendered).toBe(true);

      // Another origin may not: the browser refuses to render it.
      await page.goto(env.otherPageUrl + framing);
      await expect
        .poll(() => messages.find((m) => m.includes('frame-ancestors')))
        .toContain(`frame-ancestors 'self' ${env.pageUrl}`);
      expect(await rendered()).toBe(false);
      await context.close();
    });
  });

  it('the JavaScript API behaves as documented: queued calls, open/close/show/hide, user.*, destroy', async () => {
    const { context, page, frame } = await visit({
      init: { firstName: 'Mia' },
      // Made on the stub before widget.js exists: kept, replayed in order, answered.
      early: `window.before = { loaded: typeof TandemChat.isLoaded };
        window.earlyOpen = TandemChat.open({ replyText: 'About order 1234' });
        window.earlyUser = TandemChat.user.get();`,
    });
    const win = (key: string) => page.evaluate((k) => (window as unknown as Win)[k], key);
    expect(await win('before')).toEqual({ loaded: 'undefined' });
    const early = (await win('earlyUser')) as Reply;
    expect(early).toMatchObject({ status: 200, data: { id: expect.any(String), firstName: 'Mia' } });
    const composer = frame.getByRole('textbox', { name: 'Message' });
    await composer.waitFor();
    await expect.poll(() => composer.inputValue()).toBe('About order 1234');
    await waitForEvents(page, 'widget:opened');
    expect(await call(page, (chat) => [chat.isLoaded(), chat.isOpen(), chat.isInitialized()])).toEqual([
      true,
      true,
      true,
    ]);

    await call(page, (chat) => chat.close());
    await waitForEvents(page, 'widget:closed');
    await page.locator('[data-tandem-chat] iframe').waitFor({ state: 'hidden' });
    expect(await call(page, (chat) => chat.isOpen())).toBe(false);

    await call(page, (chat) => chat.hide());
    await launcher(page).waitFor({ state: 'hidden' });
    await call(page, (chat) => chat.show());
    await launcher(page).waitFor({ state: 'visible' });
    await call(page, (chat) => chat.open({ replyText: 'Second thought' }));
    await expect.poll(() => composer.inputValue()).toBe('Second thought');
    expect(await call(page, (chat) => chat.isOpen())).toBe(true);

    // user.setProperties: Promise and callback, both {status, data}; Chat keeps the change.
    const set = await page.evaluate(() => {
      const chat = (window as unknown as Win).TandemChat;
      return new Promise<[Reply, Reply]>((resolve) => {
        const promise = chat.user.setProperties(
          { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
          (viaCallback) => void promise.then((viaPromise) => resolve([viaPromise, viaCallback])),
        );
      });
    });
    expect(set[0]).toEqual(set[1]);
    expect(set[0]).toMatchObject({
      status: 200,
      data: { id: early.data.id, firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
    });
    const stored = await env.api('GET', `/users/${early.data.id}`);
    expect(stored.data).toMatchObject({ first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com' });
    const invalid = await call(page, (chat) => chat.user.setProperties({ email: 'not an email' }));
    expect(invalid.status).toBe(400);
    expect((await env.api('GET', `/users/${early.data.id}`)).data.email).toBe('ann@example.com');

    // user.clear: forgotten here; the widget goes on with a new anonymous visitor.
    const cleared = await call(page, (chat) => chat.user.clear());
    expect(cleared.status).toBe(200);
    await waitForEvents(page, 'user:cleared');
    const after = await call(page, (chat) => chat.user.get());
    expect(after.status).toBe(200);
    expect(after.data.id).not.toBe(early.data.id);

    // destroy: everything goes; init works again.
    await call(page, (chat) => chat.destroy());
    await waitForEvents(page, 'widget:destroyed');
    expect(await page.locator('[data-tandem-chat]').count()).toBe(0);
    expect(await call(page, (chat) => [chat.isLoaded(), chat.isOpen(), chat.isInitialized()])).toEqual([
      false,
      false,
      false,
    ]);
    await page.evaluate(() => {
      const w = window as unknown as Win;
      w.TandemChat.init(w.initOptions);
    });
    await waitForEvents(page, 'widget:loaded', 2);
    await launcher(page).waitFor();
    await context.close();
  });

  it("a site's pre-chat form: its own message above the fields, a required field refused in place, the answers stored on the user", async () => {
    const site = await env.api('POST', '/sites', {
      id: 'shop-prechat',
      name: 'Shop with a form',
      allowed_origins: [env.pageUrl],
      widget_settings: {
        prechat: {
          enabled: true,
          fields: [
            { name: 'first_name', required: true },
            { name: 'email', required: false },
          ],
          message: {
            en: 'Tell us who you are and we will get right back to you.',
            ja: 'お名前をお聞かせください。',
          },
        },
      },
    });
    expect(site.status, JSON.stringify(site.data)).toBe(201);
    const { context, page, frame } = await visit({ siteId: 'shop-prechat' });
    try {
      await launcher(page).click();
      const form = frame.getByRole('form', { name: 'Before we start' });
      await form.waitFor();
      await expect(
        form.getByText('Tell us who you are and we will get right back to you.').count(),
      ).resolves.toBe(1);
      await form.getByRole('button', { name: 'Start chat' }).click();
      const firstName = form.getByRole('textbox', { name: /First name/ });
      await expect(firstName.getAttribute('aria-invalid')).resolves.toBe('true');
      await firstName.fill('Aiko');
      await form.getByRole('textbox', { name: /Email/ }).fill('aiko@example.com');
      await form.getByRole('button', { name: 'Start chat' }).click();
      await frame.getByRole('textbox', { name: 'Message' }).waitFor();
      const user = await userOf(page);
      const stored = await env.api('GET', `/users/${user.id}`);
      expect(stored.data).toMatchObject({ first_name: 'Aiko', email: 'aiko@example.com' });
    } finally {
      await context.close();
    }
  });

  it('is accessible (axe-core: chat, FAQ, CSAT) and works at phone width (360 px)', async () => {
    // bypassCSP only lets axe-core be injected into the frame; the journeys above run with CSP.
    const { context, page, frame } = await visit(
      {},
      { viewport: { width: 360, height: 640 }, bypassCSP: true },
    );
    const axe = async (screen: string) => {
      const violations = await seriousAxeViolationsIn(await widgetFrameOf(page));
      expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    };
    await launcher(page).click();
    const iframe = page.locator('[data-tandem-chat] iframe');
    await iframe.waitFor({ state: 'visible' });
    expect(await iframe.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 640 });

    // The chat, with a message each way; everything needed to write is on screen.
    await send(page, 'Can I change my delivery address?');
    const [sent] = await waitForEvents(page, 'message:sent');
    const conversationId: string = sent!.data.conversationId;
    await agentSays(conversationId, 'Yes, until the parcel ships.');
    await frame.getByText('Yes, until the parcel ships.').waitFor();
    for (const name of ['Message', 'Send', 'Attach a file', 'Close chat']) {
      const box = await frame
        .getByRole(name === 'Message' ? 'textbox' : 'button', { name, exact: true })
        .boundingBox();
      expect(box, name).not.toBeNull();
      expect(
        box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= 360 && box!.y + box!.height <= 640,
        name,
      ).toBe(true);
    }
    await axe('chat');

    await frame.getByRole('button', { name: 'Help articles' }).click();
    await frame.getByRole('heading', { name: 'Categories' }).waitFor();
    await frame.getByRole('button', { name: /^Your account/ }).click();
    await frame.getByRole('button', { name: /^Resetting your password/ }).click();
    await frame.getByText('Did this help?').waitFor();
    await axe('FAQ article');

    await frame.getByRole('button', { name: 'Chat', exact: true }).click();
    expect((await env.api('PUT', `/conversations/${conversationId}`, { status: 'resolved' })).status).toBe(
      200,
    );
    await frame.getByRole('radio', { name: '5 out of 5' }).waitFor();
    await axe('CSAT');

    // Closed by the frame's own button (the launcher is under the full-screen panel).
    await frame.getByRole('button', { name: 'Close chat' }).click();
    await iframe.waitFor({ state: 'hidden' });
    await launcher(page).waitFor({ state: 'visible' });
    await context.close();
  });
});
