import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_KEY } from '../../test/desk-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';
import { secretBoxOf } from '../users/identity-secret-box.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASE_KINDS)('Helpdesk FAQ import over real HTTP (%s)', (kind) => {
  let pair: LinkedPair;

  beforeAll(async () => {
    pair = await startLinkedPair(kind, {
      desk: { rateLimitPerMinute: 1_000_000 },
      chat: { rateLimitPerMinute: 1_000_000 },
    });
    await connect(pair.deskUrl, ADMIN_API_KEY);
  }, 60_000);
  afterAll(async () => pair?.close());

  /** The helpdesk connection as H1's connect step leaves it (that step is not under test here). */
  async function connect(url: string, key: string) {
    const now = new Date();
    const sealed = await secretBoxOf(pair.chat.services).seal(key);
    await pair.chat.services.db
      .insertInto('helpdesk_connections')
      .values({ id: 1, url, api_key_encrypted: sealed, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ url, api_key_encrypted: sealed }))
      .execute();
  }

  // ------------------------------------------------------------ Desk (the helpdesk) fixtures
  let unique = 0;
  async function deskPost(url: string, body: Record<string, unknown>) {
    const res = await pair.desk.call('POST', `/api/v2/solutions/${url}`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: number };
  }
  const deskCategory = (name = `Category ${++unique}`) => deskPost('categories', { name });
  const deskFolder = (
    categoryId: number,
    name: string,
    visibility = 1,
    extra: Record<string, unknown> = {},
  ) => deskPost(`categories/${categoryId}/folders`, { name: `${name} ${++unique}`, visibility, ...extra });
  const deskArticle = (folderId: number, title: string, status = 2, description = `<p>${title} body</p>`) =>
    deskPost(`folders/${folderId}/articles`, { title, description, status });
  async function deskPut(url: string, body: Record<string, unknown>) {
    const res = await pair.desk.call('PUT', `/api/v2/solutions/${url}`, { body });
    expect(res.statusCode, res.body).toBe(200);
  }

  // ------------------------------------------------------------ Chat side
  async function startImport(body?: Record<string, unknown>) {
    const res = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', body ? { body } : {});
    expect(res.statusCode, res.body).toBe(202);
    expect(res.data).toMatchObject({ state: 'queued', done: 0, total: null });
    expect(res.headers.location).toBe(`/v2/integrations/helpdesk/faq-imports/${res.data.id}`);
    return res.data.id as string;
  }
  async function waitFor(id: string) {
    for (let i = 0; i < 600; i++) {
      const res = await pair.chat.call('GET', `/v2/integrations/helpdesk/faq-imports/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      if (res.data.state === 'done' || res.data.state === 'failed') return res.data;
      await sleep(50);
    }
    throw new Error('import did not finish');
  }
  const importNow = async (body?: Record<string, unknown>) => waitFor(await startImport(body));

  const chatCategory = (folderId: number) =>
    pair.chat.services.db
      .selectFrom('faq_categories')
      .select(['id', 'name', 'description', 'source', 'source_id'])
      .where('source', '=', 'helpdesk')
      .where('source_id', '=', String(folderId))
      .executeTakeFirst();
  const chatArticles = (categoryId: string) =>
    pair.chat.services.db
      .selectFrom('faq_articles')
      .select(['id', 'title', 'body_html', 'status', 'source_id', 'position'])
      .where('category_id', '=', categoryId)
      .orderBy('position')
      .execute();
  async function helpdeskArticleCount() {
    const row = await pair.chat.services.db
      .selectFrom('faq_articles')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source', '=', 'helpdesk')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('lists the tree: agents-only and selected-company folders (and what is below them) are not importable, with why; drafts are not listed', async () => {
    const category = await deskCategory();
    const everyone = await deskFolder(category.id, 'Everyone');
    const loggedIn = await deskFolder(category.id, 'Logged in', 2);
    const agents = await deskFolder(category.id, 'Agents', 3);
    const company = await pair.desk.call('POST', '/api/v2/companies', { body: { name: `Acme ${++unique}` } });
    expect(company.statusCode, company.body).toBe(201);
    const selected = await deskFolder(category.id, 'Companies', 4, { company_ids: [company.data.id] });
    const below = await deskPost(`folders/${agents.id}/subfolders`, {
      name: `Below agents ${++unique}`,
      visibility: 1,
    });
    const published = await deskArticle(everyone.id, 'Published one');
    await deskArticle(everyone.id, 'Draft one', 1);
    await deskArticle(agents.id, 'Internal');

    const res = await pair.chat.call('GET', '/v2/integrations/helpdesk/faq-tree');
    expect(res.statusCode, res.body).toBe(200);
    const tree = res.data.categories.find((c: { id: string }) => c.id === String(category.id));
    const byId = new Map(tree.folders.map((f: { id: string }) => [f.id, f]));
    expect(byId.get(String(everyone.id))).toMatchObject({
      importable: true,
      selected: false,
      imported: false,
      articles: [{ id: String(published.id), title: 'Published one', selected: false, imported: false }],
    });
    expect(byId.get(String(loggedIn.id))).toMatchObject({ importable: true });
    expect(byId.get(String(agents.id))).toMatchObject({
      importable: false,
      reason: 'visible to agents only',
      articles: [],
    });
    expect(byId.get(String(selected.id))).toMatchObject({
      importable: false,
      reason: 'visible to selected companies only',
    });
    expect(byId.get(String(below.id))).toMatchObject({
      importable: false,
      reason: 'visible to agents only',
      parent_folder_id: String(agents.id),
    });

    // Picking them is refused field by field (nothing is queued).
    const refused = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', {
      body: { folder_ids: [everyone.id, agents.id, selected.id, 999_999] },
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.data.details.map((d: { field: string }) => d.field)).toEqual([
      'folder_ids[1]',
      'folder_ids[2]',
      'folder_ids[3]',
    ]);
    expect(refused.data.details[0].message).toContain('visible to agents only');
    expect(refused.data.details[1].message).toContain('visible to selected companies only');

    // After an import the tree says what is picked and imported.
    const done = await importNow({ folder_ids: [everyone.id] });
    expect(done).toMatchObject({ state: 'done', created: 1, total: 1, done: 1 });
    const after = await pair.chat.call('GET', '/v2/integrations/helpdesk/faq-tree');
    const folder = after.data.categories
      .flatMap((c: { folders: unknown[] }) => c.folders)
      .find((f: { id: string }) => f.id === String(everyone.id));
    expect(folder).toMatchObject({
      selected: true,
      imported: true,
      articles: [{ selected: true, imported: true }],
    });
  });

  it('makes each folder a category and its published articles articles in it, in order; never duplicates over three imports', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Billing');
    const second = await deskFolder(category.id, 'Shipping');
    const a = await deskArticle(
      folder.id,
      'Refunds',
      2,
      '<p>How <b>refunds</b> work<script>x()</script></p>',
    );
    const b = await deskArticle(folder.id, 'Invoices');
    await deskArticle(folder.id, 'Not yet', 1);
    const c = await deskArticle(second.id, 'Tracking');

    for (let round = 0; round < 3; round++) {
      const result = await importNow({ folder_ids: [folder.id, second.id] });
      expect(result.state, JSON.stringify(result.errors)).toBe('done');
      expect(result).toMatchObject(
        round === 0
          ? { created: 3, updated: 0, unchanged: 0 }
          : { created: 0, updated: 0, unchanged: 3, removed: 0 },
      );
      expect(result.done).toBe(result.total);
    }
    const billing = (await chatCategory(folder.id))!;
    expect(billing).toMatchObject({ name: expect.stringMatching(/^Billing /), source: 'helpdesk' });
    const articles = await chatArticles(billing.id);
    expect(articles.map((x) => [x.source_id, x.title, x.status, x.position])).toEqual([
      [String(a.id), 'Refunds', 'published', 1],
      [String(b.id), 'Invoices', 'published', 2],
    ]);
    expect(articles[0]!.body_html).toBe('<p>How <b>refunds</b> work</p>');
    expect((await chatArticles((await chatCategory(second.id))!.id)).map((x) => x.source_id)).toEqual([
      String(c.id),
    ]);
    expect(await helpdeskArticleCount()).toBe(3);
    const categories = await pair.chat.services.db
      .selectFrom('faq_categories')
      .select('id')
      .where('source', '=', 'helpdesk')
      .execute();
    expect(categories).toHaveLength(2);

    // The widget shows them (published, in a category with published articles).
    const tree = await pair.chat.call('GET', '/v2/integrations/helpdesk/faq-tree');
    expect(tree.data.selection).toEqual({
      folder_ids: [String(folder.id), String(second.id)],
      article_ids: [],
      preserve_category_text: false,
    });
  });

  it("don't overwrite category title and description: keeps Chat's edits of the category, never of articles; without it the helpdesk's text wins", async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Accounts', 1, { description: 'Helpdesk text' });
    const article = await deskArticle(folder.id, 'Sign in');
    await importNow({ folder_ids: [folder.id], preserve_category_text: true });
    const imported = (await chatCategory(folder.id))!;
    const [chatArticle] = await chatArticles(imported.id);

    const edit = await pair.chat.call('PUT', `/v2/faq/categories/${imported.id}`, {
      body: { name: 'Your account', description: 'Chat text' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const articleEdit = await pair.chat.call('PUT', `/v2/faq/articles/${chatArticle!.id}`, {
      body: { title: 'Edited in Chat' },
    });
    expect(articleEdit.statusCode, articleEdit.body).toBe(200);
    await deskPut(`folders/${folder.id}`, { description: 'Helpdesk text, edited' });

    // Kept: the category's name and description. Brought up to date: the article.
    await importNow();
    expect(await chatCategory(folder.id)).toMatchObject({ name: 'Your account', description: 'Chat text' });
    expect((await chatArticles(imported.id)).map((x) => x.title)).toEqual(['Sign in']);

    // Without the flag, the helpdesk's name and description win.
    const result = await importNow({ folder_ids: [folder.id], preserve_category_text: false });
    expect(result.state).toBe('done');
    expect(await chatCategory(folder.id)).toMatchObject({
      name: expect.stringMatching(/^Accounts /),
      description: 'Helpdesk text, edited',
    });
    expect((await chatArticles(imported.id)).map((x) => x.source_id)).toEqual([String(article.id)]);
  });

  it('re-import brings edits, new articles, unpublished and deleted ones, and writes nothing when nothing changed', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Changes');
    const edited = await deskArticle(folder.id, 'Before edit');
    const unpublished = await deskArticle(folder.id, 'To unpublish');
    const deleted = await deskArticle(folder.id, 'To delete');
    const kept = await deskArticle(folder.id, 'Kept');
    const first = await importNow({ folder_ids: [folder.id] });
    expect(first).toMatchObject({ state: 'done', created: 4 });
    const categoryId = (await chatCategory(folder.id))!.id;
    const keptRow = (await chatArticles(categoryId)).find((x) => x.source_id === String(kept.id))!;
    const keptBefore = await pair.chat.services.db
      .selectFrom('faq_articles')
      .select('updated_at')
      .where('id', '=', keptRow.id)
      .executeTakeFirstOrThrow();

    await deskPut(`articles/${edited.id}`, { title: 'After edit', description: '<p>New body</p>' });
    await deskPut(`articles/${unpublished.id}`, { status: 1 });
    expect((await pair.desk.call('DELETE', `/api/v2/solutions/articles/${deleted.id}`)).statusCode).toBe(204);
    const added = await deskArticle(folder.id, 'Brand new');

    const second = await importNow();
    expect(second).toMatchObject({ state: 'done', created: 1, removed: 2, errors: [] });
    const rows = await chatArticles(categoryId);
    expect(rows.map((x) => [x.source_id, x.title])).toEqual([
      [String(edited.id), 'After edit'],
      [String(kept.id), 'Kept'],
      [String(added.id), 'Brand new'],
    ]);
    expect(rows[0]!.body_html).toBe('<p>New body</p>');
    const keptAfter = await pair.chat.services.db
      .selectFrom('faq_articles')
      .select('updated_at')
      .where('id', '=', keptRow.id)
      .executeTakeFirstOrThrow();
    expect(keptAfter.updated_at).toEqual(keptBefore.updated_at);

    // Republished in the helpdesk: back in Chat, once.
    await deskPut(`articles/${unpublished.id}`, { status: 2 });
    const third = await importNow();
    expect(third).toMatchObject({ state: 'done', created: 1, removed: 0 });
    const fourth = await importNow();
    expect(fourth).toMatchObject({ state: 'done', created: 0, updated: 0, removed: 0, unchanged: 4 });
    expect((await chatArticles(categoryId)).map((x) => x.source_id).sort()).toEqual(
      [edited.id, kept.id, added.id, unpublished.id].map(String).sort(),
    );
  });

  it('a folder that turned agents-only disappears from Chat on the next import', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Soon internal');
    await deskArticle(folder.id, 'Public for now');
    await importNow({ folder_ids: [folder.id] });
    expect(await chatCategory(folder.id)).toBeDefined();

    await deskPut(`folders/${folder.id}`, { visibility: 3 });
    const result = await importNow();
    expect(result).toMatchObject({ state: 'done', removed: 1 });
    expect(await chatCategory(folder.id)).toBeUndefined();
    expect(await helpdeskArticleCount()).toBe(0);
    const widgetFaq = await pair.chat.services.db
      .selectFrom('faq_articles')
      .select('id')
      .where('source_id', '=', String(folder.id))
      .execute();
    expect(widgetFaq).toEqual([]);
  });

  it('runs as a job whose progress is readable while it runs, rising to the total', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Big');
    const now = new Date();
    // Seeded straight into Desk's database (setup, not under test): 300 published articles.
    await pair.desk.services.db
      .insertInto('solution_articles')
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          folder_id: folder.id,
          title: `Bulk ${i}`,
          description: `<p>Bulk article ${i}</p>`,
          description_text: `Bulk article ${i}`,
          status: 2,
          tags: [],
          seo_data: '{}',
          search_vector: '',
          position: i + 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();

    const id = await startImport({ folder_ids: [folder.id] });
    const seen: { state: string; done: number; total: number | null }[] = [];
    for (let i = 0; i < 2000; i++) {
      const res = await pair.chat.call('GET', `/v2/integrations/helpdesk/faq-imports/${id}`);
      seen.push({ state: res.data.state, done: res.data.done, total: res.data.total });
      if (res.data.state === 'done' || res.data.state === 'failed') break;
      await sleep(5);
    }
    const last = seen.at(-1)!;
    expect(last).toEqual({ state: 'done', done: 300, total: 300 });
    const dones = seen.map((s) => s.done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
    expect(seen.some((s) => s.state === 'running' && s.total === 300 && s.done > 0 && s.done < 300)).toBe(
      true,
    );
    expect(await helpdeskArticleCount()).toBe(300);
  });

  it('one import at a time: a second start while one is queued is refused with 409', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Once');
    await deskArticle(folder.id, 'Only');
    const id = await startImport({ folder_ids: [folder.id] });
    try {
      const again = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', {});
      expect(again.statusCode, again.body).toBe(409);
      expect(again.data.active_import).toEqual({ id, state: expect.stringMatching(/^(queued|running)$/) });
    } finally {
      expect(await waitFor(id)).toMatchObject({ state: 'done' });
    }
  });

  it('live sync (opt-in) brings a helpdesk edit to Chat within the window, with one sync job pending', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Live');
    const article = await deskArticle(folder.id, 'Live before');
    await importNow({ folder_ids: [folder.id] });
    const categoryId = (await chatCategory(folder.id))!.id;

    // Off: an edit stays in the helpdesk.
    await pair.chat.services.db.updateTable('helpdesk_faq_state').set({ sync_interval_seconds: 1 }).execute();
    // The round already scheduled under the default interval is brought forward.
    await pair.chat.services.db
      .updateTable('jobs')
      .set({ run_at: new Date() })
      .where('queue', '=', 'helpdesk-faq-sync')
      .where('status', '=', 'pending')
      .execute();
    await deskPut(`articles/${article.id}`, { title: 'Live edited while off' });
    await sleep(2500);
    expect((await chatArticles(categoryId)).map((x) => x.title)).toEqual(['Live before']);

    // On (H1's switch): the edit arrives well within 60 s (1 s interval here).
    await pair.chat.services.db.updateTable('helpdesk_connections').set({ live_faq_sync: true }).execute();
    await deskPut(`articles/${article.id}`, { title: 'Live after' });
    const added = await deskArticle(folder.id, 'Live added');
    const started = Date.now();
    let titles: string[] = [];
    while (Date.now() - started < 15_000) {
      titles = (await chatArticles(categoryId)).map((x) => x.title);
      if (titles.includes('Live after') && titles.includes('Live added')) break;
      await sleep(100);
    }
    expect(titles).toEqual(['Live after', 'Live added']);
    const pending = await pair.chat.services.db
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', 'helpdesk-faq-sync')
      .where('status', 'in', ['pending', 'running'])
      .execute();
    expect(pending).toHaveLength(1);
    const state = await pair.chat.services.db
      .selectFrom('helpdesk_faq_state')
      .select(['last_sync_at', 'last_sync_result'])
      .executeTakeFirstOrThrow();
    expect(state.last_sync_result).toMatchObject({ state: 'done' });
    expect(String(added.id)).toBeTruthy();
    await pair.chat.services.db.updateTable('helpdesk_connections').set({ live_faq_sync: false }).execute();
  }, 30_000);

  it("imports single picked articles into their folder's category; a draft or agents-only pick is refused", async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Picked from');
    await deskArticle(folder.id, 'Not picked');
    const picked = await deskArticle(folder.id, 'Picked');
    const draft = await deskArticle(folder.id, 'Draft pick', 1);
    const agents = await deskFolder(category.id, 'Agents pick', 3);
    const internal = await deskArticle(agents.id, 'Internal pick');

    const refused = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', {
      body: { article_ids: [picked.id, draft.id, internal.id] },
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.data.details.map((d: { field: string }) => d.field)).toEqual([
      'article_ids[1]',
      'article_ids[2]',
    ]);
    expect(refused.data.details[1].message).toContain('visible to agents only');

    const result = await importNow({ article_ids: [picked.id] });
    expect(result).toMatchObject({ state: 'done', created: 1 });
    const imported = (await chatCategory(folder.id))!;
    expect((await chatArticles(imported.id)).map((x) => x.title)).toEqual(['Picked']);
    const tree = await pair.chat.call('GET', '/v2/integrations/helpdesk/faq-tree');
    const node = tree.data.categories
      .flatMap((c: { folders: unknown[] }) => c.folders)
      .find((f: { id: string }) => f.id === String(folder.id));
    expect(node.selected).toBe(false);
    expect(node.articles.map((a: { title: string; selected: boolean }) => [a.title, a.selected])).toEqual([
      ['Not picked', false],
      ['Picked', true],
    ]);

    // Deleted in the helpdesk: gone from Chat, category with it.
    expect((await pair.desk.call('DELETE', `/api/v2/solutions/articles/${picked.id}`)).statusCode).toBe(204);
    expect(await importNow()).toMatchObject({ state: 'done', removed: 1 });
    expect(await chatCategory(folder.id)).toBeUndefined();
  });

  it('says why when the helpdesk refuses: 502 with its explanation on start, a failed import with it in errors', async () => {
    const category = await deskCategory();
    const folder = await deskFolder(category.id, 'Refused');
    await deskArticle(folder.id, 'Refused one');
    await importNow({ folder_ids: [folder.id] });
    await connect(pair.deskUrl, 'wrong-key-0123456789');
    try {
      const start = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', {
        body: { folder_ids: [folder.id] },
      });
      expect(start.statusCode, start.body).toBe(502);
      expect(start.data.helpdesk).toMatchObject({ cause: 'invalid_key', answer: { status: 401 } });
      const failed = await importNow();
      expect(failed).toMatchObject({ state: 'failed', errors: [{ helpdesk: { cause: 'invalid_key' } }] });
      expect(failed.finished_at).toEqual(expect.stringMatching(/Z$/));
    } finally {
      await connect(pair.deskUrl, ADMIN_API_KEY);
    }
  });

  it('works against another Freshdesk-speaking server (no change feed, string ids, paged lists)', async () => {
    const articles = [
      {
        id: 'a1',
        title: 'Other one',
        description: '<p>One</p>',
        status: 2,
        folder_id: 'f1',
        updated_at: '2026-01-01T00:00:00Z',
      },
      {
        id: 'a2',
        title: 'Other two',
        description: '<p>Two</p>',
        status: 2,
        folder_id: 'f1',
        updated_at: '2026-01-01T00:00:00Z',
      },
      {
        id: 'a3',
        title: 'Other draft',
        description: '<p>Draft</p>',
        status: 1,
        folder_id: 'f1',
        updated_at: '2026-01-01T00:00:00Z',
      },
    ];
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
      if (url.pathname === '/api/v2/solutions/categories') return send(200, [{ id: 'c1', name: 'Other KB' }]);
      if (url.pathname === '/api/v2/solutions/categories/c1/folders')
        return send(200, [{ id: 'f1', name: 'Other folder', visibility: 1 }]);
      if (url.pathname === '/api/v2/solutions/folders/f1/subfolders') return send(200, []);
      if (url.pathname === '/api/v2/solutions/folders/f1/articles') {
        // Two pages, the second by Link rel="next".
        if (url.searchParams.get('page') === '2') return send(200, articles.slice(2));
        return send(200, articles.slice(0, 2), {
          link: `<${base}/solutions/folders/f1/articles?page=2>; rel="next"`,
        });
      }
      return send(404, { code: 'not_found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'other-key');
      const result = await importNow({ folder_ids: ['f1'] });
      expect(result, JSON.stringify(result.errors)).toMatchObject({ state: 'done', created: 2 });
      const again = await importNow();
      expect(again).toMatchObject({ state: 'done', created: 0, unchanged: 2 });
      const rows = await pair.chat.services.db
        .selectFrom('faq_articles')
        .select(['title', 'source_id'])
        .where('source', '=', 'helpdesk')
        .orderBy('position')
        .execute();
      expect(rows).toEqual([
        { title: 'Other one', source_id: 'a1' },
        { title: 'Other two', source_id: 'a2' },
      ]);
    } finally {
      await connect(pair.deskUrl, ADMIN_API_KEY);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
