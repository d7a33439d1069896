import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import type { KbViewer } from '../solutions/index.js';
import { searchArticles } from './index.js';

describe.each(TEST_DATABASE_KINDS)('knowledge-base search (%s)', (kind) => {
  let desk: TestDesk;
  /** Article title → id. */
  const ids: Record<string, number> = {};
  const titleOf = (id: number) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? `#${id}`;
  let portalOne: number;
  let portalTwo: number;
  let companyX: number;
  let companyY: number;
  let generalCategory: number;
  let everyoneFolder: number;

  async function post(url: string, body: unknown) {
    const res = await desk.call('POST', url, { body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.data.id as number;
  }

  async function article(folderId: number, title: string, body: string, extra: Record<string, unknown> = {}) {
    ids[title] = await post(`/api/v2/solutions/folders/${folderId}/articles`, {
      title,
      description: `<p>${body}</p>`,
      status: 2,
      ...extra,
    });
  }

  /** Titles found by `searchArticles`, best first. */
  async function found(term: string, viewer: KbViewer = { kind: 'agent' }, portalId?: number) {
    const hits = await searchArticles(desk.services.db, { term, viewer, portalId, limit: 50, offset: 0 });
    return hits.map((hit) => titleOf(hit.id));
  }

  /** Titles found by the API, best first. */
  async function apiFound(term: string) {
    const res = await desk.call('GET', `/api/v2/search/solutions?term=${encodeURIComponent(term)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.data as { id: number }[]).map((a) => titleOf(a.id));
  }

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 10000 });
    const now = new Date();
    const portals = await desk.services.db
      .insertInto('portals')
      .values([
        { name: 'One', host: 'one.example.com', created_at: now, updated_at: now },
        { name: 'Two', host: 'two.example.com', created_at: now, updated_at: now },
      ])
      .returning('id')
      .execute();
    [portalOne, portalTwo] = portals.map((p) => p.id) as [number, number];
    companyX = await post('/api/v2/companies', { name: 'Company X' });
    companyY = await post('/api/v2/companies', { name: 'Company Y' });

    generalCategory = await post('/api/v2/solutions/categories', {
      name: 'General',
      visible_in_portals: [portalOne],
    });
    const otherCategory = await post('/api/v2/solutions/categories', {
      name: 'Portal two only',
      visible_in_portals: [portalTwo],
    });
    const folder = (categoryId: number, name: string, visibility: number, companyIds?: number[]) =>
      post(`/api/v2/solutions/categories/${categoryId}/folders`, {
        name,
        visibility,
        ...(companyIds ? { company_ids: companyIds } : {}),
      });
    everyoneFolder = await folder(generalCategory, 'Everyone', 1);
    const loggedIn = await folder(generalCategory, 'Logged in', 2);
    const agentsOnly = await folder(generalCategory, 'Agents only', 3);
    const ofX = await folder(generalCategory, 'Company X', 4, [companyX]);
    const ofY = await folder(generalCategory, 'Company Y', 4, [companyY]);
    const second = await folder(otherCategory, 'Second portal', 1);
    const nested = await post(`/api/v2/solutions/folders/${agentsOnly}/subfolders`, {
      name: 'Public under agents',
      visibility: 1,
    });

    await article(everyoneFolder, 'Convert a chat to a ticket', 'Agents can turn any chat into a ticket.');
    await article(everyoneFolder, 'チャットをチケットに変換する', 'チャットの会話からチケットを作成します。');
    await article(everyoneFolder, '請求書の支払い方法', 'クレジットカードで請求書を支払います。');
    await article(everyoneFolder, 'Freshchat連携の設定', 'Freshchatとの連携を設定します。');
    await article(everyoneFolder, 'Draft about drafts', 'Unpublished drafts stay hidden.', { status: 1 });
    await article(everyoneFolder, 'Removed article', 'Removed articles stay hidden.');
    const removed = await desk.call('DELETE', `/api/v2/solutions/articles/${ids['Removed article']}`);
    expect(removed.statusCode).toBe(204);

    await article(everyoneFolder, 'Widget for everyone', 'Embed the widget.', { tags: ['onboarding'] });
    await article(loggedIn, 'Widget for members', 'The widget for members.');
    await article(agentsOnly, 'Widget for agents', 'The widget for agents.');
    await article(ofX, 'Widget for company X', 'The widget for X.');
    await article(ofY, 'Widget for company Y', 'The widget for Y.');
    await article(second, 'Widget on portal two', 'The widget on the second portal.');
    await article(
      nested,
      'Widget nested under agents',
      'A widget in a public folder under an agents-only one.',
    );

    await article(everyoneFolder, 'Billing overview', 'How invoices are produced.');
    await article(everyoneFolder, 'Account settings', 'Change your plan; billing happens monthly.');
  });
  afterAll(async () => desk?.close());

  describe('English', () => {
    it('matches words by stem: "tickets" finds "ticket", "converting" finds "convert"', async () => {
      expect(await found('tickets')).toEqual(['Convert a chat to a ticket']);
      expect(await found('converting')).toEqual(['Convert a chat to a ticket']);
    });

    it('matches word prefixes and requires every word', async () => {
      expect(await found('tick')).toEqual(['Convert a chat to a ticket']);
      expect(await found('chat ticket')).toEqual(['Convert a chat to a ticket']);
      expect(await found('chat invoices')).toEqual([]);
    });

    it('ignores stop words in the term', async () => {
      expect(await found('how to convert a chat')).toEqual(['Convert a chat to a ticket']);
    });

    it('finds nothing for an unknown word', async () => {
      expect(await found('zebra')).toEqual([]);
    });

    it('searches tags', async () => {
      expect(await found('onboarding')).toEqual(['Widget for everyone']);
    });

    it('ranks a title match above a body match', async () => {
      expect(await found('billing')).toEqual(['Billing overview', 'Account settings']);
    });
  });

  describe('Japanese', () => {
    it('チケット finds チャットをチケットに変換する and not another Japanese article', async () => {
      expect(await found('チケット')).toEqual(['チャットをチケットに変換する']);
    });

    it('finds kanji inside a sentence: 変換, 請求書', async () => {
      expect(await found('変換')).toEqual(['チャットをチケットに変換する']);
      expect(await found('請求書')).toEqual(['請求書の支払い方法']);
    });

    it('a single character matches as the start of a bigram', async () => {
      expect(await found('換')).toEqual(['チャットをチケットに変換する']);
      expect(await found('払')).toEqual(['請求書の支払い方法']);
    });

    it('does not match characters that are only near each other', async () => {
      // チャット and チケット share characters, but not the sequence チャケ.
      expect(await found('チャケ')).toEqual([]);
      expect(await found('変換請求')).toEqual([]);
    });

    it('handles a mixed Latin and Japanese term', async () => {
      expect(await found('Freshchat連携')).toEqual(['Freshchat連携の設定']);
      expect(await found('連携')).toEqual(['Freshchat連携の設定']);
      expect(await found('freshchat 設定')).toEqual(['Freshchat連携の設定']);
      expect(await found('Freshchat請求書')).toEqual([]);
    });

    it('normalizes full-width letters and half-width katakana', async () => {
      expect(await found('ＴＩＣＫＥＴ')).toEqual(['Convert a chat to a ticket']);
      expect(await found('ﾁｹｯﾄ')).toEqual(['チャットをチケットに変換する']);
    });
  });

  describe('what is searched', () => {
    it('leaves out drafts and deleted articles', async () => {
      expect(await found('drafts')).toEqual([]);
      expect(await found('removed')).toEqual([]);
    });

    it('follows article edits, unpublishing and publishing', async () => {
      const folder = everyoneFolder;
      const id = await post(`/api/v2/solutions/folders/${folder}/articles`, {
        title: 'Printer setup',
        description: '<p>Connect the printer.</p>',
        status: 2,
      });
      const search = async (term: string) =>
        (
          await searchArticles(desk.services.db, { term, viewer: { kind: 'agent' }, limit: 50, offset: 0 })
        ).map((hit) => hit.id);
      expect(await search('printer')).toEqual([id]);
      const put = (body: unknown) => desk.call('PUT', `/api/v2/solutions/articles/${id}`, { body });
      expect(
        (await put({ title: 'Scanner setup', description: '<p>Connect the scanner.</p>' })).statusCode,
      ).toBe(200);
      expect(await search('printer')).toEqual([]);
      expect(await search('scanner')).toEqual([id]);
      expect((await put({ status: 1 })).statusCode).toBe(200);
      expect(await search('scanner')).toEqual([]);
      expect((await put({ status: 2 })).statusCode).toBe(200);
      expect(await search('scanner')).toEqual([id]);
      expect((await desk.call('DELETE', `/api/v2/solutions/articles/${id}`)).statusCode).toBe(204);
      expect(await search('scanner')).toEqual([]);
    });

    it('treats operators, quotes and SQL as plain text: no error, no match-all', async () => {
      for (const term of [
        "' OR 1=1 --",
        '&|!():*',
        "'); DROP TABLE solution_articles; --",
        '\\',
        '!!',
        '<->',
      ]) {
        expect(await found(term), term).toEqual([]);
        expect(await apiFound(term), term).toEqual([]);
      }
      // `|` is not "or": both words are required.
      expect(await found('ticket | widget')).toEqual([]);
      expect(await found("ticket:* & !zebra'")).toEqual([]);
      expect(await found('ticket:*')).toEqual(['Convert a chat to a ticket']);
    });

    it('returns an excerpt with folder and category names', async () => {
      const [hit] = await searchArticles(desk.services.db, {
        term: 'チケット',
        viewer: { kind: 'visitor' },
        limit: 10,
        offset: 0,
      });
      expect(hit).toMatchObject({
        id: ids['チャットをチケットに変換する'],
        title: 'チャットをチケットに変換する',
        description_text: 'チャットの会話からチケットを作成します。',
        folder_id: everyoneFolder,
        folder_name: 'Everyone',
        category_id: generalCategory,
        category_name: 'General',
      });
      expect(hit!.rank).toBeGreaterThan(0);
    });

    it('pages with limit and offset', async () => {
      const all = await found('widget');
      const page = await searchArticles(desk.services.db, {
        term: 'widget',
        viewer: { kind: 'agent' },
        limit: 2,
        offset: 2,
      });
      expect(page.map((h) => titleOf(h.id))).toEqual(all.slice(2, 4));
    });
  });

  describe('visibility', () => {
    const sorted = async (term: string, viewer: KbViewer, portalId?: number) =>
      (await found(term, viewer, portalId)).sort();

    it('a visitor sees "all users" folders only, and not under a hidden parent', async () => {
      expect(await sorted('widget', { kind: 'visitor' })).toEqual([
        'Widget for everyone',
        'Widget on portal two',
      ]);
    });

    it("a contact also sees logged-in folders and their own company's folders", async () => {
      expect(await sorted('widget', { kind: 'contact', contactId: 1, companyId: companyX })).toEqual([
        'Widget for company X',
        'Widget for everyone',
        'Widget for members',
        'Widget on portal two',
      ]);
      expect(await sorted('widget', { kind: 'contact', contactId: 1, companyId: null })).toEqual([
        'Widget for everyone',
        'Widget for members',
        'Widget on portal two',
      ]);
    });

    it('an agent sees every folder', async () => {
      expect(await sorted('widget', { kind: 'agent' })).toEqual([
        'Widget for agents',
        'Widget for company X',
        'Widget for company Y',
        'Widget for everyone',
        'Widget for members',
        'Widget nested under agents',
        'Widget on portal two',
      ]);
    });

    it('with a portal, only categories that portal shows', async () => {
      expect(await sorted('widget', { kind: 'visitor' }, portalOne)).toEqual(['Widget for everyone']);
      expect(await sorted('widget', { kind: 'visitor' }, portalTwo)).toEqual(['Widget on portal two']);
      expect(
        await sorted('widget', { kind: 'contact', contactId: 1, companyId: companyY }, portalOne),
      ).toEqual(['Widget for company Y', 'Widget for everyone', 'Widget for members']);
    });
  });

  describe('GET /api/v2/search/solutions', () => {
    it('returns articles in the Freshdesk shape, best first, for any agent', async () => {
      const agent = await createTestAgent(desk, { role: 'agent' });
      const res = await desk.call('GET', `/api/v2/search/solutions?term=${encodeURIComponent('チケット')}`, {
        key: agent.apiKey,
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual([
        {
          id: ids['チャットをチケットに変換する'],
          type: 1,
          title: 'チャットをチケットに変換する',
          description: '<p>チャットの会話からチケットを作成します。</p>',
          description_text: 'チャットの会話からチケットを作成します。',
          status: 2,
          agent_id: desk.adminId,
          category_id: generalCategory,
          folder_id: everyoneFolder,
          hierarchy: [
            { level: 0, type: 'category', data: { id: generalCategory, name: 'General' } },
            { level: 1, type: 'folder', data: { id: everyoneFolder, name: 'Everyone' } },
          ],
          hits: 0,
          thumbs_up: 0,
          thumbs_down: 0,
          tags: [],
          seo_data: { meta_title: null, meta_description: null, meta_keywords: null },
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        },
      ]);
    });

    it('agents find published articles of every visibility, never drafts', async () => {
      expect((await apiFound('widget')).sort()).toEqual([
        'Widget for agents',
        'Widget for company X',
        'Widget for company Y',
        'Widget for everyone',
        'Widget for members',
        'Widget nested under agents',
        'Widget on portal two',
      ]);
      expect(await apiFound('drafts')).toEqual([]);
      expect(await apiFound('billing')).toEqual(['Billing overview', 'Account settings']);
    });

    it('pages with page and per_page, with a Link header while more remain', async () => {
      const all = await apiFound('widget');
      const first = await desk.call('GET', '/api/v2/search/solutions?term=widget&per_page=3');
      expect(first.statusCode).toBe(200);
      expect(first.data.map((a: { id: number }) => titleOf(a.id))).toEqual(all.slice(0, 3));
      expect(first.headers.link).toMatch(/[?&]page=2/);
      const last = await desk.call('GET', '/api/v2/search/solutions?term=widget&per_page=3&page=3');
      expect(last.data.map((a: { id: number }) => titleOf(a.id))).toEqual(all.slice(6));
      expect(last.headers.link).toBeUndefined();
    });

    it('400 missing_field without term', async () => {
      const res = await desk.call('GET', '/api/v2/search/solutions');
      expect(res.statusCode).toBe(400);
      expect(res.data).toMatchObject({
        description: 'Validation failed',
        errors: [{ field: 'term', code: 'missing_field' }],
      });
    });

    it('400 invalid_value for a blank or too long term', async () => {
      for (const term of ['', '   ', 'a'.repeat(513)]) {
        const res = await desk.call('GET', `/api/v2/search/solutions?term=${encodeURIComponent(term)}`);
        expect(res.statusCode, JSON.stringify(term)).toBe(400);
        expect(res.data.errors).toEqual([expect.objectContaining({ field: 'term', code: 'invalid_value' })]);
      }
    });

    it('400 invalid_value for a bad per_page', async () => {
      const res = await desk.call('GET', '/api/v2/search/solutions?term=widget&per_page=101');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        expect.objectContaining({ field: 'per_page', code: 'invalid_value' }),
      ]);
    });

    it('401 without credentials', async () => {
      const res = await desk.call('GET', '/api/v2/search/solutions?term=widget', { key: null });
      expect(res.statusCode).toBe(401);
      expect(res.data.code).toBe('invalid_credentials');
    });
  });
});
