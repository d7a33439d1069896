import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';
import { csrfOf, h1Of, insertContact, mainText, TestBrowser, textOf } from './pages/page-test-helpers.js';

/** The knowledge-base side of the portal: hosts, languages, visibility, search, votes. */
describe.each(TEST_DATABASE_KINDS)('Portal pages: help center (%s)', (kind) => {
  let desk: TestDesk;
  const ids: Record<string, number> = {};

  const post = async (url: string, body: unknown) => {
    const res = await desk.call('POST', url, { body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.data.id as number;
  };
  const folder = (categoryId: number, name: string, visibility: number, companyIds?: number[]) =>
    post(`/api/v2/solutions/categories/${categoryId}/folders`, {
      name,
      visibility,
      ...(companyIds ? { company_ids: companyIds } : {}),
    });
  const article = (folderId: number, title: string, status = 2) =>
    post(`/api/v2/solutions/folders/${folderId}/articles`, {
      title,
      description: `<p>${title}: the zebra manual.</p><script>alert(1)</script>`,
      status,
    });
  const articleData = async (id: number) => (await desk.call('GET', `/api/v2/solutions/articles/${id}`)).data;

  const visitor = (host = 'help.a.test', headers: Record<string, string> = {}) =>
    new TestBrowser(desk, host, headers);

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    ids.acme = await post('/api/v2/companies', { name: 'Acme' });
    ids.globex = await post('/api/v2/companies', { name: 'Globex' });
    ids.catA = await post('/api/v2/solutions/categories', {
      name: 'Getting started',
      description: 'First steps',
    });
    ids.catB = await post('/api/v2/solutions/categories', { name: 'Billing' });
    ids.catHidden = await post('/api/v2/solutions/categories', { name: 'Not on any portal' });
    ids.public = await folder(ids.catA, 'Basics', 1);
    ids.members = await folder(ids.catA, 'Members area', 2);
    ids.agents = await folder(ids.catA, 'Agents only', 3);
    ids.acmeFolder = await folder(ids.catA, 'Acme customers', 4, [ids.acme]);
    ids.billing = await folder(ids.catB, 'Invoices', 1);
    ids.hiddenFolder = await folder(ids.catHidden, 'Elsewhere', 1);
    ids.publicArticle = await article(ids.public, 'Zebra reset guide');
    ids.draft = await article(ids.public, 'Zebra draft plan', 1);
    ids.membersArticle = await article(ids.members, 'Zebra member perks');
    ids.agentsArticle = await article(ids.agents, 'Zebra internal escalation');
    ids.acmeArticle = await article(ids.acmeFolder, 'Zebra contract terms');
    ids.billingArticle = await article(ids.billing, 'Zebra invoices explained');
    ids.hiddenArticle = await article(ids.hiddenFolder, 'Zebra nowhere');
    ids.portalA = await post('/api/v2/portals', {
      name: 'Acme Help',
      host: 'help.a.test',
      brand_color: '#aa3300',
      logo_url: 'http://cdn.a.test/logo.png',
      category_ids: [ids.catA],
    });
    ids.portalB = await post('/api/v2/portals', {
      name: 'Billing Desk',
      host: 'help.b.test',
      brand_color: '#ffee00',
      category_ids: [ids.catB],
    });
    await insertContact(desk, {
      name: 'Alice',
      email: 'alice@acme.test',
      password: 'alice-password',
      companyId: ids.acme,
    });
    await insertContact(desk, {
      name: 'Bob',
      email: 'bob@globex.test',
      password: 'bob-password',
      companyId: ids.globex,
    });
  });
  afterAll(async () => desk?.close());

  it('/ leads to the help-center home', async () => {
    const res = await visitor().get('/');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/support/home');
    const bare = await visitor().get('/support');
    expect(bare.status).toBe(303);
    expect(bare.location).toBe('/support/home');
  });

  it('home: the portal branding, its categories and the folders a visitor may see, with safe headers', async () => {
    const res = await visitor().get('/support/home');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; img-src 'self' https: data: http://cdn.a.test; style-src 'self' 'unsafe-inline'; " +
        "form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.raw).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(res.body).toContain('<title>How can we help you? – Acme Help</title>');
    expect(res.body).toContain('header.top{background:#aa3300;color:#ffffff}');
    expect(res.body).toContain('<img src="http://cdn.a.test/logo.png" alt="">');
    expect(res.body).toContain('<a class="skip" href="#main">Skip to main content</a>');
    expect(res.body).toContain('<main id="main" tabindex="-1">');
    expect(res.body).toContain('<nav aria-label="Main">');
    expect(res.body).toContain('<a href="/support/home" aria-current="page">Home</a>');
    expect(res.body).toContain('<a href="/support/login">Sign in</a>');
    expect(h1Of(res.body)).toBe('How can we help you?');
    const main = mainText(res.body);
    expect(main).toContain('Getting started');
    expect(main).toContain('Basics (1 article)');
    for (const hidden of ['Members area', 'Agents only', 'Acme customers', 'Billing', 'Not on any portal'])
      expect(main).not.toContain(hidden);
    expect(res.body).toContain(`<a href="/support/solutions/folders/${ids.public}">Basics</a>`);
    // /support/solutions is the same page.
    expect(h1Of((await visitor().get('/support/solutions')).body)).toBe('How can we help you?');
  });

  it('resolves the portal by Host: each shows only its categories; unknown hosts get the default', async () => {
    const b = await visitor('HELP.B.TEST').get('/support/home');
    expect(b.status).toBe(200);
    expect(b.body).toContain('<title>How can we help you? – Billing Desk</title>');
    // A light brand colour gets dark text.
    expect(b.body).toContain('header.top{background:#ffee00;color:#111111}');
    expect(mainText(b.body)).toContain('Invoices (1 article)');
    expect(mainText(b.body)).not.toContain('Basics');

    const other = await visitor('unknown.example:8443').get('/support/home');
    expect(other.body).toContain('– Acme Help</title>');
    expect(mainText(other.body)).toContain('Basics');
  });

  it('Japanese from Accept-Language, from the lang cookie, and through the switcher', async () => {
    const ja = await visitor('help.a.test', { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' }).get(
      '/support/home',
    );
    expect(ja.body).toContain('<html lang="ja">');
    expect(h1Of(ja.body)).toBe('どのようなご用件ですか？');
    expect(ja.body).toContain('<a href="/support/tickets/new">お問い合わせ</a>');
    expect(mainText(ja.body)).toContain('Basics (記事 1 件)');

    const preferEnglish = await visitor('help.a.test', { 'accept-language': 'ja;q=0.5, en' }).get(
      '/support/home',
    );
    expect(preferEnglish.body).toContain('<html lang="en">');

    const browser = visitor('help.a.test', { 'accept-language': 'en' });
    browser.cookies.set('lang', 'ja');
    expect((await browser.get('/support/search')).body).toContain('<html lang="ja">');

    const switcher = visitor('help.a.test', { 'accept-language': 'ja' });
    const home = await switcher.get('/support/search?term=x');
    expect(home.body).toContain(
      '<a href="/support/lang?lang=en&amp;next=%2Fsupport%2Fsearch%3Fterm%3Dx" lang="en" hreflang="en">English</a>',
    );
    const res = await switcher.get('/support/lang?lang=en&next=%2Fsupport%2Fsearch%3Fterm%3Dx');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/support/search?term=x');
    expect(switcher.cookies.get('lang')).toBe('en');
    const after = await switcher.get('/support/search?term=x');
    expect(after.body).toContain('<html lang="en">');
    expect(after.body).toContain('lang="en" hreflang="en" aria-current="true">English</a>');

    // The switcher never sends anyone to another site.
    const offsite = await switcher.get('/support/lang?lang=ja&next=https%3A%2F%2Fevil.test%2F');
    expect(offsite.location).toBe('/support/home');
    expect((await switcher.get('/support/lang?lang=xx&next=//evil.test')).location).toBe('/support/home');
  });

  it('folder page: its published articles; drafts never listed', async () => {
    const res = await visitor().get(`/support/solutions/folders/${ids.public}`);
    expect(res.status).toBe(200);
    expect(h1Of(res.body)).toBe('Basics');
    expect(res.body).toContain('<nav class="crumbs" aria-label="Breadcrumb">');
    expect(res.body).toContain(
      `<a href="/support/solutions/articles/${ids.publicArticle}">Zebra reset guide</a>`,
    );
    expect(res.body).not.toContain('Zebra draft plan');
  });

  it('article page: the sanitized body, vote buttons, and a counted view', async () => {
    const before = (await articleData(ids.publicArticle!)).hits;
    const res = await visitor().get(`/support/solutions/articles/${ids.publicArticle}`);
    expect(res.status).toBe(200);
    expect(h1Of(res.body)).toBe('Zebra reset guide');
    expect(res.body).toContain('<p>Zebra reset guide: the zebra manual.</p>');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('Was this article helpful?');
    expect(res.body).toContain('name="helpful" value="yes"');
    expect((await articleData(ids.publicArticle!)).hits).toBe(before + 1);
  });

  it('folder and article pages in Japanese', async () => {
    const ja = visitor('help.a.test', { 'accept-language': 'ja' });
    const folderPage = await ja.get(`/support/solutions/folders/${ids.public}`);
    expect(folderPage.status).toBe(200);
    expect(folderPage.body).toContain('<nav class="crumbs" aria-label="パンくずリスト">');
    expect(folderPage.body).toContain('<h2>記事</h2>');
    const articlePage = await ja.get(`/support/solutions/articles/${ids.publicArticle}`);
    expect(articlePage.status).toBe(200);
    expect(mainText(articlePage.body)).toContain('この記事は役に立ちましたか？');
    expect(mainText(articlePage.body)).toMatch(/更新日 \d{4}\/\d{2}\/\d{2}/);
    expect(articlePage.body).toContain('value="yes"');
    expect(mainText(articlePage.body)).toContain('はい');
  });

  const guarded = () => [
    ['members folder', `/support/solutions/folders/${ids.members}`],
    ['agents folder', `/support/solutions/folders/${ids.agents}`],
    ['company folder', `/support/solutions/folders/${ids.acmeFolder}`],
    ['other portal folder', `/support/solutions/folders/${ids.billing}`],
    ['folder on no portal', `/support/solutions/folders/${ids.hiddenFolder}`],
    ['members article', `/support/solutions/articles/${ids.membersArticle}`],
    ['agents article', `/support/solutions/articles/${ids.agentsArticle}`],
    ['company article', `/support/solutions/articles/${ids.acmeArticle}`],
    ['other portal article', `/support/solutions/articles/${ids.billingArticle}`],
    ['article on no portal', `/support/solutions/articles/${ids.hiddenArticle}`],
    ['draft article', `/support/solutions/articles/${ids.draft}`],
    ['unknown article', '/support/solutions/articles/999999'],
    ['malformed id', '/support/solutions/articles/12abc'],
    ['unknown page', '/support/nothing/here'],
  ];

  it('a visitor who guesses URLs gets the 404 page, never the content', async () => {
    const browser = visitor();
    for (const [what, url] of guarded()) {
      const res = await browser.get(url!);
      expect(res.status, what).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(h1Of(res.body), what).toBe('Page not found');
      expect(res.body, what).not.toMatch(/Zebra|Members area|Agents only|Acme customers|Invoices/);
    }
    const ja = await visitor('help.a.test', { 'accept-language': 'ja' }).get(
      `/support/solutions/articles/${ids.agentsArticle}`,
    );
    expect(ja.status).toBe(404);
    expect(h1Of(ja.body)).toBe('ページが見つかりません');
  });

  it('a signed-in contact also sees logged-in folders and their company folders, nothing more', async () => {
    const alice = visitor();
    await alice.signIn('alice@acme.test', 'alice-password');
    const home = await alice.get('/support/home');
    expect(mainText(home.body)).toContain('Members area');
    expect(mainText(home.body)).toContain('Acme customers');
    expect(mainText(home.body)).not.toContain('Agents only');
    expect(home.body).toContain('<a href="/support/tickets">My tickets</a>');
    for (const url of [
      `/support/solutions/folders/${ids.members}`,
      `/support/solutions/folders/${ids.acmeFolder}`,
      `/support/solutions/articles/${ids.membersArticle}`,
      `/support/solutions/articles/${ids.acmeArticle}`,
    ]) {
      expect((await alice.get(url)).status, url).toBe(200);
    }
    for (const url of [
      `/support/solutions/folders/${ids.agents}`,
      `/support/solutions/articles/${ids.agentsArticle}`,
      `/support/solutions/articles/${ids.billingArticle}`,
      `/support/solutions/articles/${ids.draft}`,
    ]) {
      expect((await alice.get(url)).status, url).toBe(404);
    }

    const bob = visitor();
    await bob.signIn('bob@globex.test', 'bob-password');
    expect((await bob.get(`/support/solutions/articles/${ids.membersArticle}`)).status).toBe(200);
    expect((await bob.get(`/support/solutions/articles/${ids.acmeArticle}`)).status).toBe(404);
    expect((await bob.get(`/support/solutions/folders/${ids.acmeFolder}`)).status).toBe(404);

    // A session belongs to the portal it was opened on: on portal B, Alice is a visitor.
    const aliceOnB = new TestBrowser(desk, 'help.b.test');
    for (const [k, v] of alice.cookies) aliceOnB.cookies.set(k, v);
    const bHome = await aliceOnB.get('/support/home');
    expect(bHome.body).toContain('<a href="/support/login">Sign in</a>');
  });

  it('search shows only what the viewer may read on this portal', async () => {
    const titles = (html: string) =>
      [...html.matchAll(/<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
    const res = await visitor().get('/support/search?term=zebra');
    expect(res.status).toBe(200);
    expect(h1Of(res.body)).toBe('Search');
    expect(res.body).toContain('value="zebra"');
    expect(mainText(res.body)).toContain('Results for “zebra”');
    expect(titles(res.body)).toEqual(['Zebra reset guide']);

    const alice = visitor();
    await alice.signIn('alice@acme.test', 'alice-password');
    expect(titles((await alice.get('/support/search?term=zebra')).body).sort()).toEqual([
      'Zebra contract terms',
      'Zebra member perks',
      'Zebra reset guide',
    ]);

    const onB = await visitor('help.b.test').get('/support/search?term=zebra');
    expect(titles(onB.body)).toEqual(['Zebra invoices explained']);

    const none = await visitor().get('/support/search?term=internal+escalation');
    expect(mainText(none.body)).toContain('No articles match your search.');
    const empty = await visitor().get('/support/search');
    expect(mainText(empty.body)).toContain('Type a few words to search the articles.');
    const ja = await visitor('help.a.test', { 'accept-language': 'ja' }).get('/support/search?term=zebra');
    expect(mainText(ja.body)).toContain('「zebra」の検索結果');
    // The term is shown escaped.
    const xss = await visitor().get('/support/search?term=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(xss.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xss.body).not.toContain('<script>alert');
  });

  it('votes: CSRF checked, counted, thanked; no vote on what the viewer cannot see', async () => {
    const url = `/support/solutions/articles/${ids.publicArticle}`;
    const browser = visitor();
    const page = await browser.get(url);
    const token = csrfOf(page.body);
    expect(browser.cookies.get('tandem_portal_csrf')).toBe(token);
    const before = await articleData(ids.publicArticle!);

    const missing = await browser.post(`${url}/vote`, { helpful: 'yes' });
    expect(missing.status).toBe(403);
    expect(h1Of(missing.body)).toBe('Request refused');
    const wrong = await browser.post(`${url}/vote`, { helpful: 'yes', _csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    // Another visitor's token does not work with this visitor's cookie.
    const other = visitor();
    const otherToken = csrfOf((await other.get(url)).body);
    expect((await browser.post(`${url}/vote`, { helpful: 'yes', _csrf: otherToken })).status).toBe(403);

    const yes = await browser.post(`${url}/vote`, { helpful: 'yes', _csrf: token });
    expect(yes.status).toBe(303);
    expect(yes.location).toBe(`${url}?voted=1`);
    const no = await browser.post(`${url}/vote`, { helpful: 'no', _csrf: token });
    expect(no.status).toBe(303);
    const after = await articleData(ids.publicArticle!);
    expect(after.thumbs_up).toBe(before.thumbs_up + 1);
    expect(after.thumbs_down).toBe(before.thumbs_down + 1);

    const thanks = await browser.get(`${url}?voted=1`);
    expect(mainText(thanks.body)).toContain('Thank you for your feedback.');
    expect(thanks.body).not.toContain('name="helpful"');
    // The thank-you view is not a new view.
    expect((await articleData(ids.publicArticle!)).hits).toBe(after.hits);

    const hidden = await browser.post(`/support/solutions/articles/${ids.membersArticle}/vote`, {
      helpful: 'yes',
      _csrf: token,
    });
    expect(hidden.status).toBe(404);
    expect((await articleData(ids.membersArticle!)).thumbs_up).toBe(0);
  });

  it('a post that is not a form gets an HTML error page, not the API JSON', async () => {
    const url = `/support/solutions/articles/${ids.publicArticle}/vote`;
    const bad = await desk.app.inject({
      method: 'POST',
      url,
      headers: { host: 'help.a.test', 'content-type': 'application/json' },
      payload: '{oops',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(h1Of(bad.body)).toBe('Something went wrong');
    const text = await desk.app.inject({
      method: 'POST',
      url,
      headers: { host: 'help.a.test', 'content-type': 'text/plain' },
      payload: 'helpful=yes',
    });
    expect(text.statusCode).toBe(415);
    expect(h1Of(text.body)).toBe('Something went wrong');
  });

  it('escapes what admins and authors type into names', async () => {
    await desk.call('PUT', `/api/v2/portals/${ids.portalB}`, { body: { name: 'Billing <b>Desk</b>' } });
    await desk.call('PUT', `/api/v2/solutions/folders/${ids.billing}`, {
      body: { name: 'Invoices "&" <i>more</i>' },
    });
    const res = await visitor('help.b.test').get('/support/home');
    expect(res.body).toContain('<span>Billing &lt;b&gt;Desk&lt;/b&gt;</span>');
    expect(res.body).toContain('Invoices &quot;&amp;&quot; &lt;i&gt;more&lt;/i&gt;');
    expect(textOf(res.body)).toContain('Invoices "&" <i>more</i>');
  });
});

describe.each(TEST_DATABASE_KINDS)('Portal pages without any portal (%s)', (kind) => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk(kind);
  });
  afterAll(async () => desk?.close());

  it('shows a friendly "no portal configured" 404 page', async () => {
    for (const url of ['/support/home', '/support/solutions/articles/1', '/support/login', '/support/nope']) {
      const res = await new TestBrowser(desk).get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(h1Of(res.body)).toBe('No portal configured');
      expect(mainText(res.body)).toContain('POST /api/v2/portals');
    }
    const ja = await new TestBrowser(desk, 'localhost', { 'accept-language': 'ja' }).get('/support/home');
    expect(h1Of(ja.body)).toBe('ポータルが設定されていません');
  });
});
