import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits past the current second: `updated_since` compares with second-precision API times. */
async function nextSecond(): Promise<string> {
  await sleep(1000 - (Date.now() % 1000) + 5);
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe.each(TEST_DATABASE_KINDS)('Solutions API (%s)', (kind) => {
  let desk: TestDesk;
  let agent: { id: number; apiKey: string };
  let supervisorKey: string;
  let portalId: number;
  let otherPortalId: number;
  let seq = 0;
  const u = () => `${Date.now().toString(36)}${seq++}`;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    agent = await createTestAgent(desk, { role: 'agent' });
    supervisorKey = (await createTestAgent(desk, { role: 'supervisor' })).apiKey;
    // Portals are test setup here (their API belongs to desk/portal).
    const portals = await desk.services.db
      .insertInto('portals')
      .values([
        { name: 'Main', is_default: true },
        { name: 'Partners', host: `partners-${u()}.example.com` },
      ])
      .returning('id')
      .execute();
    portalId = portals[0]!.id;
    otherPortalId = portals[1]!.id;
  });
  afterAll(async () => desk?.close());

  async function post(url: string, body: Record<string, unknown>, key?: string) {
    const res = await desk.call('POST', `/api/v2/solutions/${url}`, { body, key });
    expect(res.statusCode, JSON.stringify(res.data)).toBe(201);
    return res.data;
  }
  const category = (body: Record<string, unknown> = {}) =>
    post('categories', { name: `Cat ${u()}`, ...body });
  const folder = (categoryId: number, body: Record<string, unknown> = {}) =>
    post(`categories/${categoryId}/folders`, { name: `Folder ${u()}`, visibility: 1, ...body });
  const subfolder = (folderId: number, body: Record<string, unknown> = {}) =>
    post(`folders/${folderId}/subfolders`, { name: `Sub ${u()}`, ...body });
  const article = (folderId: number, body: Record<string, unknown> = {}, key?: string) =>
    post(
      `folders/${folderId}/articles`,
      { title: `Article ${u()}`, description: '<p>Hi</p>', status: 1, ...body },
      key,
    );
  async function company() {
    const res = await desk.call('POST', '/api/v2/companies', { body: { name: `Co ${u()}` } });
    expect(res.statusCode).toBe(201);
    return res.data.id as number;
  }
  async function changesSince(since: string) {
    const res = await desk.call('GET', `/api/v2/solutions/changes?updated_since=${since}`, {
      key: agent.apiKey,
    });
    expect(res.statusCode).toBe(200);
    return res.data as { entity: string; id: number; action: string; changed_at: string }[];
  }

  describe('categories', () => {
    it('creates (201, Location, shape) and lands on the default portal without visible_in_portals', async () => {
      const name = `Getting started ${u()}`;
      const res = await desk.call('POST', '/api/v2/solutions/categories', {
        body: { name, description: 'First steps' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/solutions/categories/${res.data.id}$`));
      expect(res.data).toEqual({
        id: expect.any(Number),
        name,
        description: 'First steps',
        visible_in_portals: [portalId],
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      const both = await category({ visible_in_portals: [otherPortalId, portalId, portalId] });
      expect(both.visible_in_portals).toEqual([portalId, otherPortalId]);
      const none = await category({ visible_in_portals: [] });
      expect(none.visible_in_portals).toEqual([]);
      expect(none.description).toBeNull();
    });

    it('views, lists (by position then id), updates and deletes', async () => {
      const a = await category();
      const b = await category();
      const view = await desk.call('GET', `/api/v2/solutions/categories/${a.id}`, { key: agent.apiKey });
      expect(view.statusCode).toBe(200);
      expect(view.data).toEqual(a);

      const list = await desk.call('GET', '/api/v2/solutions/categories', { key: agent.apiKey });
      expect(list.statusCode).toBe(200);
      const ids = (list.data as { id: number }[]).map((c) => c.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));

      const put = await desk.call('PUT', `/api/v2/solutions/categories/${a.id}`, {
        key: supervisorKey,
        body: { name: `Renamed ${u()}`, description: null, visible_in_portals: [otherPortalId] },
      });
      expect(put.statusCode).toBe(200);
      expect(put.data).toMatchObject({ id: a.id, description: null, visible_in_portals: [otherPortalId] });
      expect(put.data.name).toMatch(/^Renamed /);

      const del = await desk.call('DELETE', `/api/v2/solutions/categories/${a.id}`, { key: supervisorKey });
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      expect((await desk.call('GET', `/api/v2/solutions/categories/${a.id}`)).statusCode).toBe(404);
      const after = await desk.call('GET', '/api/v2/solutions/categories');
      expect((after.data as { id: number }[]).map((c) => c.id)).not.toContain(a.id);
      expect((await desk.call('DELETE', `/api/v2/solutions/categories/${a.id}`)).statusCode).toBe(404);
      expect(
        (await desk.call('PUT', `/api/v2/solutions/categories/${a.id}`, { body: { name: 'x' } })).statusCode,
      ).toBe(404);
    });

    it('400 missing_field, invalid_value, datatype_mismatch, invalid_field', async () => {
      const missing = await desk.call('POST', '/api/v2/solutions/categories', { body: { description: 'x' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.data).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'name', code: 'missing_field', message: 'It should be a/an String' }],
      });
      const bad = await desk.call('POST', '/api/v2/solutions/categories', {
        body: { name: ' ', visible_in_portals: 'all', colour: 'red' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'name',
            code: 'invalid_value',
            message: 'It should not be blank as this is a mandatory field',
          },
          {
            field: 'visible_in_portals',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Array',
          },
          { field: 'colour', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
      expect(bad.data.errors).toHaveLength(3);
      const types = await desk.call('POST', '/api/v2/solutions/categories', { body: { name: 5 } });
      expect(types.data.errors).toEqual([
        {
          field: 'name',
          code: 'datatype_mismatch',
          message: 'Value set is of type Number.It should be a/an String',
        },
      ]);
    });

    it('400 invalid_value for a portal that does not exist (create and update)', async () => {
      const res = await desk.call('POST', '/api/v2/solutions/categories', {
        body: { name: `P ${u()}`, visible_in_portals: [portalId, 987654] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'visible_in_portals',
          code: 'invalid_value',
          message: 'There are no portals matching the given ids: 987654',
        },
      ]);
      const c = await category();
      const put = await desk.call('PUT', `/api/v2/solutions/categories/${c.id}`, {
        body: { visible_in_portals: [987654] },
      });
      expect(put.statusCode).toBe(400);
      expect(put.data.errors[0]).toMatchObject({ field: 'visible_in_portals', code: 'invalid_value' });
    });

    it('409 duplicate_value for a live name (case-insensitive); a deleted category frees its name', async () => {
      const c = await category();
      const dup = await desk.call('POST', '/api/v2/solutions/categories', {
        body: { name: c.name.toUpperCase() },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.data).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'name', code: 'duplicate_value', message: 'It should be a unique value' }],
      });
      const other = await category();
      const rename = await desk.call('PUT', `/api/v2/solutions/categories/${other.id}`, {
        body: { name: c.name },
      });
      expect(rename.statusCode).toBe(409);
      // Renaming to its own name is no clash.
      const same = await desk.call('PUT', `/api/v2/solutions/categories/${c.id}`, { body: { name: c.name } });
      expect(same.statusCode).toBe(200);
      expect((await desk.call('DELETE', `/api/v2/solutions/categories/${c.id}`)).statusCode).toBe(204);
      const again = await desk.call('POST', '/api/v2/solutions/categories', { body: { name: c.name } });
      expect(again.statusCode).toBe(201);
    });

    it('403 access_denied for plain agents on create, update and delete; they may read', async () => {
      const c = await category();
      const denied = { code: 'access_denied', message: 'You are not authorized to perform this action.' };
      const create = await desk.call('POST', '/api/v2/solutions/categories', {
        key: agent.apiKey,
        body: { name: `No ${u()}` },
      });
      expect(create.statusCode).toBe(403);
      expect(create.data).toEqual(denied);
      const put = await desk.call('PUT', `/api/v2/solutions/categories/${c.id}`, {
        key: agent.apiKey,
        body: { name: 'x' },
      });
      expect(put.statusCode).toBe(403);
      const del = await desk.call('DELETE', `/api/v2/solutions/categories/${c.id}`, { key: agent.apiKey });
      expect(del.statusCode).toBe(403);
      expect(del.data).toEqual(denied);
      expect(
        (await desk.call('GET', `/api/v2/solutions/categories/${c.id}`, { key: agent.apiKey })).statusCode,
      ).toBe(200);
    });

    it('404 unknown id; 400 malformed id', async () => {
      expect((await desk.call('GET', '/api/v2/solutions/categories/999999')).statusCode).toBe(404);
      const bad = await desk.call('GET', '/api/v2/solutions/categories/abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors[0]).toMatchObject({ field: 'id' });
    });
  });

  describe('folders', () => {
    it('creates a folder (201, Location, full shape with hierarchy and counts)', async () => {
      const c = await category();
      const name = `Billing ${u()}`;
      const res = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        key: supervisorKey,
        body: { name, description: 'Invoices', visibility: 2 },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/solutions/folders/${res.data.id}$`));
      expect(res.data).toEqual({
        id: expect.any(Number),
        name,
        description: 'Invoices',
        visibility: 2,
        company_ids: [],
        parent_folder_id: null,
        category_id: c.id,
        hierarchy: [{ level: 0, type: 'category', data: { id: c.id, name: c.name } }],
        articles_count: 0,
        sub_folders_count: 0,
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
    });

    it('visibility 4 needs existing company_ids; other visibilities take none', async () => {
      const c = await category();
      const co1 = await company();
      const co2 = await company();
      const ok = await folder(c.id, { visibility: 4, company_ids: [co2, co1] });
      expect(ok).toMatchObject({ visibility: 4, company_ids: [co1, co2].sort((a, b) => a - b) });

      const none = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: `V4 ${u()}`, visibility: 4 },
      });
      expect(none.statusCode).toBe(400);
      expect(none.data.errors).toEqual([
        {
          field: 'company_ids',
          code: 'invalid_value',
          message: 'It should not be empty when visibility is 4 (selected companies)',
        },
      ]);
      const empty = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: `V4 ${u()}`, visibility: 4, company_ids: [] },
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.data.errors[0]).toMatchObject({ field: 'company_ids', code: 'invalid_value' });
      const unknown = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: `V4 ${u()}`, visibility: 4, company_ids: [co1, 987654] },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.data.errors).toEqual([
        {
          field: 'company_ids',
          code: 'invalid_value',
          message: 'There are no companies matching the given ids: 987654',
        },
      ]);
      const wrong = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: `V1 ${u()}`, visibility: 1, company_ids: [co1] },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.data.errors).toEqual([
        {
          field: 'company_ids',
          code: 'invalid_value',
          message: 'It can be set only when visibility is 4 (selected companies)',
        },
      ]);
    });

    it('400 missing_field / invalid_value / datatype_mismatch / invalid_field on create', async () => {
      const c = await category();
      const missing = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, { body: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', code: 'missing_field', message: 'It should be a/an String' },
          expect.objectContaining({ field: 'visibility', code: 'missing_field' }),
        ]),
      );
      expect(missing.data.errors).toHaveLength(2);
      const bad = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: 'x', visibility: 9, company_ids: ['a'], position: 1 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'visibility',
            code: 'invalid_value',
            message: "It should be one of these values: '1,2,3,4'",
          },
          expect.objectContaining({ field: 'company_ids', code: 'datatype_mismatch' }),
          { field: 'position', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
      const type = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: 'x', visibility: '1' },
      });
      expect(type.data.errors).toEqual([
        {
          field: 'visibility',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Number',
        },
      ]);
    });

    it('409 duplicate_value for a sibling with the same name; other categories may reuse it', async () => {
      const c = await category();
      const f = await folder(c.id);
      const dup = await desk.call('POST', `/api/v2/solutions/categories/${c.id}/folders`, {
        body: { name: f.name.toLowerCase(), visibility: 1 },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.data.errors).toEqual([
        { field: 'name', code: 'duplicate_value', message: 'It should be a unique value' },
      ]);
      const elsewhere = await category();
      await folder(elsewhere.id, { name: f.name });
    });

    it('sub-folders: inherit visibility, carry parent_folder_id and hierarchy, count in the parent', async () => {
      const c = await category();
      const co = await company();
      const top = await folder(c.id, { visibility: 4, company_ids: [co] });
      const sub = await subfolder(top.id, {});
      expect(sub).toMatchObject({
        parent_folder_id: top.id,
        category_id: c.id,
        visibility: 4,
        company_ids: [co],
        hierarchy: [
          { level: 0, type: 'category', data: { id: c.id, name: c.name } },
          { level: 1, type: 'folder', data: { id: top.id, name: top.name } },
        ],
      });
      const deeper = await subfolder(sub.id, { visibility: 3 });
      expect(deeper).toMatchObject({ visibility: 3, company_ids: [], parent_folder_id: sub.id });
      expect(deeper.hierarchy).toHaveLength(3);
      expect(deeper.hierarchy[2]).toEqual({ level: 2, type: 'folder', data: { id: sub.id, name: sub.name } });

      const list = await desk.call('GET', `/api/v2/solutions/folders/${top.id}/subfolders`, {
        key: agent.apiKey,
      });
      expect(list.statusCode).toBe(200);
      expect(list.data).toEqual([{ ...sub, sub_folders_count: 1, updated_at: expect.stringMatching(ISO) }]);
      // Category folder lists show only top-level folders.
      const top2 = await folder(c.id);
      const catList = await desk.call('GET', `/api/v2/solutions/categories/${c.id}/folders`, {
        key: agent.apiKey,
      });
      expect((catList.data as { id: number }[]).map((f) => f.id)).toEqual([top.id, top2.id]);
      expect(catList.data[0].sub_folders_count).toBe(1);

      const missing = await desk.call('POST', `/api/v2/solutions/folders/${top.id}/subfolders`, { body: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors).toEqual([
        { field: 'name', code: 'missing_field', message: 'It should be a/an String' },
      ]);
      expect((await desk.call('GET', '/api/v2/solutions/folders/999999/subfolders')).statusCode).toBe(404);
      expect(
        (await desk.call('POST', '/api/v2/solutions/folders/999999/subfolders', { body: { name: 'x' } }))
          .statusCode,
      ).toBe(404);
    });

    it('views and updates; moving to and from visibility 4', async () => {
      const c = await category();
      const co = await company();
      const f = await folder(c.id);
      const view = await desk.call('GET', `/api/v2/solutions/folders/${f.id}`, { key: agent.apiKey });
      expect(view.statusCode).toBe(200);
      expect(view.data).toEqual(f);

      const toFour = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, { body: { visibility: 4 } });
      expect(toFour.statusCode).toBe(400);
      expect(toFour.data.errors[0]).toMatchObject({ field: 'company_ids', code: 'invalid_value' });
      const four = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, {
        body: { visibility: 4, company_ids: [co], description: 'VIP' },
      });
      expect(four.statusCode).toBe(200);
      expect(four.data).toMatchObject({ visibility: 4, company_ids: [co], description: 'VIP', name: f.name });
      const rename = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, {
        body: { name: `New ${u()}` },
      });
      expect(rename.data).toMatchObject({ visibility: 4, company_ids: [co] });
      const back = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, { body: { visibility: 2 } });
      expect(back.data).toMatchObject({ visibility: 2, company_ids: [] });
      const stray = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, {
        body: { company_ids: [co] },
      });
      expect(stray.statusCode).toBe(400);
      expect(stray.data.errors[0]).toMatchObject({ field: 'company_ids', code: 'invalid_value' });
      const unknownField = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, {
        body: { category_id: 1 },
      });
      expect(unknownField.data.errors).toEqual([
        { field: 'category_id', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]);
      const sibling = await folder(c.id);
      const dup = await desk.call('PUT', `/api/v2/solutions/folders/${sibling.id}`, {
        body: { name: rename.data.name },
      });
      expect(dup.statusCode).toBe(409);
      expect(
        (await desk.call('PUT', '/api/v2/solutions/folders/999999', { body: { name: 'x' } })).statusCode,
      ).toBe(404);
    });

    it('403 for plain agents on folder writes and deletes; 404 for unknown parents and ids', async () => {
      const c = await category();
      const f = await folder(c.id);
      for (const [method, url, body] of [
        ['POST', `/api/v2/solutions/categories/${c.id}/folders`, { name: 'x', visibility: 1 }],
        ['POST', `/api/v2/solutions/folders/${f.id}/subfolders`, { name: 'x' }],
        ['PUT', `/api/v2/solutions/folders/${f.id}`, { name: 'x' }],
        ['DELETE', `/api/v2/solutions/folders/${f.id}`, undefined],
      ] as const) {
        const res = await desk.call(method, url, { key: agent.apiKey, body });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.data.code).toBe('access_denied');
      }
      expect((await desk.call('GET', '/api/v2/solutions/categories/999999/folders')).statusCode).toBe(404);
      expect(
        (
          await desk.call('POST', '/api/v2/solutions/categories/999999/folders', {
            body: { name: 'x', visibility: 1 },
          })
        ).statusCode,
      ).toBe(404);
      expect((await desk.call('GET', '/api/v2/solutions/folders/999999')).statusCode).toBe(404);
      expect((await desk.call('DELETE', '/api/v2/solutions/folders/999999')).statusCode).toBe(404);
    });
  });

  describe('articles', () => {
    let c: { id: number; name: string };
    let f: { id: number; name: string };
    beforeAll(async () => {
      c = await category();
      f = await folder(c.id);
    });

    it('any agent creates (201, Location, full shape; author defaults to the key owner)', async () => {
      const res = await desk.call('POST', `/api/v2/solutions/folders/${f.id}/articles`, {
        key: agent.apiKey,
        body: {
          title: 'Reset your password',
          description: '<p>Open <strong>Settings</strong> &amp; click <em>Reset</em>.</p>',
          status: 1,
          type: 2,
          tags: ['password', 'login', 'password'],
          seo_data: { meta_title: 'Reset', meta_keywords: 'password,reset' },
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/solutions/articles/${res.data.id}$`));
      expect(res.data).toEqual({
        id: expect.any(Number),
        type: 2,
        title: 'Reset your password',
        description: '<p>Open <strong>Settings</strong> &amp; click <em>Reset</em>.</p>',
        description_text: 'Open Settings & click Reset.',
        status: 1,
        agent_id: agent.id,
        category_id: c.id,
        folder_id: f.id,
        hierarchy: [
          { level: 0, type: 'category', data: { id: c.id, name: c.name } },
          { level: 1, type: 'folder', data: { id: f.id, name: f.name } },
        ],
        hits: 0,
        thumbs_up: 0,
        thumbs_down: 0,
        tags: ['password', 'login'],
        seo_data: { meta_title: 'Reset', meta_description: null, meta_keywords: 'password,reset' },
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      const defaults = await article(f.id);
      expect(defaults).toMatchObject({
        type: 1,
        tags: [],
        agent_id: desk.adminId,
        seo_data: { meta_title: null, meta_description: null, meta_keywords: null },
      });
      const byAgent = await article(f.id, { agent_id: agent.id });
      expect(byAgent.agent_id).toBe(agent.id);
    });

    it('sanitizes HTML: scripts, event handlers and javascript: URLs go; ordinary HTML stays byte-for-byte', async () => {
      const ordinary =
        '<h2>Reset</h2><p>Open <strong>Settings</strong> &amp; click <em>Reset</em>.</p>' +
        '<ul><li><a href="https://example.com/help" target="_blank">Help</a></li></ul>' +
        '<img src="https://example.com/a.png" alt="A" />' +
        '<table><tbody><tr><td colspan="2">x</td></tr></tbody></table>';
      const kept = await article(f.id, { description: ordinary });
      expect(kept.description).toBe(ordinary);
      const hostile = await article(f.id, {
        description:
          '<p onclick="alert(1)">Hi<script>alert(2)</script> <a href="javascript:alert(3)">bad</a> <img src="x.png" onerror="alert(4)" /></p>',
      });
      expect(hostile.description).toBe('<p>Hi <a>bad</a> <img src="x.png" /></p>');
      expect(hostile.description_text).toBe('Hi bad');
      const updated = await desk.call('PUT', `/api/v2/solutions/articles/${kept.id}`, {
        body: { description: '<div onmouseover="x()">Safe <b>bold</b></div><script>evil()</script>' },
      });
      expect(updated.data.description).toBe('<div>Safe <b>bold</b></div>');
      expect(updated.data.description_text).toBe('Safe bold');
    });

    it('400 missing_field, invalid_value, datatype_mismatch, invalid_field on create', async () => {
      const missing = await desk.call('POST', `/api/v2/solutions/folders/${f.id}/articles`, { body: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'title', code: 'missing_field', message: 'It should be a/an String' },
          { field: 'description', code: 'missing_field', message: 'It should be a/an String' },
          expect.objectContaining({ field: 'status', code: 'missing_field' }),
        ]),
      );
      expect(missing.data.errors).toHaveLength(3);
      const bad = await desk.call('POST', `/api/v2/solutions/folders/${f.id}/articles`, {
        body: {
          title: 'x',
          description: 'y',
          status: 3,
          type: 5,
          tags: 'a',
          seo_data: { meta_author: 'me' },
          folder_id: 1,
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'status', code: 'invalid_value', message: "It should be one of these values: '1,2'" },
          { field: 'type', code: 'invalid_value', message: "It should be one of these values: '1,2'" },
          {
            field: 'tags',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Array',
          },
          {
            field: 'seo_data.meta_author',
            code: 'invalid_field',
            message: 'Unexpected/invalid field in request',
          },
          { field: 'folder_id', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
      expect(bad.data.errors).toHaveLength(5);
      const agentless = await desk.call('POST', `/api/v2/solutions/folders/${f.id}/articles`, {
        body: { title: 'x', description: 'y', status: 1, agent_id: 987654 },
      });
      expect(agentless.statusCode).toBe(400);
      expect(agentless.data.errors).toEqual([
        {
          field: 'agent_id',
          code: 'invalid_value',
          message: 'There is no agent matching the given agent_id',
        },
      ]);
      const type = await desk.call('POST', `/api/v2/solutions/folders/${f.id}/articles`, {
        body: { title: 'x', description: 'y', status: '2' },
      });
      expect(type.data.errors).toEqual([
        {
          field: 'status',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Number',
        },
      ]);
    });

    it('views, lists (ordered, with drafts), updates; 404s', async () => {
      const g = await folder(c.id);
      const a1 = await article(g.id, { status: 2 });
      const a2 = await article(g.id);
      const view = await desk.call('GET', `/api/v2/solutions/articles/${a1.id}`, { key: agent.apiKey });
      expect(view.statusCode).toBe(200);
      expect(view.data).toEqual(a1);
      const list = await desk.call('GET', `/api/v2/solutions/folders/${g.id}/articles`, {
        key: agent.apiKey,
      });
      expect(list.statusCode).toBe(200);
      expect(list.data).toEqual([a1, a2]);
      const folderView = await desk.call('GET', `/api/v2/solutions/folders/${g.id}`);
      expect(folderView.data.articles_count).toBe(2);

      const put = await desk.call('PUT', `/api/v2/solutions/articles/${a2.id}`, {
        key: agent.apiKey,
        body: { title: 'New title', tags: ['x'], seo_data: { meta_description: 'About' }, type: 2 },
      });
      expect(put.statusCode).toBe(200);
      expect(put.data).toMatchObject({
        id: a2.id,
        title: 'New title',
        tags: ['x'],
        type: 2,
        status: 1,
        description: a2.description,
        seo_data: { meta_title: null, meta_description: 'About', meta_keywords: null },
      });
      const bad = await desk.call('PUT', `/api/v2/solutions/articles/${a2.id}`, {
        body: { status: 0, hits: 5 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'status', code: 'invalid_value', message: "It should be one of these values: '1,2'" },
          { field: 'hits', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
      expect((await desk.call('GET', '/api/v2/solutions/articles/999999')).statusCode).toBe(404);
      expect(
        (await desk.call('PUT', '/api/v2/solutions/articles/999999', { body: { title: 'x' } })).statusCode,
      ).toBe(404);
      expect((await desk.call('DELETE', '/api/v2/solutions/articles/999999')).statusCode).toBe(404);
      expect((await desk.call('GET', '/api/v2/solutions/folders/999999/articles')).statusCode).toBe(404);
      expect(
        (
          await desk.call('POST', '/api/v2/solutions/folders/999999/articles', {
            body: { title: 'x', description: 'y', status: 1 },
          })
        ).statusCode,
      ).toBe(404);
    });

    it('writes the search document on create and update', async () => {
      const a = await article(f.id, {
        title: 'Quasar widgets',
        description: '<p>Zebra crossing</p>',
        tags: ['wombat'],
      });
      const vector = async () =>
        (
          await desk.services.db
            .selectFrom('solution_articles')
            .select((eb) => eb.cast<string>('search_vector', 'text').as('v'))
            .where('id', '=', a.id)
            .executeTakeFirstOrThrow()
        ).v;
      expect(await vector()).toMatch(/quasar/);
      expect(await vector()).toMatch(/zebra/);
      expect(await vector()).toMatch(/wombat/);
      await desk.call('PUT', `/api/v2/solutions/articles/${a.id}`, { body: { title: 'Nebula', tags: [] } });
      expect(await vector()).toMatch(/nebula/);
      expect(await vector()).not.toMatch(/quasar|wombat/);
      expect(await vector()).toMatch(/zebra/);
    });

    it('403: plain agents may not delete articles; supervisors may', async () => {
      const a = await article(f.id, {}, agent.apiKey);
      const del = await desk.call('DELETE', `/api/v2/solutions/articles/${a.id}`, { key: agent.apiKey });
      expect(del.statusCode).toBe(403);
      expect(del.data.code).toBe('access_denied');
      const ok = await desk.call('DELETE', `/api/v2/solutions/articles/${a.id}`, { key: supervisorKey });
      expect(ok.statusCode).toBe(204);
      expect((await desk.call('GET', `/api/v2/solutions/articles/${a.id}`)).statusCode).toBe(404);
    });
  });

  describe('change records, updated_since and cascades', () => {
    it('records create, update, publish, unpublish and delete of each kind, and bumps updated_at', async () => {
      const t0 = await nextSecond();
      const c = await category();
      const f = await folder(c.id);
      const draft = await article(f.id);
      const published = await article(f.id, { status: 2 });
      expect(await changesSince(t0)).toEqual([
        { entity: 'category', id: c.id, action: 'created', changed_at: expect.stringMatching(ISO) },
        { entity: 'folder', id: f.id, action: 'created', changed_at: expect.stringMatching(ISO) },
        { entity: 'article', id: draft.id, action: 'created', changed_at: expect.stringMatching(ISO) },
        { entity: 'article', id: published.id, action: 'created', changed_at: expect.stringMatching(ISO) },
        { entity: 'article', id: published.id, action: 'published', changed_at: expect.stringMatching(ISO) },
      ]);

      const t1 = await nextSecond();
      const cat2 = await desk.call('PUT', `/api/v2/solutions/categories/${c.id}`, {
        body: { description: 'd' },
      });
      expect(cat2.data.updated_at >= t1).toBe(true);
      expect(cat2.data.created_at).toBe(c.created_at);
      const f2 = await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, { body: { visibility: 2 } });
      expect(f2.data.updated_at >= t1).toBe(true);
      const pub = await desk.call('PUT', `/api/v2/solutions/articles/${draft.id}`, { body: { status: 2 } });
      expect(pub.data.updated_at >= t1).toBe(true);
      await desk.call('PUT', `/api/v2/solutions/articles/${published.id}`, { body: { status: 1 } });
      await desk.call('PUT', `/api/v2/solutions/articles/${published.id}`, { body: { title: 'Edited' } });
      expect((await changesSince(t1)).map((ch) => [ch.entity, ch.id, ch.action])).toEqual([
        ['category', c.id, 'updated'],
        ['folder', f.id, 'updated'],
        ['article', draft.id, 'updated'],
        ['article', draft.id, 'published'],
        ['article', published.id, 'updated'],
        ['article', published.id, 'unpublished'],
        ['article', published.id, 'updated'],
      ]);

      const t2 = await nextSecond();
      expect((await desk.call('DELETE', `/api/v2/solutions/articles/${draft.id}`)).statusCode).toBe(204);
      const changes = await changesSince(t2);
      expect(changes).toEqual([
        { entity: 'article', id: draft.id, action: 'deleted', changed_at: expect.stringMatching(ISO) },
      ]);
      expect(changes[0]!.changed_at >= t2).toBe(true);
    });

    it('GET /solutions/changes: 400 without or with a malformed updated_since; 400 for unknown params', async () => {
      const missing = await desk.call('GET', '/api/v2/solutions/changes');
      expect(missing.statusCode).toBe(400);
      expect(missing.data.errors[0]).toMatchObject({ field: 'updated_since', code: 'missing_field' });
      const bad = await desk.call('GET', '/api/v2/solutions/changes?updated_since=yesterday');
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors).toEqual([
        {
          field: 'updated_since',
          code: 'invalid_value',
          message: "It should be in the 'combined date and time ISO8601' format",
        },
      ]);
      const listBad = await desk.call('GET', '/api/v2/solutions/categories?updated_since=soon&page=2');
      expect(listBad.statusCode).toBe(400);
      expect(listBad.data.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'updated_since', code: 'invalid_value' }),
          { field: 'page', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
    });

    it('deleting a category soft-deletes every folder and article below it, each with a change record', async () => {
      const c = await category();
      const f = await folder(c.id);
      const sub = await subfolder(f.id);
      const deep = await subfolder(sub.id);
      const other = await folder(c.id);
      const a1 = await article(f.id);
      const a2 = await article(deep.id, { status: 2 });
      const a3 = await article(other.id);
      const t = await nextSecond();
      expect((await desk.call('DELETE', `/api/v2/solutions/categories/${c.id}`)).statusCode).toBe(204);

      const changes = await changesSince(t);
      expect(changes.every((ch) => ch.action === 'deleted')).toBe(true);
      expect(changes.map((ch) => `${ch.entity}:${ch.id}`).sort()).toEqual(
        [
          `category:${c.id}`,
          `folder:${f.id}`,
          `folder:${sub.id}`,
          `folder:${deep.id}`,
          `folder:${other.id}`,
          `article:${a1.id}`,
          `article:${a2.id}`,
          `article:${a3.id}`,
        ].sort(),
      );
      for (const url of [
        `categories/${c.id}`,
        `categories/${c.id}/folders`,
        `folders/${f.id}`,
        `folders/${deep.id}`,
        `folders/${sub.id}/subfolders`,
        `folders/${f.id}/articles`,
        `articles/${a1.id}`,
        `articles/${a2.id}`,
      ]) {
        expect((await desk.call('GET', `/api/v2/solutions/${url}`)).statusCode, url).toBe(404);
      }
      const rows = await desk.services.db
        .selectFrom('solution_articles')
        .select(['id', 'deleted_at', 'updated_at'])
        .where('id', 'in', [a1.id, a2.id, a3.id])
        .execute();
      for (const r of rows) {
        expect(r.deleted_at).not.toBeNull();
        expect(r.updated_at.getTime()).toBe(r.deleted_at!.getTime());
      }
    });

    it('deleting a folder cascades to its sub-folders and their articles only', async () => {
      const c = await category();
      const f = await folder(c.id);
      const sub = await subfolder(f.id);
      const sibling = await folder(c.id);
      const a1 = await article(sub.id);
      const a2 = await article(sibling.id);
      const t = await nextSecond();
      expect((await desk.call('DELETE', `/api/v2/solutions/folders/${f.id}`)).statusCode).toBe(204);
      expect((await changesSince(t)).map((ch) => `${ch.entity}:${ch.id}:${ch.action}`).sort()).toEqual(
        [`folder:${f.id}:deleted`, `folder:${sub.id}:deleted`, `article:${a1.id}:deleted`].sort(),
      );
      expect((await desk.call('GET', `/api/v2/solutions/folders/${sub.id}`)).statusCode).toBe(404);
      expect((await desk.call('GET', `/api/v2/solutions/articles/${a1.id}`)).statusCode).toBe(404);
      expect((await desk.call('GET', `/api/v2/solutions/articles/${a2.id}`)).statusCode).toBe(200);
      const cat = await desk.call('GET', `/api/v2/solutions/categories/${c.id}/folders`);
      expect((cat.data as { id: number }[]).map((x) => x.id)).toEqual([sibling.id]);
    });

    it('updated_since lists return changed items and tombstones (deleted: true); without it deleted never show', async () => {
      const c = await category();
      const f = await folder(c.id);
      const keep = await folder(c.id);
      const gone = await folder(c.id);
      const sub = await subfolder(f.id);
      const subGone = await subfolder(f.id);
      const a1 = await article(f.id);
      const a2 = await article(f.id);
      const a3 = await article(f.id);
      const oldCat = await category();
      const goneCat = await category();

      const t = await nextSecond();
      await desk.call('PUT', `/api/v2/solutions/folders/${f.id}`, { body: { description: 'changed' } });
      await desk.call('DELETE', `/api/v2/solutions/folders/${gone.id}`);
      await desk.call('DELETE', `/api/v2/solutions/folders/${subGone.id}`);
      await desk.call('PUT', `/api/v2/solutions/articles/${a1.id}`, { body: { status: 2 } });
      await desk.call('DELETE', `/api/v2/solutions/articles/${a2.id}`);
      await desk.call('PUT', `/api/v2/solutions/categories/${c.id}`, { body: { description: 'changed' } });
      await desk.call('DELETE', `/api/v2/solutions/categories/${goneCat.id}`);

      const cats = (await desk.call('GET', `/api/v2/solutions/categories?updated_since=${t}`)).data as {
        id: number;
        deleted?: boolean;
      }[];
      expect(cats.map((x) => [x.id, x.deleted])).toEqual([
        [c.id, undefined],
        [goneCat.id, true],
      ]);
      expect(cats[1]).toEqual({
        ...goneCat,
        updated_at: expect.stringMatching(ISO),
        deleted: true,
      });
      const allCats = (await desk.call('GET', '/api/v2/solutions/categories')).data as { id: number }[];
      expect(allCats.map((x) => x.id)).toContain(oldCat.id);
      expect(allCats.map((x) => x.id)).not.toContain(goneCat.id);
      expect(allCats.some((x) => 'deleted' in x)).toBe(false);

      const folders = (
        await desk.call('GET', `/api/v2/solutions/categories/${c.id}/folders?updated_since=${t}`)
      ).data as { id: number; deleted?: boolean }[];
      expect(folders.map((x) => [x.id, x.deleted])).toEqual([
        [f.id, undefined],
        [gone.id, true],
      ]);
      expect(folders[1]).toMatchObject({
        id: gone.id,
        name: gone.name,
        hierarchy: gone.hierarchy,
        deleted: true,
      });
      const plainFolders = (await desk.call('GET', `/api/v2/solutions/categories/${c.id}/folders`)).data as {
        id: number;
      }[];
      expect(plainFolders.map((x) => x.id)).toEqual([f.id, keep.id]);

      const subs = (await desk.call('GET', `/api/v2/solutions/folders/${f.id}/subfolders?updated_since=${t}`))
        .data as { id: number; deleted?: boolean }[];
      expect(subs.map((x) => [x.id, x.deleted])).toEqual([[subGone.id, true]]);
      const plainSubs = (await desk.call('GET', `/api/v2/solutions/folders/${f.id}/subfolders`)).data as {
        id: number;
      }[];
      expect(plainSubs.map((x) => x.id)).toEqual([sub.id]);

      const articles = (
        await desk.call('GET', `/api/v2/solutions/folders/${f.id}/articles?updated_since=${t}`)
      ).data as { id: number; status: number; deleted?: boolean }[];
      expect(articles.map((x) => [x.id, x.status, x.deleted])).toEqual([
        [a1.id, 2, undefined],
        [a2.id, 1, true],
      ]);
      const plainArticles = (await desk.call('GET', `/api/v2/solutions/folders/${f.id}/articles`)).data as {
        id: number;
      }[];
      expect(plainArticles.map((x) => x.id)).toEqual([a1.id, a3.id]);

      // A time after everything: nothing changed since.
      const later = await nextSecond();
      expect(
        (await desk.call('GET', `/api/v2/solutions/folders/${f.id}/articles?updated_since=${later}`)).data,
      ).toEqual([]);
      expect(await changesSince(later)).toEqual([]);
    });
  });
});
