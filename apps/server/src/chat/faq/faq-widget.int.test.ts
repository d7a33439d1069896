import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite } from '../conversations/conversation-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('Chat FAQ in the widget (%s)', (kind) => {
  let chat: TestChat;
  let site: string;
  let visitor: string;
  let otherVisitor: string;
  const ids: Record<string, string> = {};
  const cats: Record<string, string> = {};

  async function newVisitor() {
    const account = await chat.services.db
      .selectFrom('accounts')
      .select(['app_id', 'widget_token'])
      .executeTakeFirstOrThrow();
    const res = await chat.call('POST', '/v2/widget/sessions', {
      token: null,
      body: { app_id: account.app_id, widget_token: account.widget_token, site_id: site },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.data.session_token as string;
  }
  const widget = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    chat.call(method, url, { token, ...(body !== undefined ? { body } : {}) });

  async function category(name: string, extra: Record<string, unknown> = {}) {
    const res = await chat.call('POST', '/v2/faq/categories', { body: { name, ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    cats[name] = res.data.id;
    return res.data.id as string;
  }
  async function article(categoryId: string, title: string, body: string, status = 'published') {
    const res = await chat.call('POST', '/v2/faq/articles', {
      body: { category_id: categoryId, title, body, status },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[title] = res.data.id;
    return res.data.id as string;
  }
  const titleOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
  const found = async (q: string, token = visitor, extra = '') => {
    const res = await widget(token, 'GET', `/v2/widget/faq/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.data.articles as { id: string }[]).map((a) => titleOf(a.id));
  };

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    site = await makeSite(chat);
    visitor = await newVisitor();
    otherVisitor = await newVisitor();

    const account = await category('Account', { description: 'Sign-in and settings' });
    const chatting = await category('チャット', { locale: 'ja' });
    const drafts = await category('Only drafts');
    await category('Empty');
    const english = await category('English only', { locale: 'en' });
    await article(
      account,
      'Resetting your password',
      '<p>Open <b>Settings</b>, then choose <i>Security</i>.</p><script>steal()</script>' +
        '<img src="https://example.com/s.png" onerror="steal()">',
    );
    await article(account, 'Two-factor authentication', '<p>Use an authenticator app to sign in.</p>');
    await article(account, 'Password rules (draft)', '<p>How to reset passwords safely.</p>', 'draft');
    await article(chatting, 'チャットをチケットに変換する', '<p>会話からチケットを作成できます。</p>');
    await article(chatting, '営業時間', '<p>平日の9時から18時まで対応しています。</p>');
    await article(drafts, 'Unfinished', '<p>Not yet.</p>', 'draft');
    await article(english, 'Billing cycles', '<p>You are billed monthly.</p>');
  });
  afterAll(async () => chat?.close());

  it('lists categories with published articles only, by position, with their counts', async () => {
    const res = await widget(visitor, 'GET', '/v2/widget/faq/categories');
    expect(res.statusCode).toBe(200);
    expect(res.data.categories).toEqual([
      {
        id: cats['Account'],
        name: 'Account',
        description: 'Sign-in and settings',
        locale: null,
        article_count: 2,
      },
      { id: cats['チャット'], name: 'チャット', description: null, locale: 'ja', article_count: 2 },
      { id: cats['English only'], name: 'English only', description: null, locale: 'en', article_count: 1 },
    ]);
    await chat.call('PUT', `/v2/faq/categories/${cats['English only']}`, { body: { position: 1 } });
    const moved = await widget(visitor, 'GET', '/v2/widget/faq/categories');
    expect(moved.data.categories.map((c: { name: string }) => c.name)).toEqual([
      'English only',
      'Account',
      'チャット',
    ]);
  });

  it('a locale keeps its own categories (and its language) and those with none', async () => {
    const names = async (locale: string) =>
      (await widget(visitor, 'GET', `/v2/widget/faq/categories?locale=${locale}`)).data.categories.map(
        (c: { name: string }) => c.name,
      );
    expect(await names('ja')).toEqual(['Account', 'チャット']);
    expect(await names('ja-JP')).toEqual(['Account', 'チャット']);
    expect(await names('en-GB')).toEqual(['English only', 'Account']);
    expect(await names('fr')).toEqual(['Account']);
    expect(await found('billed', visitor, '&locale=ja')).toEqual([]);
    expect(await found('billed', visitor, '&locale=en')).toEqual(['Billing cycles']);
    const bad = await widget(visitor, 'GET', '/v2/widget/faq/categories?locale=%3Cx%3E');
    expect(bad.statusCode).toBe(400);
  });

  it("lists a category's published articles by position; drafts are never there", async () => {
    const res = await widget(visitor, 'GET', `/v2/widget/faq/categories/${cats['Account']}/articles`);
    expect(res.statusCode).toBe(200);
    expect(res.data.articles).toEqual([
      {
        id: ids['Resetting your password'],
        category_id: cats['Account'],
        title: 'Resetting your password',
        updated_time: expect.stringMatching(/Z$/),
      },
      expect.objectContaining({ title: 'Two-factor authentication' }),
    ]);
    expect(res.data.pagination).toMatchObject({ total_items: 2, current_page: 1 });
    const paged = await widget(
      visitor,
      'GET',
      `/v2/widget/faq/categories/${cats['Account']}/articles?items_per_page=1&page=2`,
    );
    expect(paged.data.articles.map((a: { title: string }) => a.title)).toEqual(['Two-factor authentication']);
    const onlyDrafts = await widget(
      visitor,
      'GET',
      `/v2/widget/faq/categories/${cats['Only drafts']}/articles`,
    );
    expect(onlyDrafts.data.articles).toEqual([]);
    const unknown = await widget(
      visitor,
      'GET',
      '/v2/widget/faq/categories/00000000-0000-4000-8000-000000000000/articles',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('shows a published article as sanitized HTML, without staff fields; a draft is 404', async () => {
    const res = await widget(visitor, 'GET', `/v2/widget/faq/articles/${ids['Resetting your password']}`);
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id: ids['Resetting your password'],
      category_id: cats['Account'],
      title: 'Resetting your password',
      body: '<p>Open <b>Settings</b>, then choose <i>Security</i>.</p><img src="https://example.com/s.png" />',
      tags: [],
      updated_time: expect.stringMatching(/Z$/),
      feedback: null,
    });
    const draft = await widget(visitor, 'GET', `/v2/widget/faq/articles/${ids['Password rules (draft)']}`);
    expect(draft.statusCode).toBe(404);
    expect(draft.data).toMatchObject({ code: 404, status: 'NOT_FOUND' });

    // Published, it appears everywhere; unpublished again, it is gone everywhere.
    const url = `/v2/faq/articles/${ids['Unfinished']}`;
    await chat.call('PUT', url, { body: { status: 'published' } });
    expect((await widget(visitor, 'GET', `/v2/widget/faq/articles/${ids['Unfinished']}`)).statusCode).toBe(
      200,
    );
    expect(await found('unfinished')).toEqual(['Unfinished']);
    await chat.call('PUT', url, { body: { status: 'draft' } });
    expect((await widget(visitor, 'GET', `/v2/widget/faq/articles/${ids['Unfinished']}`)).statusCode).toBe(
      404,
    );
    expect(await found('unfinished')).toEqual([]);
  });

  describe('search', () => {
    it('English by stem: "reset passwords" finds "Resetting your password", never the draft', async () => {
      expect(await found('reset passwords')).toEqual(['Resetting your password']);
      expect(await found('PASSWORD')).toEqual(['Resetting your password']);
      expect(await found('authenticator')).toEqual(['Two-factor authentication']);
      expect(await found('settings security')).toEqual(['Resetting your password']);
      expect(await found('password helicopter')).toEqual([]);
    });

    it('Japanese finds Japanese: "チケット" finds "チャットをチケットに変換する"', async () => {
      expect(await found('チケット')).toEqual(['チャットをチケットに変換する']);
      expect(await found('営業時間')).toEqual(['営業時間']);
      expect(await found('18時')).toEqual(['営業時間']);
      expect(await found('ﾁｹｯﾄ')).toEqual(['チャットをチケットに変換する']);
      expect(await found('チケット販売')).toEqual([]);
    });

    it('answers a snippet of plain text, title matches first, at most 20', async () => {
      const res = await widget(visitor, 'GET', '/v2/widget/faq/search?q=settings');
      expect(res.data.articles).toEqual([
        {
          id: ids['Resetting your password'],
          category_id: cats['Account'],
          category_name: 'Account',
          title: 'Resetting your password',
          snippet: 'Open Settings, then choose Security.',
        },
      ]);

      const many = await category('Many');
      const long = `${'Filler words about nothing. '.repeat(20)}The widget answers here. ${'More filler. '.repeat(20)}`;
      for (let i = 1; i <= 22; i++) await article(many, `Article ${i}`, `<p>${long}</p>`);
      await article(many, 'Widget basics', '<p>Short.</p>');
      const capped = await widget(visitor, 'GET', '/v2/widget/faq/search?q=widget');
      expect(capped.data.articles).toHaveLength(20);
      expect(capped.data.articles[0].title).toBe('Widget basics');
      const hit = capped.data.articles[1];
      expect(hit.snippet.length).toBeLessThanOrEqual(162);
      expect(hit.snippet).toContain('The widget answers here.');
      expect(hit.snippet).toMatch(/^….*…$/);
      expect(
        (await widget(visitor, 'GET', '/v2/widget/faq/search?q=widget&limit=5')).data.articles,
      ).toHaveLength(5);
      await chat.call('DELETE', `/v2/faq/categories/${many}?cascade=true`);
    });

    it('nothing to search finds nothing; a blank or missing q is 400', async () => {
      expect(await found('?!… 、。')).toEqual([]);
      expect(await found('the')).toEqual([]);
      for (const query of ['', '?q=', '?q=%20%20', `?q=${'x'.repeat(201)}`, '?q=x&limit=21']) {
        const res = await widget(visitor, 'GET', `/v2/widget/faq/search${query}`);
        expect(res.statusCode, query).toBe(400);
      }
    });
  });

  describe('feedback', () => {
    const counts = async (id: string) => {
      const res = await chat.call('GET', `/v2/faq/articles/${id}`);
      return [res.data.helpful_count, res.data.not_helpful_count];
    };

    it('one vote per user per article: repeating it counts once, changing it moves it', async () => {
      const id = ids['Two-factor authentication']!;
      const url = `/v2/widget/faq/articles/${id}/feedback`;
      const first = await widget(visitor, 'POST', url, { helpful: true });
      expect(first.statusCode).toBe(200);
      expect(first.data).toEqual({ article_id: id, helpful: true });
      expect(await counts(id)).toEqual([1, 0]);
      await widget(visitor, 'POST', url, { helpful: true });
      expect(await counts(id)).toEqual([1, 0]);
      expect((await widget(visitor, 'GET', `/v2/widget/faq/articles/${id}`)).data.feedback).toEqual({
        helpful: true,
      });

      await widget(visitor, 'POST', url, { helpful: false });
      expect(await counts(id)).toEqual([0, 1]);
      await widget(otherVisitor, 'POST', url, { helpful: false });
      expect(await counts(id)).toEqual([0, 2]);
      await widget(visitor, 'POST', url, { helpful: true });
      expect(await counts(id)).toEqual([1, 1]);
      expect((await widget(otherVisitor, 'GET', `/v2/widget/faq/articles/${id}`)).data.feedback).toEqual({
        helpful: false,
      });
      const votes = await chat.services.db
        .selectFrom('faq_article_votes')
        .select(['user_id', 'helpful'])
        .where('article_id', '=', id)
        .execute();
      expect(votes).toHaveLength(2);
    });

    it('concurrent votes of many users are all counted', async () => {
      const id = ids['営業時間']!;
      const voters = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newVisitor()));
      await Promise.all(
        voters.map((token, i) =>
          widget(token, 'POST', `/v2/widget/faq/articles/${id}/feedback`, { helpful: i % 3 !== 0 }),
        ),
      );
      expect(await counts(id)).toEqual([4, 2]);
    });

    it('a draft or unknown article takes no vote (404); the body must be {helpful: boolean}', async () => {
      const draft = await widget(
        visitor,
        'POST',
        `/v2/widget/faq/articles/${ids['Password rules (draft)']}/feedback`,
        {
          helpful: true,
        },
      );
      expect(draft.statusCode).toBe(404);
      expect(await counts(ids['Password rules (draft)']!)).toEqual([0, 0]);
      const bad = await widget(visitor, 'POST', `/v2/widget/faq/articles/${ids['営業時間']}/feedback`, {
        helpful: 'yes',
        rating: 5,
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad.data.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`).sort(),
      ).toEqual(['helpful:datatype_mismatch', 'rating:invalid_field']);
    });
  });
});
