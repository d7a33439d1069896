import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { insertGroup } from './ticket-test-helpers.js';

interface Listed {
  id: number;
  status: number;
  priority: number;
  created_at: string;
}

describe.each(TEST_DATABASE_KINDS)('ticket keyset paging (%s)', (kind) => {
  let desk: TestDesk;
  let restricted: { id: number; apiKey: string };
  let groupId: number;
  const ids: number[] = [];

  /** Follows `rel="next"` from a first URL and returns every page's ids (one array per page). */
  async function walk(first: string, key?: string) {
    const pages: number[][] = [];
    let url: string | undefined = first;
    while (url) {
      const res = await desk.call('GET', url, key ? { key } : {});
      expect(res.statusCode).toBe(200);
      pages.push((res.data as Listed[]).map((t) => t.id));
      const link = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ''));
      url = link ? new URL(link[1]!).pathname + new URL(link[1]!).search : undefined;
      expect(pages.length).toBeLessThan(50);
    }
    return pages;
  }

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    groupId = await insertGroup(desk, 'Billing');
    restricted = await createTestAgent(desk, { ticketScope: 3 });
    for (let i = 0; i < 11; i++) {
      const res = await desk.call('POST', '/api/v2/tickets', {
        body: {
          email: `keyset-${i}@example.com`,
          subject: `Ticket ${i}`,
          description: 'x',
          status: i % 3 === 0 ? 3 : 2,
          priority: (i % 4) + 1,
          ...(i % 2 === 0 ? { responder_id: restricted.id } : {}),
          ...(i % 5 === 0 ? { group_id: groupId } : {}),
        },
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.data.id);
    }
    // Ties: five tickets share one created_at with microseconds (ordering falls back to id), and
    // one ticket is older than Freshdesk's 30-day default window.
    await sql`update tickets set created_at = '2026-11-20T10:00:00.123456Z' where id = any(${ids.slice(2, 7)})`.execute(
      desk.services.db,
    );
    await sql`update tickets set created_at = '2026-11-20T10:00:00.123457Z' where id = ${ids[8]!}`.execute(
      desk.services.db,
    );
    await sql`update tickets set created_at = '2025-01-01T00:00:00Z' where id = ${ids[10]!}`.execute(
      desk.services.db,
    );
  });
  afterAll(async () => desk?.close());

  /** The expected order computed from the database itself, tie-broken by id. */
  async function expectedOrder(where: string, key?: string) {
    const res = await desk.call('GET', `/api/v2/tickets?per_page=100&cursor=${where}`, key ? { key } : {});
    return (res.data as Listed[]).map((t) => t.id);
  }

  it('walks every ticket exactly once, newest first, ties broken by id, with no 30-day window', async () => {
    const pages = await walk('/api/v2/tickets?per_page=3&cursor=');
    const flat = pages.flat();
    expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
    expect(new Set(flat).size).toBe(flat.length);
    expect([...flat].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // ids[8] (…457) is newer than the five tied tickets (…456), which come id-descending.
    const tied = flat.filter((id) => ids.slice(2, 7).includes(id));
    expect(tied).toEqual(ids.slice(2, 7).reverse());
    expect(flat.indexOf(ids[8]!)).toBeLessThan(flat.indexOf(ids[6]!));
    expect(flat[flat.length - 1]).toBe(ids[10]);
  });

  it('pages ascending and by status the same way as one big page', async () => {
    for (const order of [
      'order_type=asc',
      'order_by=status&order_type=desc',
      'order_by=updated_at&order_type=asc',
    ]) {
      const whole = await expectedOrder(`&${order}`);
      expect(whole).toHaveLength(11);
      expect((await walk(`/api/v2/tickets?per_page=4&${order}&cursor=`)).flat()).toEqual(whole);
    }
  });

  it('applies the view filters (statuses, unassigned, agent, priority, group) across pages', async () => {
    const all = (await desk.call('GET', '/api/v2/tickets?per_page=100&cursor=&include=stats'))
      .data as (Listed & {
      responder_id: number | null;
      group_id: number | null;
    })[];
    const cases: [string, (t: (typeof all)[number]) => boolean][] = [
      ['status=2', (t) => t.status === 2],
      ['status=2,3&responder_id=none', (t) => t.responder_id === null],
      [`responder_id=${restricted.id}&status=3`, (t) => t.responder_id === restricted.id && t.status === 3],
      ['priority=2', (t) => t.priority === 2],
      [`group_id=${groupId}`, (t) => t.group_id === groupId],
    ];
    for (const [query, keep] of cases) {
      const expected = all.filter(keep).map((t) => t.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await walk(`/api/v2/tickets?per_page=2&${query}&cursor=`)).flat()).toEqual(expected);
    }
  });

  it('pages the deleted view', async () => {
    for (const id of ids.slice(0, 5))
      expect((await desk.call('DELETE', `/api/v2/tickets/${id}`)).statusCode).toBe(204);
    const trash = (await walk('/api/v2/tickets?filter=deleted&per_page=2&cursor=')).flat();
    expect([...trash].sort((a, b) => a - b)).toEqual(ids.slice(0, 5));
    const live = (await walk('/api/v2/tickets?per_page=4&cursor=')).flat();
    expect(live.some((id) => ids.slice(0, 5).includes(id))).toBe(false);
    for (const id of ids.slice(0, 5)) await desk.call('PUT', `/api/v2/tickets/${id}/restore`);
  });

  it('never shows a restricted agent an out-of-scope ticket, even through a cursor made by an admin', async () => {
    const own = ids.filter((_, i) => i % 2 === 0);
    const mine = (await walk('/api/v2/tickets?per_page=2&cursor=', restricted.apiKey)).flat();
    expect([...mine].sort((a, b) => a - b)).toEqual(own);
    // A cursor is only a position: reused by the restricted agent it still yields only its tickets.
    const adminFirst = await desk.call('GET', '/api/v2/tickets?per_page=1&cursor=');
    const next = /<([^>]+)>;\s*rel="next"/.exec(String(adminFirst.headers.link))![1]!;
    const url = new URL(next);
    const rest = (await walk(`${url.pathname}${url.search}`, restricted.apiKey)).flat();
    expect(rest.length).toBeGreaterThan(0);
    for (const id of rest) expect(own).toContain(id);
  });

  it('keeps Freshdesk page paging for clients that send page (Link with page=)', async () => {
    const res = await desk.call('GET', '/api/v2/tickets?per_page=2&page=2');
    expect(res.statusCode).toBe(200);
    expect(res.data).toHaveLength(2);
    expect(String(res.headers.link)).toMatch(/page=3/);
    expect(String(res.headers.link)).not.toMatch(/cursor=/);
    // The plain list keeps the 30-day window: the old ticket is not in it.
    const plain = await desk.call('GET', '/api/v2/tickets?per_page=100');
    expect(plain.data.map((t: Listed) => t.id)).not.toContain(ids[10]);
  });

  it('rejects a forged cursor, a cursor of another order and page with cursor, as field errors', async () => {
    const first = await desk.call('GET', '/api/v2/tickets?per_page=1&cursor=');
    const cursor = new URL(/<([^>]+)>/.exec(String(first.headers.link))![1]!).searchParams.get('cursor')!;
    for (const url of [
      '/api/v2/tickets?cursor=not-a-cursor',
      `/api/v2/tickets?cursor=${Buffer.from('["created_at","desc","1; drop table",1]').toString('base64url')}`,
      `/api/v2/tickets?order_type=asc&cursor=${cursor}`,
      `/api/v2/tickets?page=2&cursor=${cursor}`,
    ]) {
      const res = await desk.call('GET', url);
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_value' })]);
    }
  });
});
