import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';
import { csrfOf, h1Of, insertContact, mainText, tagWithId, TestBrowser } from './pages/page-test-helpers.js';

/** The contact side of the portal: sign-in, password links, new tickets, my tickets, replies. */
describe.each(TEST_DATABASE_KINDS)('Portal pages: contacts and tickets (%s)', (kind) => {
  let desk: TestDesk;
  let aliceTicket: number;
  const browser = (headers: Record<string, string> = {}) => new TestBrowser(desk, 'help.a.test', headers);
  const signedIn = async (email: string, password: string, headers: Record<string, string> = {}) => {
    const b = browser(headers);
    await b.signIn(email, password);
    return b;
  };

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    const portal = await desk.call('POST', '/api/v2/portals', {
      body: { name: 'Acme Help', host: 'help.a.test' },
    });
    expect(portal.statusCode).toBe(201);
    const field = (body: Record<string, unknown>) =>
      desk.call('POST', '/api/v2/admin/ticket_fields', { body });
    for (const res of [
      await field({
        label: 'Order number',
        label_for_customers: 'Order number',
        description: 'On your receipt',
        type: 'custom_text',
        displayed_to_customers: true,
        customers_can_edit: true,
        required_for_customers: true,
      }),
      await field({
        label: 'Refund Reason',
        label_for_customers: 'Why?',
        type: 'custom_dropdown',
        displayed_to_customers: true,
        customers_can_edit: true,
        choices: [
          { value: 'Late', position: 1 },
          { value: 'Damaged', position: 2 },
        ],
      }),
      await field({
        label: 'Gift wrap',
        type: 'custom_checkbox',
        displayed_to_customers: true,
        customers_can_edit: true,
      }),
      await field({ label: 'Internal code', type: 'custom_text', displayed_to_customers: false }),
    ])
      expect(res.statusCode, res.body).toBe(201);
    await insertContact(desk, { name: 'Alice', email: 'alice@acme.test', password: 'alice-password' });
    await insertContact(desk, { name: 'Bob', email: 'bob@acme.test', password: 'bob-password' });
    await insertContact(desk, { name: 'Carol', email: 'carol@acme.test', password: 'carol-password' });
    await insertContact(desk, { name: 'Dave', email: 'dave@acme.test' });
  });
  afterAll(async () => desk?.close());

  it('ticket pages ask visitors to sign in first and come back after', async () => {
    const b = browser();
    for (const url of ['/support/tickets', '/support/tickets/new', '/support/tickets/1']) {
      const res = await b.get(url);
      expect(res.status, url).toBe(303);
      expect(res.location).toBe(`/support/login?next=${encodeURIComponent(url)}`);
    }
    const post = await b.post('/support/tickets/new', { subject: 'x' });
    expect(post.status).toBe(303);
    expect(post.location).toMatch(/^\/support\/login\?next=/);
  });

  it('sign-in page: labelled fields, CSRF refused without the token, one generic error', async () => {
    const b = browser();
    const page = await b.get('/support/login?next=%2Fsupport%2Ftickets%2Fnew');
    expect(page.status).toBe(200);
    expect(h1Of(page.body)).toBe('Sign in');
    expect(page.body).toContain('<label for="login-email">Email');
    expect(tagWithId(page.body, 'login-email')).toContain('type="email"');
    expect(page.body).toContain('<input type="hidden" name="next" value="/support/tickets/new">');
    expect(page.body).toContain('<a href="/support/login" aria-current="page">Sign in</a>');

    const noToken = await b.post('/support/login', { email: 'alice@acme.test', password: 'alice-password' });
    expect(noToken.status).toBe(403);
    expect(h1Of(noToken.body)).toBe('Request refused');
    expect(b.cookies.has('tandem_portal_session')).toBe(false);

    const token = csrfOf(page.body);
    for (const email of ['alice@acme.test', 'nobody@acme.test']) {
      const res = await b.post('/support/login', { _csrf: token, email, password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(mainText(res.body)).toContain('The email or password is incorrect.');
      expect(tagWithId(res.body, 'login-email')).toContain(`value="${email}"`);
      expect(res.body).not.toContain('wrong-password');
    }
    const ja = browser({ 'accept-language': 'ja' });
    const jaToken = csrfOf((await ja.get('/support/login')).body);
    const jaRes = await ja.post('/support/login', {
      _csrf: jaToken,
      email: 'x@acme.test',
      password: 'nope-nope',
    });
    expect(mainText(jaRes.body)).toContain('メールアドレスまたはパスワードが正しくありません。');

    const ok = await b.post('/support/login', {
      _csrf: token,
      email: 'alice@acme.test',
      password: 'alice-password',
      next: '/support/tickets/new',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/support/tickets/new');
    const cookie = [ok.headers['set-cookie']]
      .flat()
      .find((c) => String(c).startsWith('tandem_portal_session='));
    expect(String(cookie)).toMatch(/HttpOnly/);
    expect(String(cookie)).toMatch(/SameSite=Lax/);
    // Signed in, the login page sends the contact on.
    expect((await b.get('/support/login')).location).toBe('/support/tickets');
    // `next` never leads off the portal.
    const b2 = browser();
    const t2 = csrfOf((await b2.get('/support/login')).body);
    const off = await b2.post('/support/login', {
      _csrf: t2,
      email: 'bob@acme.test',
      password: 'bob-password',
      next: 'https://evil.test/',
    });
    expect(off.location).toBe('/support/tickets');
  });

  it('throttles repeated failures and says when to try again', async () => {
    const b = browser();
    const token = csrfOf((await b.get('/support/login')).body);
    let res = await b.post('/support/login', {
      _csrf: token,
      email: 'carol@acme.test',
      password: 'bad-password',
    });
    for (let i = 0; i < 10 && res.status !== 429; i++)
      res = await b.post('/support/login', {
        _csrf: token,
        email: 'carol@acme.test',
        password: 'bad-password',
      });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(mainText(res.body)).toMatch(/Too many sign-in attempts\. Try again in \d+ (minutes|seconds)\./);
    // Even the right password waits.
    const right = await b.post('/support/login', {
      _csrf: token,
      email: 'carol@acme.test',
      password: 'carol-password',
    });
    expect(right.status).toBe(429);
    const ja = browser({ 'accept-language': 'ja' });
    const jaToken = csrfOf((await ja.get('/support/login')).body);
    const jaRes = await ja.post('/support/login', {
      _csrf: jaToken,
      email: 'carol@acme.test',
      password: 'x',
    });
    expect(mainText(jaRes.body)).toMatch(
      /ログインの試行回数が多すぎます。\d+ (分|秒)後にもう一度お試しください。/,
    );
  });

  it('new-ticket form: fields displayed to customers, labelled, required ones marked', async () => {
    const alice = await signedIn('alice@acme.test', 'alice-password');
    const res = await alice.get('/support/tickets/new');
    expect(res.status).toBe(200);
    expect(h1Of(res.body)).toBe('Submit a ticket');
    expect(res.body).toContain(
      '<label for="field-subject">Subject<span class="muted">(required)</span></label>',
    );
    expect(tagWithId(res.body, 'field-subject')).toMatch(
      /<input type="text" id="field-subject" name="subject"[^>]*aria-required="true"/,
    );
    expect(tagWithId(res.body, 'field-description')).toMatch(/^<textarea/);
    expect(tagWithId(res.body, 'field-custom_fields-cf_order_number')).toContain(
      'name="custom_fields.cf_order_number"',
    );
    expect(tagWithId(res.body, 'field-custom_fields-cf_order_number')).toContain(
      'aria-describedby="field-custom_fields-cf_order_number-hint"',
    );
    expect(res.body).toContain(
      '<p class="hint" id="field-custom_fields-cf_order_number-hint">On your receipt</p>',
    );
    expect(res.body).toContain('<option value="Late">Late</option><option value="Damaged">Damaged</option>');
    expect(tagWithId(res.body, 'field-custom_fields-cf_gift_wrap')).toContain('type="checkbox"');
    expect(res.body).not.toContain('cf_internal_code');
    expect(res.body).not.toContain('name="requester"');
    expect(res.body).not.toContain('name="status"');
    const ja = await signedIn('alice@acme.test', 'alice-password', { 'accept-language': 'ja' });
    expect(h1Of((await ja.get('/support/tickets/new')).body)).toBe('お問い合わせ');
  });

  it('a failed submit keeps everything typed and puts each error next to its field', async () => {
    const alice = await signedIn('alice@acme.test', 'alice-password');
    const form = await alice.get('/support/tickets/new');
    const res = await alice.post('/support/tickets/new', {
      _csrf: csrfOf(form.body),
      subject: '',
      description: 'My parcel <b>never</b> came & I "waited"',
      'custom_fields.cf_refund_reason': 'Damaged',
      'custom_fields.cf_gift_wrap': 'true',
    });
    expect(res.status).toBe(422);
    expect(mainText(res.body)).toContain('There is a problem');
    expect(res.body).toContain('<a href="#field-subject">Subject: This field is required.</a>');
    expect(res.body).toContain(
      '<a href="#field-custom_fields-cf_order_number">Order number: This field is required.</a>',
    );
    expect(tagWithId(res.body, 'field-subject')).toContain('aria-invalid="true"');
    expect(tagWithId(res.body, 'field-subject')).toContain('aria-describedby="field-subject-error"');
    expect(res.body).toMatch(
      /<label for="field-subject">[^]*?<\/label><p class="field-error" id="field-subject-error"><span class="vh">Error:<\/span>This field is required\.<\/p><input type="text" id="field-subject"/,
    );
    expect(tagWithId(res.body, 'field-custom_fields-cf_order_number')).toContain(
      'aria-describedby="field-custom_fields-cf_order_number-error field-custom_fields-cf_order_number-hint"',
    );
    expect(res.body).toContain(
      'My parcel &lt;b&gt;never&lt;/b&gt; came &amp; I &quot;waited&quot;</textarea>',
    );
    expect(res.body).toContain('<option value="Damaged" selected>Damaged</option>');
    expect(tagWithId(res.body, 'field-custom_fields-cf_gift_wrap')).toContain('checked');
    expect(tagWithId(res.body, 'field-description')).not.toContain('aria-invalid');
    // Nothing was created.
    expect(mainText((await alice.get('/support/tickets')).body)).toContain('You have no tickets yet.');

    const ja = await signedIn('alice@acme.test', 'alice-password', { 'accept-language': 'ja' });
    const jaForm = await ja.get('/support/tickets/new');
    const jaRes = await ja.post('/support/tickets/new', { _csrf: csrfOf(jaForm.body), subject: 'x' });
    expect(jaRes.status).toBe(422);
    expect(jaRes.body).toContain('この項目は必須です。');
  });

  it('submitting creates the ticket and shows it, escaped, with a confirmation', async () => {
    const alice = await signedIn('alice@acme.test', 'alice-password');
    const form = await alice.get('/support/tickets/new');
    expect(
      (await alice.post('/support/tickets/new', { _csrf: 'wrong', subject: 'x', description: 'y' })).status,
    ).toBe(403);
    const res = await alice.post('/support/tickets/new', {
      _csrf: csrfOf(form.body),
      subject: '<script>alert("x")</script> Broken',
      description: 'Line one\n\n<img src=x onerror=alert(1)>',
      'custom_fields.cf_order_number': 'A-100',
      'custom_fields.cf_refund_reason': 'Late',
    });
    expect(res.status).toBe(303);
    const match = /^\/support\/tickets\/(\d+)\?notice=submitted$/.exec(res.location ?? '');
    expect(match).not.toBeNull();
    aliceTicket = Number(match![1]);

    const page = await alice.get(res.location!);
    expect(page.status).toBe(200);
    expect(mainText(page.body)).toContain('Your ticket has been submitted.');
    expect(page.body).toContain(
      '<h1 id="page-title">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Broken</h1>',
    );
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).not.toMatch(/<img[^>]*onerror/);
    expect(mainText(page.body)).toContain('Being processed');
    expect(mainText(page.body)).toContain('Line one');
    expect(mainText(page.body)).toContain('Order number A-100');

    const api = await desk.call('GET', `/api/v2/tickets/${aliceTicket}`);
    expect(api.data).toMatchObject({ source: 2, status: 2, custom_fields: { cf_order_number: 'A-100' } });

    const list = await alice.get('/support/tickets');
    expect(list.body).toContain(
      `<a href="/support/tickets/${aliceTicket}">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Broken</a>`,
    );
  });

  it('a contact sees only their own tickets: others get 404', async () => {
    const bob = await signedIn('bob@acme.test', 'bob-password');
    const res = await bob.get(`/support/tickets/${aliceTicket}`);
    expect(res.status).toBe(404);
    expect(h1Of(res.body)).toBe('Page not found');
    expect(res.body).not.toContain('Broken');
    expect(mainText((await bob.get('/support/tickets')).body)).toContain('You have no tickets yet.');
    const token = csrfOf((await bob.get('/support/tickets/new')).body);
    const reply = await bob.post(`/support/tickets/${aliceTicket}`, { _csrf: token, body: 'Not mine' });
    expect(reply.status).toBe(404);
    const conversations = await desk.call('GET', `/api/v2/tickets/${aliceTicket}/conversations`);
    expect(conversations.data).toEqual([]);
  });

  it('replies: CSRF checked, blank refused next to the box, posted replies appear with the public conversation', async () => {
    const alice = await signedIn('alice@acme.test', 'alice-password');
    const bob = await signedIn('bob@acme.test', 'bob-password');
    const url = `/support/tickets/${aliceTicket}`;
    await desk.call('POST', `/api/v2/tickets/${aliceTicket}/reply`, {
      body: { body: '<p>We are on it.</p>' },
    });
    await desk.call('POST', `/api/v2/tickets/${aliceTicket}/notes`, {
      body: { body: '<p>Secret note</p>', private: true },
    });

    const page = await alice.get(url);
    expect(mainText(page.body)).toContain('We are on it.');
    expect(mainText(page.body)).not.toContain('Secret note');
    expect(page.body).toContain('<label for="reply-body">Your reply');

    expect((await alice.post(url, { body: 'Hello?' })).status).toBe(403);
    const bobToken = csrfOf((await bob.get('/support/tickets')).body);
    expect((await alice.post(url, { _csrf: bobToken, body: 'Hello?' })).status).toBe(403);

    const token = csrfOf(page.body);
    const blank = await alice.post(url, { _csrf: token, body: '   ' });
    expect(blank.status).toBe(422);
    expect(tagWithId(blank.body, 'reply-body')).toContain('aria-invalid="true"');
    expect(blank.body).toContain('<p class="field-error" id="reply-body-error">');
    expect(blank.body).toContain('<a href="#reply-body">Your reply: This field is required.</a>');

    const sent = await alice.post(url, { _csrf: token, body: 'Thanks! <b>bold?</b>' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${url}?notice=replied`);
    const after = await alice.get(sent.location!);
    expect(mainText(after.body)).toContain('Your reply has been added.');
    expect(after.body).toContain('Thanks! &lt;b&gt;bold?&lt;/b&gt;');
    const messages = [...after.body.matchAll(/<article class="message[^"]*">/g)];
    expect(messages).toHaveLength(3);
  });

  it('the contact pages in Japanese', async () => {
    const ja = await signedIn('alice@acme.test', 'alice-password', { 'accept-language': 'ja' });
    const list = await ja.get('/support/tickets');
    expect(list.status).toBe(200);
    expect(h1Of(list.body)).toBe('マイチケット');
    expect(list.body).toContain('<th scope="col">件名</th>');
    const ticket = await ja.get(`/support/tickets/${aliceTicket}`);
    expect(ticket.status).toBe(200);
    expect(mainText(ticket.body)).toContain(`チケット #${aliceTicket}`);
    expect(mainText(ticket.body)).toContain('ステータス: 対応中');
    expect(ticket.body).toContain('<h2>やり取り</h2>');
    expect(ticket.body).toContain('<label for="reply-body">返信内容');
    expect(ticket.body).toContain('<button type="submit">ログアウト</button>');
    const visitor = browser({ 'accept-language': 'ja' });
    expect(h1Of((await visitor.get('/support/login')).body)).toBe('ログイン');
    expect(h1Of((await visitor.get('/support/password/new')).body)).toBe('パスワードの設定');
    const bad = await visitor.get('/support/password/set?token=short');
    expect(mainText(bad.body)).toContain('このリンクは無効、使用済み、または期限切れです。');
  });

  it('sign-out needs the session token, ends the session and says so', async () => {
    const alice = await signedIn('alice@acme.test', 'alice-password');
    const oldCookies = new Map(alice.cookies);
    const page = await alice.get('/support/tickets');
    expect(page.body).toContain('<form method="post" action="/support/logout">');
    expect((await alice.post('/support/logout', {})).status).toBe(403);
    const res = await alice.post('/support/logout', { _csrf: csrfOf(page.body) });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/support/home?notice=signed-out');
    expect(alice.cookies.has('tandem_portal_session')).toBe(false);
    const home = await alice.get(res.location!);
    expect(mainText(home.body)).toContain('You have been signed out.');
    expect((await alice.get('/support/tickets')).status).toBe(303);
    // The old cookie is dead too.
    const replay = browser();
    for (const [k, v] of oldCookies) replay.cookies.set(k, v);
    expect((await replay.get('/support/tickets')).status).toBe(303);
  });

  it('a contact without a password gets a link by mail and sets one', async () => {
    const dave = browser();
    const page = await dave.get('/support/password/new');
    expect(page.status).toBe(200);
    expect(h1Of(page.body)).toBe('Set your password');
    const token = csrfOf(page.body);
    expect((await dave.post('/support/password/new', { email: 'dave@acme.test' })).status).toBe(403);

    const blank = await dave.post('/support/password/new', { _csrf: token, email: '' });
    expect(blank.status).toBe(422);
    expect(tagWithId(blank.body, 'reset-email')).toContain('aria-invalid="true"');

    for (const email of ['dave@acme.test', 'nobody@acme.test']) {
      const res = await dave.post('/support/password/new', { _csrf: token, email });
      expect(res.status).toBe(200);
      expect(mainText(res.body)).toContain('a link to set your password is on its way');
    }
    const mail = await desk.services.db
      .selectFrom('outbox_emails')
      .select(['to_address', 'text_body'])
      .where('to_address', '=', 'dave@acme.test')
      .executeTakeFirstOrThrow();
    const link = /http:\/\/help\.a\.test(\/support\/password\/set\?token=[A-Za-z0-9_-]+)/.exec(
      mail.text_body,
    );
    expect(link).not.toBeNull();

    const form = await dave.get(link![1]!);
    expect(form.status).toBe(200);
    expect(h1Of(form.body)).toBe('Choose a password');
    const setToken = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const csrf = csrfOf(form.body);
    const short = await dave.post('/support/password/set', {
      _csrf: csrf,
      token: setToken,
      password: 'short',
      password_confirmation: 'short',
    });
    expect(short.status).toBe(422);
    expect(short.body).toContain('<p class="field-error" id="new-password-error">');
    const mismatch = await dave.post('/support/password/set', {
      _csrf: csrf,
      token: setToken,
      password: 'dave-password',
      password_confirmation: 'dave-passw0rd',
    });
    expect(mismatch.status).toBe(422);
    expect(mainText(mismatch.body)).toContain('The two passwords do not match.');
    const ok = await dave.post('/support/password/set', {
      _csrf: csrf,
      token: setToken,
      password: 'dave-password',
      password_confirmation: 'dave-password',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/support/login?notice=password-set');
    expect(mainText((await dave.get(ok.location!)).body)).toContain('Your password is set');
    await dave.signIn('dave@acme.test', 'dave-password');

    const reused = await browser().get(link![1]!);
    expect(reused.status).toBe(200);
    const again = browser();
    const againForm = await again.get(link![1]!);
    const reuse = await again.post('/support/password/set', {
      _csrf: csrfOf(againForm.body),
      token: setToken,
      password: 'other-password',
      password_confirmation: 'other-password',
    });
    expect(reuse.status).toBe(400);
    expect(mainText(reuse.body)).toContain('This link is invalid, already used or expired.');
    const garbage = await browser().get('/support/password/set?token=abc');
    expect(garbage.status).toBe(400);
  });
});
