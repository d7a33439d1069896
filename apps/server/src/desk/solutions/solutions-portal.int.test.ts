import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';
import {
  findVisibleArticle,
  findVisibleFolder,
  listPortalCategories,
  listPublishedArticles,
  recordArticleView,
  voteArticle,
  type KbViewer,
} from './index.js';

/**
 * The knowledge-base reads the portal pages use, for every kind of viewer and every folder
 * visibility. Visible means: 1 all users → everyone; 2 logged-in users → contacts and agents;
 * 3 agents → agents; 4 selected companies → contacts of a listed company, and agents.
 */
describe.each(TEST_DATABASE_KINDS)('Solutions for portals (%s)', (kind) => {
  let desk: TestDesk;
  let portal: number;
  let otherPortal: number;
  let companyA: number;
  let companyB: number;
  let viewers: Record<'visitor' | 'contactNoCompany' | 'contactOfA' | 'contactOfB' | 'agent', KbViewer>;

  type Folder = { id: number; name: string; description: string | null };
  type Article = { id: number; title: string; description: string; description_text: string };
  let category: { id: number; name: string; description: string | null };
  let agentsOnlyCategory: { id: number; name: string; description: string | null };
  let otherPortalCategory: { id: number };
  let deletedCategory: { id: number };
  /** One top-level folder per visibility 1..4 (4 lists company A). */
  const folders: Record<number, Folder> = {};
  /** Two published articles per folder, in creation order. */
  const published: Record<number, Article[]> = {};
  const drafts: Record<number, Article> = {};
  const deletedArticles: Record<number, Article> = {};
  let agentsFolder: Folder;
  let openSubUnderAgents: Folder;
  let openSubUnderOpen: Folder;
  let articleInHiddenSub: Article;
  let articleInDeletedCategory: Article;

  async function post(url: string, body: Record<string, unknown>) {
    const res = await desk.call('POST', `/api/v2/${url}`, { body });
    expect(res.statusCode, JSON.stringify(res.data)).toBe(201);
    return res.data;
  }
  const article = (folderId: number, status: number, title: string) =>
    post(`solutions/folders/${folderId}/articles`, { title, description: `<p>${title} body</p>`, status });

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    const portals = await desk.services.db
      .insertInto('portals')
      .values([{ name: 'Help', is_default: true }, { name: 'Other' }])
      .returning('id')
      .execute();
    portal = portals[0]!.id;
    otherPortal = portals[1]!.id;
    companyA = (await post('companies', { name: 'Acme' })).id;
    companyB = (await post('companies', { name: 'Globex' })).id;
    const contactA = await post('contacts', { name: 'Ann', email: 'ann@acme.example', company_id: companyA });
    const contactB = await post('contacts', {
      name: 'Bob',
      email: 'bob@globex.example',
      company_id: companyB,
    });
    const loner = await post('contacts', { name: 'Lou', email: 'lou@example.com' });
    viewers = {
      visitor: { kind: 'visitor' },
      contactNoCompany: { kind: 'contact', contactId: loner.id, companyId: null },
      contactOfA: { kind: 'contact', contactId: contactA.id, companyId: companyA },
      contactOfB: { kind: 'contact', contactId: contactB.id, companyId: companyB },
      agent: { kind: 'agent' },
    };

    category = await post('solutions/categories', {
      name: 'Help center',
      description: 'All about us',
      visible_in_portals: [portal],
    });
    for (const visibility of [1, 2, 3, 4]) {
      folders[visibility] = await post(`solutions/categories/${category.id}/folders`, {
        name: `Folder v${visibility}`,
        description: `Visibility ${visibility}`,
        visibility,
        ...(visibility === 4 ? { company_ids: [companyA] } : {}),
      });
      published[visibility] = [
        await article(folders[visibility]!.id, 2, `v${visibility} first`),
        await article(folders[visibility]!.id, 2, `v${visibility} second`),
      ];
      drafts[visibility] = await article(folders[visibility]!.id, 1, `v${visibility} draft`);
      deletedArticles[visibility] = await article(folders[visibility]!.id, 2, `v${visibility} deleted`);
      await desk.call('DELETE', `/api/v2/solutions/articles/${deletedArticles[visibility]!.id}`);
    }
    // Nesting: an "all users" sub-folder inside an agents-only folder stays hidden from customers.
    openSubUnderAgents = await post(`solutions/folders/${folders[3]!.id}/subfolders`, {
      name: 'Open inside agents',
      visibility: 1,
    });
    articleInHiddenSub = await article(openSubUnderAgents.id, 2, 'hidden by parent');
    openSubUnderOpen = await post(`solutions/folders/${folders[1]!.id}/subfolders`, {
      name: 'Open inside open',
    });
    await article(openSubUnderOpen.id, 2, 'nested open');

    agentsOnlyCategory = await post('solutions/categories', {
      name: 'Internal',
      description: null,
      visible_in_portals: [portal],
    });
    agentsFolder = await post(`solutions/categories/${agentsOnlyCategory.id}/folders`, {
      name: 'Runbooks',
      visibility: 3,
    });
    otherPortalCategory = await post('solutions/categories', {
      name: 'Elsewhere',
      visible_in_portals: [otherPortal],
    });
    await post(`solutions/categories/${otherPortalCategory.id}/folders`, { name: 'Far', visibility: 1 });
    deletedCategory = await post('solutions/categories', { name: 'Gone', visible_in_portals: [portal] });
    const goneFolder = await post(`solutions/categories/${deletedCategory.id}/folders`, {
      name: 'Gone folder',
      visibility: 1,
    });
    articleInDeletedCategory = await article(goneFolder.id, 2, 'in a deleted category');
    await desk.call('DELETE', `/api/v2/solutions/categories/${deletedCategory.id}`);
  });
  afterAll(async () => desk?.close());

  /** Which visibilities each viewer sees. */
  const SEES: Record<keyof typeof viewers, number[]> = {
    visitor: [1],
    contactNoCompany: [1, 2],
    contactOfA: [1, 2, 4],
    contactOfB: [1, 2],
    agent: [1, 2, 3, 4],
  };
  const viewerNames = Object.keys(SEES) as (keyof typeof viewers)[];

  const summary = (v: number) => ({
    id: folders[v]!.id,
    name: `Folder v${v}`,
    description: `Visibility ${v}`,
    articles_count: 2,
  });

  describe.each(viewerNames)('viewer: %s', (who) => {
    const sees = SEES[who];

    it('listPortalCategories: the portal’s live categories with exactly the visible top-level folders', async () => {
      const list = await listPortalCategories(desk.services.db, portal, viewers[who]);
      expect(list).toEqual([
        {
          id: category.id,
          name: 'Help center',
          description: 'All about us',
          folders: sees.map(summary),
        },
        {
          id: agentsOnlyCategory.id,
          name: 'Internal',
          description: null,
          folders:
            who === 'agent'
              ? [{ id: agentsFolder.id, name: 'Runbooks', description: null, articles_count: 0 }]
              : [],
        },
      ]);
      const elsewhere = await listPortalCategories(desk.services.db, otherPortal, viewers[who]);
      expect(elsewhere.map((c) => c.id)).toEqual([otherPortalCategory.id]);
      expect(await listPortalCategories(desk.services.db, 987654, viewers[who])).toEqual([]);
    });

    it.each([1, 2, 3, 4])('findVisibleFolder / findVisibleArticle, visibility %i', async (v) => {
      const visible = sees.includes(v);
      const folder = await findVisibleFolder(desk.services.db, folders[v]!.id, viewers[who], portal);
      if (!visible) expect(folder).toBeUndefined();
      else {
        expect(folder).toMatchObject({
          id: folders[v]!.id,
          name: `Folder v${v}`,
          description: `Visibility ${v}`,
          visibility: v,
          parent_folder_id: null,
          category: { id: category.id, name: 'Help center', description: 'All about us' },
          ancestors: [],
        });
      }
      // The same folder through a portal that does not show its category: never.
      expect(
        await findVisibleFolder(desk.services.db, folders[v]!.id, viewers[who], otherPortal),
      ).toBeUndefined();

      for (const a of published[v]!) {
        const found = await findVisibleArticle(desk.services.db, a.id, viewers[who], portal);
        if (!visible) expect(found).toBeUndefined();
        else
          expect(found).toEqual({
            id: a.id,
            type: 1,
            title: a.title,
            description: a.description,
            description_text: a.description_text,
            tags: [],
            seo_data: {},
            hits: expect.any(Number),
            thumbs_up: expect.any(Number),
            thumbs_down: expect.any(Number),
            created_at: expect.any(Date),
            updated_at: expect.any(Date),
            folder: { id: folders[v]!.id, name: `Folder v${v}` },
            category: { id: category.id, name: 'Help center' },
          });
        expect(await findVisibleArticle(desk.services.db, a.id, viewers[who], otherPortal)).toBeUndefined();
      }
      // Drafts and deleted articles are never on a portal, whoever looks.
      expect(await findVisibleArticle(desk.services.db, drafts[v]!.id, viewers[who], portal)).toBeUndefined();
      expect(
        await findVisibleArticle(desk.services.db, deletedArticles[v]!.id, viewers[who], portal),
      ).toBeUndefined();
    });

    it('sub-folders: visible only when every ancestor is visible too', async () => {
      const open = await findVisibleFolder(desk.services.db, openSubUnderOpen.id, viewers[who], portal);
      expect(open).toMatchObject({
        id: openSubUnderOpen.id,
        parent_folder_id: folders[1]!.id,
        ancestors: [{ id: folders[1]!.id, name: 'Folder v1' }],
        subfolders: [],
      });
      const parent = await findVisibleFolder(desk.services.db, folders[1]!.id, viewers[who], portal);
      expect(parent?.subfolders).toEqual([
        { id: openSubUnderOpen.id, name: 'Open inside open', description: null, articles_count: 1 },
      ]);
      const hidden = await findVisibleFolder(desk.services.db, openSubUnderAgents.id, viewers[who], portal);
      const hiddenArticle = await findVisibleArticle(
        desk.services.db,
        articleInHiddenSub.id,
        viewers[who],
        portal,
      );
      if (who === 'agent') {
        expect(hidden).toMatchObject({ id: openSubUnderAgents.id, ancestors: [{ id: folders[3]!.id }] });
        expect(hiddenArticle?.folder).toEqual({ id: openSubUnderAgents.id, name: 'Open inside agents' });
      } else {
        expect(hidden).toBeUndefined();
        expect(hiddenArticle).toBeUndefined();
      }
    });

    it('nothing of a deleted category, and unknown ids, are found', async () => {
      expect(
        await findVisibleArticle(desk.services.db, articleInDeletedCategory.id, viewers[who], portal),
      ).toBeUndefined();
      expect(await findVisibleFolder(desk.services.db, 987654, viewers[who], portal)).toBeUndefined();
      expect(await findVisibleArticle(desk.services.db, 987654, viewers[who], portal)).toBeUndefined();
    });
  });

  it('listPublishedArticles: published, live articles of the folder in order (no drafts, no deleted)', async () => {
    for (const v of [1, 2, 3, 4]) {
      const list = await listPublishedArticles(desk.services.db, folders[v]!.id);
      expect(list).toEqual(
        published[v]!.map((a) => ({
          id: a.id,
          title: a.title,
          description_text: a.description_text,
          updated_at: expect.any(Date),
        })),
      );
    }
    expect(await listPublishedArticles(desk.services.db, 987654)).toEqual([]);
  });

  it('recordArticleView and voteArticle count on published articles only, without touching updated_at', async () => {
    const db = desk.services.db;
    const target = published[1]![0]!;
    const read = () =>
      db
        .selectFrom('solution_articles')
        .select(['hits', 'thumbs_up', 'thumbs_down', 'updated_at'])
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
    const before = await read();
    expect(await recordArticleView(db, target.id)).toBe(true);
    expect(await recordArticleView(db, target.id)).toBe(true);
    expect(await voteArticle(db, target.id, true)).toBe(true);
    expect(await voteArticle(db, target.id, false)).toBe(true);
    expect(await voteArticle(db, target.id, false)).toBe(true);
    const after = await read();
    expect(after).toEqual({
      hits: before.hits + 2,
      thumbs_up: before.thumbs_up + 1,
      thumbs_down: before.thumbs_down + 2,
      updated_at: before.updated_at,
    });
    const api = await desk.call('GET', `/api/v2/solutions/articles/${target.id}`);
    expect(api.data).toMatchObject({
      hits: after.hits,
      thumbs_up: after.thumbs_up,
      thumbs_down: after.thumbs_down,
    });

    expect(await recordArticleView(db, drafts[1]!.id)).toBe(false);
    expect(await voteArticle(db, drafts[1]!.id, true)).toBe(false);
    expect(await recordArticleView(db, deletedArticles[1]!.id)).toBe(false);
    expect(await voteArticle(db, 987654, false)).toBe(false);
    const draft = await desk.call('GET', `/api/v2/solutions/articles/${drafts[1]!.id}`);
    expect(draft.data).toMatchObject({ hits: 0, thumbs_up: 0, thumbs_down: 0 });
  });
});
