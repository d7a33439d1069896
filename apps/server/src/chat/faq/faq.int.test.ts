import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeAgent, makeAgentSession, makeSite } from '../conversations/conversation-test-helpers.js';

describe.each(TEST_DATABASE_KINDS)('Chat FAQ admin API (%s)', (kind) => {
  let chat: TestChat;
  let agentToken: string;
  let adminToken: string;
  let widgetToken: string;

  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000 });
    agentToken = await makeAgentSession(chat, await makeAgent(chat, { role: 'agent' }));
    adminToken = await makeAgentSession(chat, await makeAgent(chat, { role: 'admin' }));
    const account = await chat.services.db
      .selectFrom('accounts')
      .select(['app_id', 'widget_token'])
      .executeTakeFirstOrThrow();
    const session = await chat.call('POST', '/v2/widget/sessions', {
      token: null,
      body: { app_id: account.app_id, widget_token: account.widget_token, site_id: await makeSite(chat) },
    });
    expect(session.statusCode, session.body).toBe(201);
    widgetToken = session.data.session_token;
  });
  afterAll(async () => chat?.close());

  async function category(name: string, extra: Record<string, unknown> = {}) {
    const res = await chat.call('POST', '/v2/faq/categories', { body: { name, ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: string; position: number };
  }
  async function article(categoryId: string, title: string, extra: Record<string, unknown> = {}) {
    const res = await chat.call('POST', '/v2/faq/articles', {
      body: { category_id: categoryId, title, body: `<p>${title}</p>`, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: string; position: number };
  }
  /** Names of all categories in list order, with their positions. */
  async function categoryOrder(): Promise<string[]> {
    const res = await chat.call('GET', '/v2/faq/categories?items_per_page=50');
    return res.data.categories.map((c: { name: string; position: number }) => `${c.position}:${c.name}`);
  }
  async function articleOrder(categoryId: string): Promise<string[]> {
    const res = await chat.call('GET', `/v2/faq/articles?category_id=${categoryId}&items_per_page=50`);
    return res.data.articles.map((a: { title: string; position: number }) => `${a.position}:${a.title}`);
  }
  const fieldCodes = (data: { details: { field: string; code: string }[] }) =>
    data.details.map((d) => `${d.field}:${d.code}`).sort();

  describe('categories', () => {
    it('creates (201, Location), views, updates and deletes (204) a category', async () => {
      const created = await chat.call('POST', '/v2/faq/categories', {
        body: { name: '  Billing  ', description: 'Money questions', locale: 'EN' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.headers.location).toBe(`/v2/faq/categories/${created.data.id}`);
      expect(created.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Billing',
        description: 'Money questions',
        position: 1,
        locale: 'en',
        source: null,
        source_id: null,
        article_count: 0,
        published_article_count: 0,
        created_time: expect.stringMatching(/Z$/),
        updated_time: expect.stringMatching(/Z$/),
      });
      const id = created.data.id as string;
      expect((await chat.call('GET', `/v2/faq/categories/${id}`)).data).toEqual(created.data);

      const updated = await chat.call('PUT', `/v2/faq/categories/${id}`, {
        body: { name: 'Payments', description: null, locale: null },
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.data).toMatchObject({ name: 'Payments', description: null, locale: null, position: 1 });

      expect((await chat.call('DELETE', `/v2/faq/categories/${id}`)).statusCode).toBe(204);
      expect((await chat.call('GET', `/v2/faq/categories/${id}`)).statusCode).toBe(404);
      expect((await chat.call('DELETE', `/v2/faq/categories/${id}`)).statusCode).toBe(404);
      expect((await chat.call('PUT', `/v2/faq/categories/${id}`, { body: { name: 'X' } })).statusCode).toBe(
        404,
      );
    });

    it('keeps positions 1..n: insert at a position, move, delete', async () => {
      await category('A');
      await category('B');
      const c = await category('C');
      const first = await category('First', { position: 1 });
      const far = await category('Far', { position: 99 });
      expect(await categoryOrder()).toEqual(['1:First', '2:A', '3:B', '4:C', '5:Far']);

      await chat.call('PUT', `/v2/faq/categories/${c.id}`, { body: { position: 2 } });
      expect(await categoryOrder()).toEqual(['1:First', '2:C', '3:A', '4:B', '5:Far']);
      await chat.call('PUT', `/v2/faq/categories/${first.id}`, { body: { position: 4 } });
      expect(await categoryOrder()).toEqual(['1:C', '2:A', '3:B', '4:First', '5:Far']);
      await chat.call('PUT', `/v2/faq/categories/${c.id}`, { body: { position: 1000 } });
      expect(await categoryOrder()).toEqual(['1:A', '2:B', '3:First', '4:Far', '5:C']);

      await chat.call('DELETE', `/v2/faq/categories/${first.id}`);
      expect(await categoryOrder()).toEqual(['1:A', '2:B', '3:Far', '4:C']);
      await chat.call('DELETE', `/v2/faq/categories/${far.id}`);
      expect(await categoryOrder()).toEqual(['1:A', '2:B', '3:C']);
    });

    it('lists in the paginated envelope', async () => {
      const res = await chat.call('GET', '/v2/faq/categories?items_per_page=1&page=2');
      expect(res.statusCode).toBe(200);
      expect(res.data.categories).toHaveLength(1);
      expect(res.data.categories[0].position).toBe(2);
      expect(res.data.pagination).toMatchObject({ current_page: 2, items_per_page: 1 });
      expect(res.data.links.previous_page.href).toContain('page=1');
      expect((await chat.call('GET', '/v2/faq/categories?items_per_page=51')).statusCode).toBe(400);
    });

    it('400 with field details: blank name, bad locale and position, unknown fields', async () => {
      const res = await chat.call('POST', '/v2/faq/categories', {
        body: { name: ' ', locale: 'not a locale', position: 0, colour: 'red' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data).toMatchObject({ code: 400, status: 'VALIDATION_FAILED' });
      expect(fieldCodes(res.data)).toEqual([
        'colour:invalid_field',
        'locale:invalid_value',
        'name:invalid_value',
        'position:invalid_value',
      ]);
      const missing = await chat.call('POST', '/v2/faq/categories', { body: {} });
      expect(fieldCodes(missing.data)).toEqual(['name:missing_field']);
      const badId = await chat.call('GET', '/v2/faq/categories/42');
      expect(badId.statusCode).toBe(400);
      expect(fieldCodes(badId.data)).toEqual(['id:invalid_value']);
    });

    it('refuses to delete a category with articles (409) unless cascade=true, which takes them too', async () => {
      const cat = await category('Doomed');
      const draft = await article(cat.id, 'A draft');
      const res = await chat.call('DELETE', `/v2/faq/categories/${cat.id}`);
      expect(res.statusCode).toBe(409);
      expect(res.data).toMatchObject({
        code: 409,
        status: 'CONFLICT',
        details: [expect.objectContaining({ field: 'cascade', code: 'inconsistent_state' })],
      });
      expect(res.data.details[0].message).toContain('1 article');
      expect((await chat.call('GET', `/v2/faq/articles/${draft.id}`)).statusCode).toBe(200);
      expect((await chat.call('DELETE', `/v2/faq/categories/${cat.id}?cascade=false`)).statusCode).toBe(409);

      expect((await chat.call('DELETE', `/v2/faq/categories/${cat.id}?cascade=true`)).statusCode).toBe(204);
      expect((await chat.call('GET', `/v2/faq/categories/${cat.id}`)).statusCode).toBe(404);
      expect((await chat.call('GET', `/v2/faq/articles/${draft.id}`)).statusCode).toBe(404);
    });
  });

  describe('articles', () => {
    it('creates (draft by default), views, updates, lists by category and deletes an article', async () => {
      const cat = await category('Accounts');
      const created = await chat.call('POST', '/v2/faq/articles', {
        body: {
          category_id: cat.id,
          title: 'Resetting your password',
          body: '<h2>Steps</h2><p>Open <b>Settings</b> &amp; choose <i>Reset</i>.</p>',
          tags: ['password', 'login', 'Password'],
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.headers.location).toBe(`/v2/faq/articles/${created.data.id}`);
      expect(created.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        category_id: cat.id,
        title: 'Resetting your password',
        body: '<h2>Steps</h2><p>Open <b>Settings</b> &amp; choose <i>Reset</i>.</p>',
        body_text: 'Steps\nOpen Settings & choose Reset.',
        position: 1,
        status: 'draft',
        tags: ['password', 'login'],
        source: null,
        source_id: null,
        helpful_count: 0,
        not_helpful_count: 0,
        created_time: expect.stringMatching(/Z$/),
        updated_time: expect.stringMatching(/Z$/),
      });
      const id = created.data.id as string;
      expect((await chat.call('GET', `/v2/faq/articles/${id}`)).data).toEqual(created.data);
      const counted = await chat.call('GET', `/v2/faq/categories/${cat.id}`);
      expect(counted.data).toMatchObject({ article_count: 1, published_article_count: 0 });

      const updated = await chat.call('PUT', `/v2/faq/articles/${id}`, {
        body: { status: 'published', title: 'Reset a password', tags: [] },
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.data).toMatchObject({ status: 'published', title: 'Reset a password', tags: [] });
      expect((await chat.call('GET', `/v2/faq/categories/${cat.id}`)).data.published_article_count).toBe(1);

      const other = await article(cat.id, 'Two-factor login');
      const list = await chat.call('GET', `/v2/faq/articles?category_id=${cat.id}`);
      expect(list.data.articles.map((a: { id: string }) => a.id)).toEqual([id, other.id]);
      expect(list.data.pagination.total_items).toBe(2);
      const published = await chat.call('GET', `/v2/faq/articles?category_id=${cat.id}&status=published`);
      expect(published.data.articles.map((a: { id: string }) => a.id)).toEqual([id]);
      const paged = await chat.call('GET', `/v2/faq/articles?category_id=${cat.id}&items_per_page=1&page=2`);
      expect(paged.data.articles.map((a: { id: string }) => a.id)).toEqual([other.id]);
      expect(paged.data.pagination).toMatchObject({ total_items: 2, total_pages: 2, current_page: 2 });

      expect((await chat.call('DELETE', `/v2/faq/articles/${id}`)).statusCode).toBe(204);
      expect((await chat.call('GET', `/v2/faq/articles/${id}`)).statusCode).toBe(404);
      expect((await chat.call('DELETE', `/v2/faq/articles/${id}`)).statusCode).toBe(404);
      expect(await articleOrder(cat.id)).toEqual(['1:Two-factor login']);
    });

    it('sanitizes the body on write: no script, event handlers or javascript: URLs', async () => {
      const cat = await category('Unsafe');
      const res = await chat.call('POST', '/v2/faq/articles', {
        body: {
          category_id: cat.id,
          title: 'Hostile',
          body:
            '<p onclick="steal()">Hello <script>alert(1)</script><img src="x.png" onerror="alert(2)">' +
            '<a href="javascript:alert(3)">link</a> <a href="https://example.com/help">help</a></p>' +
            '<iframe src="https://evil.example"></iframe>',
        },
      });
      expect(res.statusCode).toBe(201);
      const body = res.data.body as string;
      expect(body).not.toMatch(/script|onerror|onclick|javascript:|iframe|alert/i);
      expect(body).toContain('<img src="x.png" />');
      expect(body).toContain('<a href="https://example.com/help">help</a>');
      expect(res.data.body_text).toBe('Hello link help');
      const updated = await chat.call('PUT', `/v2/faq/articles/${res.data.id}`, {
        body: { body: '<div><svg onload="alert(4)"></svg>Fine</div>' },
      });
      expect(updated.data.body).toBe('<div>Fine</div>');
    });

    it('keeps positions per category, and moving to another category closes the gap', async () => {
      const one = await category('One');
      const two = await category('Two');
      const a = await article(one.id, 'a');
      await article(one.id, 'b');
      const c = await article(one.id, 'c');
      await article(one.id, 'top', { position: 1 });
      expect(await articleOrder(one.id)).toEqual(['1:top', '2:a', '3:b', '4:c']);
      await chat.call('PUT', `/v2/faq/articles/${c.id}`, { body: { position: 2 } });
      expect(await articleOrder(one.id)).toEqual(['1:top', '2:c', '3:a', '4:b']);

      await article(two.id, 'x');
      const moved = await chat.call('PUT', `/v2/faq/articles/${a.id}`, { body: { category_id: two.id } });
      expect(moved.data).toMatchObject({ category_id: two.id, position: 2 });
      expect(await articleOrder(one.id)).toEqual(['1:top', '2:c', '3:b']);
      expect(await articleOrder(two.id)).toEqual(['1:x', '2:a']);
      await chat.call('PUT', `/v2/faq/articles/${c.id}`, { body: { category_id: two.id, position: 1 } });
      expect(await articleOrder(one.id)).toEqual(['1:top', '2:b']);
      expect(await articleOrder(two.id)).toEqual(['1:c', '2:x', '3:a']);
    });

    it('concurrent creates and moves keep positions 1..n, each taken once', async () => {
      const cat = await category('Busy');
      const created = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) =>
          chat.call('POST', '/v2/faq/articles', {
            body: { category_id: cat.id, title: `n${i}`, body: '', ...(i % 2 ? { position: 1 } : {}) },
          }),
        ),
      );
      expect(created.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
      await Promise.all(
        created.map((r, i) =>
          chat.call('PUT', `/v2/faq/articles/${r.data.id}`, { body: { position: 6 - i } }),
        ),
      );
      const positions = (await articleOrder(cat.id)).map((entry) => Number(entry.split(':')[0]));
      expect(positions).toEqual([1, 2, 3, 4, 5, 6]);

      const before = await categoryOrder();
      const categories = await Promise.all(
        ['p', 'q', 'r', 's'].map((name) =>
          chat.call('POST', '/v2/faq/categories', { body: { name, position: 1 } }),
        ),
      );
      expect(categories.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      const after = (await categoryOrder()).map((entry) => Number(entry.split(':')[0]));
      expect(after).toEqual(Array.from({ length: before.length + 4 }, (_, i) => i + 1));
      for (const r of categories) await chat.call('DELETE', `/v2/faq/categories/${r.data.id}`);
    });

    it('400 with field details: missing or unknown category, bad status and tags, unknown fields', async () => {
      const missing = await chat.call('POST', '/v2/faq/articles', { body: { body: '<p>x</p>' } });
      expect(missing.statusCode).toBe(400);
      expect(fieldCodes(missing.data)).toEqual(['category_id:missing_field', 'title:missing_field']);
      const bad = await chat.call('POST', '/v2/faq/articles', {
        body: {
          category_id: 'nope',
          title: 'x'.repeat(256),
          body: 5,
          status: 'live',
          tags: ['ok', ' '],
          hits: 3,
        },
      });
      expect(fieldCodes(bad.data)).toEqual([
        'body:datatype_mismatch',
        'category_id:invalid_value',
        'hits:invalid_field',
        'status:invalid_value',
        'tags:invalid_value',
        'title:invalid_value',
      ]);
      const unknown = await chat.call('POST', '/v2/faq/articles', {
        body: { category_id: randomUUID(), title: 'Orphan', body: '' },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.data.details).toEqual([
        expect.objectContaining({ field: 'category_id', code: 'invalid_value' }),
      ]);
      const cat = await category('Valid');
      const art = await article(cat.id, 'Valid');
      const move = await chat.call('PUT', `/v2/faq/articles/${art.id}`, {
        body: { category_id: randomUUID() },
      });
      expect(move.statusCode).toBe(400);
      expect(fieldCodes(move.data)).toEqual(['category_id:invalid_value']);
      expect((await chat.call('GET', `/v2/faq/articles/${art.id}`)).data.category_id).toBe(cat.id);
    });
  });

  describe('by source (the helpdesk import)', () => {
    const body = (categoryId: string, title: string) => ({
      category_id: categoryId,
      title,
      body: '<p>Imported <script>x()</script>text</p>',
      tags: ['imported'],
    });

    it('PUT twice makes one article (201 then 200, unchanged), a changed one updates it in place', async () => {
      const cat = await category('Imported');
      const url = '/v2/faq/articles/by-source/desk/1001';
      const first = await chat.call('PUT', url, { body: body(cat.id, 'Imported article') });
      expect(first.statusCode).toBe(201);
      expect(first.headers.location).toBe(`/v2/faq/articles/${first.data.id}`);
      expect(first.data).toMatchObject({
        source: 'desk',
        source_id: '1001',
        status: 'published',
        body: '<p>Imported text</p>',
        position: 1,
      });
      const again = await chat.call('PUT', url, { body: body(cat.id, 'Imported article') });
      expect(again.statusCode).toBe(200);
      expect(again.data).toEqual(first.data);

      const other = await category('Imported elsewhere');
      const changed = await chat.call('PUT', url, {
        body: { ...body(other.id, 'Imported, edited in Desk'), tags: [] },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.data).toMatchObject({
        id: first.data.id,
        category_id: other.id,
        title: 'Imported, edited in Desk',
        tags: [],
      });
      const all = await chat.call('GET', '/v2/faq/articles?source=desk');
      expect(all.data.articles.map((a: { id: string }) => a.id)).toEqual([first.data.id]);

      // The same source id under another source is another article.
      const zendesk = await chat.call('PUT', '/v2/faq/articles/by-source/zendesk/1001', {
        body: body(cat.id, 'Elsewhere'),
      });
      expect(zendesk.statusCode).toBe(201);
      expect(zendesk.data.id).not.toBe(first.data.id);
    });

    it('concurrent PUTs of one new source id still make one article', async () => {
      const cat = await category('Racing');
      const url = `/v2/faq/articles/by-source/desk/race-${randomUUID()}`;
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => chat.call('PUT', url, { body: body(cat.id, 'Raced') })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.data.id)).size).toBe(1);
      expect(await articleOrder(cat.id)).toEqual(['1:Raced']);
    });

    it('DELETE by source removes the article (204), then 404; unknown category or bad source is 400', async () => {
      const cat = await category('Short-lived');
      await chat.call('PUT', '/v2/faq/articles/by-source/desk/2002', { body: body(cat.id, 'Going') });
      const kept = await article(cat.id, 'Staying');
      expect((await chat.call('DELETE', '/v2/faq/articles/by-source/desk/2002')).statusCode).toBe(204);
      expect((await chat.call('DELETE', '/v2/faq/articles/by-source/desk/2002')).statusCode).toBe(404);
      expect(await articleOrder(cat.id)).toEqual(['1:Staying']);
      expect((await chat.call('GET', `/v2/faq/articles/${kept.id}`)).statusCode).toBe(200);

      const unknown = await chat.call('PUT', '/v2/faq/articles/by-source/desk/3003', {
        body: body(randomUUID(), 'Nowhere'),
      });
      expect(unknown.statusCode).toBe(400);
      expect(fieldCodes(unknown.data)).toEqual(['category_id:invalid_value']);
      const badSource = await chat.call('PUT', '/v2/faq/articles/by-source/Desk!/1', {
        body: body(cat.id, 'x'),
      });
      expect(badSource.statusCode).toBe(400);
      expect(fieldCodes(badSource.data)).toEqual(['source:invalid_value']);
    });

    it('categories by source: idempotent, and preserve_name_and_description keeps Chat-side edits', async () => {
      const url = '/v2/faq/categories/by-source/desk/folder-7';
      const created = await chat.call('PUT', url, {
        body: { name: 'Getting started', description: 'From Desk' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.data).toMatchObject({ source: 'desk', source_id: 'folder-7', name: 'Getting started' });
      const same = await chat.call('PUT', url, {
        body: { name: 'Getting started', description: 'From Desk' },
      });
      expect(same.statusCode).toBe(200);
      expect(same.data).toEqual(created.data);

      await chat.call('PUT', `/v2/faq/categories/${created.data.id}`, {
        body: { name: 'Start here', description: 'Edited in Chat' },
      });
      const kept = await chat.call('PUT', `${url}?preserve_name_and_description=true`, {
        body: { name: 'Getting started (v2)', description: 'From Desk, edited', locale: 'ja' },
      });
      expect(kept.data).toMatchObject({ name: 'Start here', description: 'Edited in Chat', locale: 'ja' });
      const overwritten = await chat.call('PUT', url, {
        body: { name: 'Getting started (v2)', description: 'From Desk, edited' },
      });
      expect(overwritten.data).toMatchObject({
        id: created.data.id,
        name: 'Getting started (v2)',
        description: 'From Desk, edited',
        locale: null,
      });

      await chat.call('PUT', '/v2/faq/articles/by-source/desk/in-folder-7', {
        body: body(created.data.id, 'In the folder'),
      });
      expect((await chat.call('DELETE', url)).statusCode).toBe(409);
      expect((await chat.call('DELETE', `${url}?cascade=true`)).statusCode).toBe(204);
      expect((await chat.call('GET', `/v2/faq/categories/${created.data.id}`)).statusCode).toBe(404);
      expect((await chat.call('DELETE', '/v2/faq/articles/by-source/desk/in-folder-7')).statusCode).toBe(404);
    });
  });

  describe('roles', () => {
    it('agents read the FAQ; only owners and admins write (403)', async () => {
      const cat = await category('Roles');
      const art = await article(cat.id, 'Roles');
      const token = agentToken;
      expect((await chat.call('GET', '/v2/faq/categories', { token })).statusCode).toBe(200);
      expect((await chat.call('GET', `/v2/faq/categories/${cat.id}`, { token })).statusCode).toBe(200);
      expect((await chat.call('GET', '/v2/faq/articles', { token })).statusCode).toBe(200);
      expect((await chat.call('GET', `/v2/faq/articles/${art.id}`, { token })).statusCode).toBe(200);
      const denied = [
        await chat.call('POST', '/v2/faq/categories', { token, body: { name: 'Mine' } }),
        await chat.call('PUT', `/v2/faq/categories/${cat.id}`, { token, body: { name: 'Mine' } }),
        await chat.call('DELETE', `/v2/faq/categories/${cat.id}?cascade=true`, { token }),
        await chat.call('POST', '/v2/faq/articles', {
          token,
          body: { category_id: cat.id, title: 'Mine', body: '' },
        }),
        await chat.call('PUT', `/v2/faq/articles/${art.id}`, { token, body: { title: 'Mine' } }),
        await chat.call('DELETE', `/v2/faq/articles/${art.id}`, { token }),
        await chat.call('PUT', '/v2/faq/articles/by-source/desk/9', {
          token,
          body: { category_id: cat.id, title: 'Mine', body: '' },
        }),
        await chat.call('DELETE', '/v2/faq/categories/by-source/desk/9', { token }),
      ];
      expect(denied.map((r) => r.statusCode)).toEqual(Array(denied.length).fill(403));
      expect(denied[0]!.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
      expect((await chat.call('GET', `/v2/faq/articles/${art.id}`)).data.title).toBe('Roles');

      const admin = await chat.call('PUT', `/v2/faq/articles/${art.id}`, {
        token: adminToken,
        body: { title: 'Edited by an admin' },
      });
      expect(admin.statusCode).toBe(200);
    });

    it('a widget session is unknown on admin routes (401), a staff token on widget routes; no token 401', async () => {
      const token = widgetToken;
      expect((await chat.call('GET', '/v2/widget/faq/categories', { token })).statusCode).toBe(200);
      for (const [method, url] of [
        ['GET', '/v2/faq/categories'],
        ['GET', '/v2/faq/articles'],
        ['POST', '/v2/faq/categories'],
        ['PUT', '/v2/faq/articles/by-source/desk/1'],
      ] as const) {
        const res = await chat.call(method, url, { token, body: { name: 'x' } });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
      }
      expect((await chat.call('GET', '/v2/widget/faq/categories')).statusCode).toBe(401);
      expect((await chat.call('GET', '/v2/widget/faq/categories', { token: agentToken })).statusCode).toBe(
        401,
      );
      expect((await chat.call('GET', '/v2/faq/categories', { token: null })).statusCode).toBe(401);
    });
  });
});
