import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

/** `GET /search/<entity>` with the expression wrapped in double quotes and URL-encoded. */
const searchUrl = (entity: string, expression: string, page?: number | string) =>
  `/api/v2/search/${entity}?query=${encodeURIComponent(`"${expression}"`)}${page === undefined ? '' : `&page=${page}`}`;

const ids = (data: { results: { id: number }[] }) => data.results.map((r) => r.id);

describe.each(TEST_DATABASE_KINDS)('search (%s)', (kind) => {
  let desk: TestDesk;
  // Named records, filled in beforeAll.
  const t: Record<string, number> = {};
  const c: Record<string, number> = {};
  const co: Record<string, number> = {};
  let groupOne: number;
  let groupTwo: number;
  let groupAgent: { id: number; apiKey: string };
  let restrictedAgent: { id: number; apiKey: string };
  let otherAgent: { id: number; apiKey: string };

  async function search(entity: string, expression: string, key?: string, page?: number) {
    const res = await desk.call('GET', searchUrl(entity, expression, page), key ? { key } : {});
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return res.data as { results: { id: number }[]; total: number };
  }

  /** Ids matching a ticket query, as seen by the admin (global scope). */
  const tickets = async (expression: string, key?: string) => ids(await search('tickets', expression, key));

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    const db = desk.services.db;

    const [g1, g2] = await db
      .insertInto('groups')
      .values([{ name: 'Billing' }, { name: 'Hardware' }])
      .returning('id')
      .execute();
    groupOne = g1!.id;
    groupTwo = g2!.id;
    groupAgent = await createTestAgent(desk, { ticketScope: 2, groupIds: [groupOne] });
    restrictedAgent = await createTestAgent(desk, { ticketScope: 3 });
    otherAgent = await createTestAgent(desk, { ticketScope: 1 });

    let position = 100;
    for (const [name, type] of [
      ['cf_reason', 'custom_text'],
      ['cf_count', 'custom_number'],
      ['cf_amount', 'custom_decimal'],
      ['cf_urgent', 'custom_checkbox'],
      ['cf_since', 'custom_date'],
    ] as const) {
      await db
        .insertInto('ticket_fields')
        .values({ name, label: name, label_for_customers: name, position: position++, type })
        .execute();
    }

    // Companies, then contacts that belong to them.
    for (const [key, name, domains, created, custom] of [
      ['acme', 'Acme', ['acme.com', 'acme.io'], '2026-03-01T09:00:00Z', {}],
      ['globex', 'Globex', ['globex.com'], '2026-03-05T09:00:00Z', {}],
      ['initech', 'Initech', [], '2026-03-10T09:00:00Z', { cf_tier: 'gold' }],
    ] as const) {
      const row = await db
        .insertInto('companies')
        .values({
          name,
          domains: [...domains],
          custom_fields: JSON.stringify(custom),
          created_at: created,
          updated_at: created,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      co[key] = row.id;
    }

    const contacts = [
      {
        key: 'ann',
        name: 'Ann',
        email: 'Ann@Example.com',
        other_emails: ['ann.work@example.com'],
        phone: '111',
        active: true,
        tags: ['vip'],
        company_id: co.acme!,
        created_at: '2026-02-01T08:00:00Z',
      },
      {
        key: 'bob',
        name: 'Bob',
        email: 'bob@example.com',
        mobile: '222',
        active: false,
        language: 'fr',
        twitter_id: 'bobby',
        created_at: '2026-02-05T08:00:00Z',
      },
      {
        key: 'gone',
        name: 'Gone',
        email: 'gone@example.com',
        active: true,
        deleted: true,
        tags: ['vip'],
        created_at: '2026-02-07T08:00:00Z',
      },
      {
        key: 'cid',
        name: 'Cid',
        phone: '333',
        active: true,
        tags: ['VIP', 'other'],
        custom_fields: JSON.stringify({ cf_score: 5 }),
        created_at: '2026-02-10T08:00:00Z',
      },
    ];
    for (const { key, ...values } of contacts) {
      const row = await db
        .insertInto('contacts')
        .values({ ...values, updated_at: values.created_at })
        .returning('id')
        .executeTakeFirstOrThrow();
      c[key] = row.id;
    }

    // Tickets, created directly so their timestamps are known (the API stamps now()).
    const base = { requester_id: c.ann!, subject: 'Help' };
    const ticketRows = [
      {
        key: 't1',
        status: 2,
        priority: 1,
        type: 'Question',
        group_id: groupOne,
        responder_id: null,
        tags: ['vip', 'billing'],
        custom_fields: {
          cf_reason: 'Broken screen',
          cf_count: 3,
          cf_amount: 10.5,
          cf_urgent: true,
          cf_since: '2026-01-10',
        },
        created_at: '2026-01-05T10:00:00Z',
        due_by: '2026-01-08T12:00:00Z',
      },
      {
        key: 't2',
        status: 3,
        priority: 2,
        type: 'Incident',
        group_id: groupTwo,
        responder_id: restrictedAgent.id,
        tags: ['VIP'],
        custom_fields: { cf_count: 7, cf_urgent: false },
        created_at: '2026-01-10T23:59:59Z',
        due_by: '2026-01-09T00:00:00Z',
      },
      {
        key: 't3',
        status: 2,
        priority: 3,
        type: null,
        group_id: null,
        responder_id: groupAgent.id,
        tags: [],
        custom_fields: {},
        created_at: '2026-01-11T00:00:00Z',
        due_by: '2026-01-15T00:00:00Z',
      },
      {
        key: 't4',
        status: 4,
        priority: 4,
        type: 'Question',
        group_id: groupOne,
        responder_id: otherAgent.id,
        tags: ['billing'],
        custom_fields: { cf_reason: 'broken SCREEN', cf_amount: 99.99 },
        created_at: '2026-01-20T12:00:00Z',
        due_by: '2026-01-25T00:00:00Z',
      },
      {
        key: 'deleted',
        status: 2,
        priority: 1,
        type: 'Question',
        group_id: groupOne,
        responder_id: null,
        tags: ['vip'],
        custom_fields: {},
        deleted: true,
        created_at: '2026-01-06T00:00:00Z',
        due_by: '2026-01-08T00:00:00Z',
      },
      {
        key: 'spam',
        status: 2,
        priority: 1,
        type: 'Question',
        group_id: groupOne,
        responder_id: null,
        tags: ['vip'],
        custom_fields: {},
        spam: true,
        created_at: '2026-01-07T00:00:00Z',
        due_by: '2026-01-08T00:00:00Z',
      },
    ];
    for (const { key, custom_fields, ...values } of ticketRows) {
      const row = await db
        .insertInto('tickets')
        .values({
          ...base,
          ...values,
          custom_fields: JSON.stringify(custom_fields),
          fr_due_by: values.due_by,
          updated_at: values.created_at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      t[key] = row.id;
    }
    // 35 more for pagination, one a day from 2025-06-01, all tagged 'bulk' and closed, in the
    // second group and assigned to another agent, so the queries above never match them.
    await db
      .insertInto('tickets')
      .values(
        Array.from({ length: 35 }, (_, i) => {
          const at = new Date(Date.UTC(2025, 5, 1 + i)).toISOString();
          return {
            ...base,
            status: 5,
            priority: 2,
            type: 'Bulk',
            group_id: groupTwo,
            responder_id: otherAgent.id,
            tags: ['bulk'],
            created_at: at,
            updated_at: at,
            due_by: at,
            fr_due_by: at,
          };
        }),
      )
      .execute();
  });
  afterAll(async () => desk?.close());

  describe('tickets', () => {
    it('returns ticket objects as the tickets list does, newest first, with the total', async () => {
      const res = await desk.call('GET', searchUrl('tickets', "type:'Question'"));
      expect(res.statusCode).toBe(200);
      expect(res.data.total).toBe(2);
      expect(ids(res.data)).toEqual([t.t4, t.t1]);
      expect(res.data.results[1]).toMatchObject({
        id: t.t1,
        subject: 'Help',
        status: 2,
        priority: 1,
        type: 'Question',
        group_id: groupOne,
        responder_id: null,
        requester_id: c.ann,
        tags: ['vip', 'billing'],
        custom_fields: {
          cf_reason: 'Broken screen',
          cf_count: 3,
          cf_amount: 10.5,
          cf_urgent: true,
          cf_since: '2026-01-10',
        },
        deleted: false,
        spam: false,
        created_at: '2026-01-05T10:00:00Z',
        due_by: '2026-01-08T12:00:00Z',
      });
      expect(res.data.results[1]).not.toHaveProperty('description');
    });

    it('matches integer fields and excludes deleted and spam tickets', async () => {
      expect(await tickets('status:2')).toEqual([t.t3, t.t1]);
      expect(await tickets(`agent_id:${restrictedAgent.id}`)).toEqual([t.t2]);
      expect(await tickets(`group_id:${groupOne}`)).toEqual([t.t4, t.t1]);
      expect(await tickets("type:'question'")).toEqual([t.t4, t.t1]);
    });

    it('combines with AND, OR (AND binds tighter) and parentheses', async () => {
      expect(await tickets('status:2 AND priority:3')).toEqual([t.t3]);
      expect(await tickets('status:2 OR status:3 AND priority:2')).toEqual([t.t3, t.t2, t.t1]);
      expect(await tickets('(status:2 OR status:3) AND priority:2')).toEqual([t.t2]);
      expect(await tickets('priority:4 OR (status:2 AND (priority:1 OR priority:3))')).toEqual([
        t.t4,
        t.t3,
        t.t1,
      ]);
    });

    it('ranges on numbers are inclusive', async () => {
      expect(await tickets('priority:>3')).toEqual([t.t4, t.t3]);
      expect(await tickets('priority:>4')).toEqual([t.t4]);
      expect(await tickets('priority:>3 AND priority:<3')).toEqual([t.t3]);
      expect(await tickets('priority:>2 AND priority:<3 AND status:<3')).toEqual([t.t3, t.t2]);
      expect(await tickets('priority:<1')).toEqual([t.t1]);
      expect(await tickets('priority:<2 AND status:<4')).toEqual([t.t2, t.t1]);
    });

    it('ranges on dates cover whole UTC days', async () => {
      expect(await tickets("created_at:'2026-01-10'")).toEqual([t.t2]);
      expect(await tickets("created_at:>'2026-01-11'")).toEqual([t.t4, t.t3]);
      expect(await tickets("created_at:<'2026-01-10' AND created_at:>'2026-01-01'")).toEqual([t.t2, t.t1]);
      expect(await tickets("created_at:>'2026-01-06' AND created_at:<'2026-01-11'")).toEqual([t.t3, t.t2]);
      expect(await tickets("due_by:<'2026-01-09' AND created_at:>'2026-01-01'")).toEqual([t.t2, t.t1]);
      expect(await tickets("updated_at:>'2026-01-20'")).toEqual([t.t4]);
      expect(await tickets("fr_due_by:'2026-01-09'")).toEqual([t.t2]);
    });

    it('null matches empty fields', async () => {
      expect(await tickets('group_id:null')).toEqual([t.t3]);
      expect(await tickets('type:null AND tag:null')).toEqual([t.t3]);
      expect(await tickets("agent_id:null AND created_at:>'2026-01-01'")).toEqual([t.t1]);
      expect(await tickets("cf_reason:null AND created_at:>'2026-01-01'")).toEqual([t.t3, t.t2]);
    });

    it('tag matches any tag of the ticket, ignoring case', async () => {
      expect(await tickets("tag:'vip'")).toEqual([t.t2, t.t1]);
      expect(await tickets("tag:'billing' AND tag:'VIP'")).toEqual([t.t1]);
      expect(await tickets("tag:'nope'")).toEqual([]);
    });

    it('compares custom fields by their type', async () => {
      expect(await tickets("cf_reason:'broken screen'")).toEqual([t.t4, t.t1]);
      expect(await tickets('cf_count:3')).toEqual([t.t1]);
      expect(await tickets('cf_count:>4')).toEqual([t.t2]);
      expect(await tickets('cf_amount:>10.5')).toEqual([t.t4, t.t1]);
      expect(await tickets('cf_amount:<10.49')).toEqual([]);
      expect(await tickets('cf_urgent:true')).toEqual([t.t1]);
      expect(await tickets("cf_urgent:false AND created_at:>'2026-01-01'")).toEqual([t.t4, t.t3, t.t2]);
      expect(await tickets("cf_since:'2026-01-10'")).toEqual([t.t1]);
      expect(await tickets("cf_since:>'2026-01-11'")).toEqual([]);
      expect(await tickets("cf_since:<'2026-01-10'")).toEqual([t.t1]);
    });

    it('binds values as parameters: quotes in a value cannot change the query', async () => {
      expect(await tickets("type:'\\' OR 1=1 --'")).toEqual([]);
      expect(await tickets("tag:'vip\\'); DROP TABLE tickets; --'")).toEqual([]);
      expect(await tickets('status:2')).toEqual([t.t3, t.t1]);
    });

    it('applies the ticket scope of the caller in SQL', async () => {
      const query = "created_at:>'2026-01-01'";
      expect(await tickets(query)).toEqual([t.t4, t.t3, t.t2, t.t1]);
      // Group scope: tickets of the agent's groups plus those assigned to the agent.
      expect(await tickets(query, groupAgent.apiKey)).toEqual([t.t4, t.t3, t.t1]);
      // Restricted: only tickets assigned to the agent.
      expect(await tickets(query, restrictedAgent.apiKey)).toEqual([t.t2]);
      const res = await search('tickets', query, restrictedAgent.apiKey);
      expect(res.total).toBe(1);
    });

    it('finds tickets created through the API, shaped like GET /tickets items, until deleted', async () => {
      const created: number[] = [];
      for (const [subject, count] of [
        ['Via API one', 12],
        ['Via API two', 13],
      ] as const) {
        const res = await desk.call('POST', '/api/v2/tickets', {
          body: {
            requester_id: c.bob,
            subject,
            description: '<p>Made through the API</p>',
            status: 2,
            priority: 3,
            type: 'Problem',
            tags: ['from-api'],
            custom_fields: {
              cf_reason: 'API made',
              cf_count: count,
              cf_urgent: true,
              cf_since: '2026-05-01',
            },
          },
        });
        expect(res.statusCode).toBe(201);
        created.push(res.data.id as number);
      }
      const [one, two] = created as [number, number];
      expect(await tickets("tag:'from-api'")).toEqual([two, one]);
      expect(await tickets("type:'problem' AND cf_count:>13")).toEqual([two]);
      expect(await tickets("cf_reason:'api made' AND cf_urgent:true AND cf_since:'2026-05-01'")).toEqual([
        two,
        one,
      ]);

      const found = await search('tickets', `tag:'from-api'`);
      const list = await desk.call('GET', '/api/v2/tickets?order_by=created_at');
      expect(list.statusCode).toBe(200);
      const listed = (list.data as { id: number }[]).filter((item) => created.includes(item.id));
      expect(found.results).toEqual(listed);

      expect((await desk.call('DELETE', `/api/v2/tickets/${one}`)).statusCode).toBe(204);
      expect(await tickets("tag:'from-api'")).toEqual([two]);
      // Leave the data set as the other tests expect it.
      expect((await desk.call('DELETE', `/api/v2/tickets/${two}`)).statusCode).toBe(204);
      expect(await tickets("tag:'from-api'")).toEqual([]);
    });

    it('pages by 30 with the full total; page 11 is rejected', async () => {
      const first = await search('tickets', "tag:'bulk'");
      expect(first.total).toBe(35);
      expect(first.results).toHaveLength(30);
      const second = await search('tickets', "tag:'bulk'", undefined, 2);
      expect(second.total).toBe(35);
      expect(second.results).toHaveLength(5);
      expect(new Set([...ids(first), ...ids(second)]).size).toBe(35);
      // Newest first across pages.
      expect(ids(second).every((id) => id < Math.min(...ids(first)))).toBe(true);
      const tenth = await search('tickets', "tag:'bulk'", undefined, 10);
      expect(tenth).toEqual({ results: [], total: 35 });

      for (const page of ['11', '0', 'abc', '-1']) {
        const res = await desk.call('GET', searchUrl('tickets', 'status:2', page));
        expect(res.statusCode).toBe(400);
        expect(res.data).toEqual({
          description: 'Validation failed',
          errors: [
            {
              field: 'page',
              code: 'invalid_value',
              message: 'It should be a Positive Integer less than or equal to 10',
            },
          ],
        });
      }
    });
  });

  describe('contacts', () => {
    const contacts = async (expression: string) => ids(await search('contacts', expression));

    it('searches customers only (no agents, no deleted contacts)', async () => {
      const res = await desk.call('GET', searchUrl('contacts', 'active:true'));
      expect(res.statusCode).toBe(200);
      expect(res.data.total).toBe(2);
      expect(ids(res.data)).toEqual([c.cid, c.ann]);
      expect(res.data.results[1]).toMatchObject({
        id: c.ann,
        name: 'Ann',
        email: 'Ann@Example.com',
        company_id: co.acme,
        tags: ['vip'],
        active: true,
        created_at: '2026-02-01T08:00:00Z',
      });
    });

    it('matches each searchable field', async () => {
      expect(await contacts("email:'ann@example.com'")).toEqual([c.ann]);
      expect(await contacts("email:'ANN.work@example.com'")).toEqual([c.ann]);
      expect(await contacts(`company_id:${co.acme}`)).toEqual([c.ann]);
      expect(await contacts('company_id:null')).toEqual([c.cid, c.bob]);
      expect(await contacts("tag:'vip'")).toEqual([c.cid, c.ann]);
      expect(await contacts("phone:'111' OR mobile:'222'")).toEqual([c.bob, c.ann]);
      expect(await contacts("language:'fr' AND twitter_id:'bobby'")).toEqual([c.bob]);
      expect(await contacts("time_zone:'UTC' AND active:false")).toEqual([c.bob]);
      expect(await contacts('email:null')).toEqual([c.cid]);
      expect(await contacts("created_at:>'2026-02-05'")).toEqual([c.cid, c.bob]);
      expect(await contacts("updated_at:<'2026-02-01'")).toEqual([c.ann]);
      expect(await contacts('cf_score:>4')).toEqual([c.cid]);
    });

    it('rejects a ticket-only field', async () => {
      const res = await desk.call('GET', searchUrl('contacts', 'priority:1'));
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({ field: 'query', code: 'invalid_value' });
      expect(res.data.errors[0].message).toMatch(
        /^Unknown field 'priority' at position 1; searchable fields are: active,/,
      );
    });
  });

  describe('companies', () => {
    const companies = async (expression: string) => ids(await search('companies', expression));

    it('matches domain, name, dates and custom fields', async () => {
      const res = await desk.call('GET', searchUrl('companies', "domain:'ACME.io'"));
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({
        total: 1,
        results: [expect.objectContaining({ id: co.acme, name: 'Acme', domains: ['acme.com', 'acme.io'] })],
      });
      expect(await companies('domain:null')).toEqual([co.initech]);
      expect(await companies("name:'globex'")).toEqual([co.globex]);
      expect(await companies("created_at:<'2026-03-05'")).toEqual([co.globex, co.acme]);
      expect(await companies("domain:'acme.com' OR name:'Initech'")).toEqual([co.initech, co.acme]);
      expect(await companies("cf_tier:'GOLD'")).toEqual([co.initech]);
    });
  });

  describe('query errors', () => {
    const expectQueryError = async (url: string, message: string | RegExp) => {
      const res = await desk.call('GET', url);
      expect(res.statusCode).toBe(400);
      expect(res.data.description).toBe('Validation failed');
      expect(res.data.errors).toHaveLength(1);
      expect(res.data.errors[0]).toMatchObject({ field: 'query', code: 'invalid_value' });
      expect(res.data.errors[0].message).toMatch(message);
    };
    const quoting = 'The query must be enclosed in double quotes, e.g. query="priority:3"';

    it('requires the expression in double quotes', async () => {
      await expectQueryError('/api/v2/search/tickets?query=priority:3', quoting);
      await expectQueryError(`/api/v2/search/tickets?query=${encodeURIComponent("'priority:3'")}`, quoting);
      await expectQueryError(`/api/v2/search/contacts?query=${encodeURIComponent('"active:true')}`, quoting);
      await expectQueryError(`/api/v2/search/companies?query=${encodeURIComponent('"')}`, quoting);
    });

    it('requires the query parameter', async () => {
      const res = await desk.call('GET', '/api/v2/search/tickets');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'query', code: 'missing_field', message: 'It should be a/an String' },
      ]);
    });

    it('limits the query to 512 characters', async () => {
      const long = Array.from({ length: 60 }, () => 'status:2').join(' OR '); // 60*8 + 59*4 = 716
      await expectQueryError(searchUrl('tickets', long), 'It should not be longer than 512 characters');
      const fits = Array.from({ length: 42 }, () => 'status:2').join(' OR '); // 42*8 + 41*4 + 2 = 502
      expect(await tickets(fits)).toEqual([t.t3, t.t1]);
    });

    it('names an unknown field and its position', async () => {
      await expectQueryError(
        searchUrl('tickets', "status:2 AND subject:'x'"),
        /^Unknown field 'subject' at position 14; searchable fields are: agent_id, group_id, priority, status, tag, type, due_by, fr_due_by, created_at, updated_at, cf_reason, cf_count, cf_amount, cf_urgent, cf_since$/,
      );
    });

    it('names the position of syntax and type errors', async () => {
      await expectQueryError(searchUrl('tickets', ''), 'The query is empty');
      await expectQueryError(
        searchUrl('tickets', 'status:2 AND'),
        "Unexpected end of query at position 13: expected a field name or '('",
      );
      await expectQueryError(
        searchUrl('tickets', '(status:2 OR status:3'),
        "Missing ')' for the '(' at position 1",
      );
      await expectQueryError(
        searchUrl('tickets', 'type:Question'),
        "Unquoted value 'Question' at position 6: string values must be enclosed in single quotes",
      );
      await expectQueryError(
        searchUrl('tickets', "type:'Question"),
        'Unterminated string starting at position 6',
      );
      await expectQueryError(
        searchUrl('tickets', "priority:'high'"),
        "'priority' at position 1 expects a number, got 'high'",
      );
      await expectQueryError(
        searchUrl('tickets', "created_at:>'yesterday'"),
        "'created_at' at position 1 expects a date 'YYYY-MM-DD', got 'yesterday'",
      );
      await expectQueryError(
        searchUrl('tickets', "tag:>'a'"),
        "'tag' at position 1 does not support ':>' or ':<'; ranges work on numbers and dates",
      );
    });

    it('reports a bad query and a bad page together', async () => {
      const res = await desk.call('GET', '/api/v2/search/tickets?query=status:2&page=11');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'query']);
    });

    it('requires authentication', async () => {
      const res = await desk.call('GET', searchUrl('tickets', 'status:2'), { key: null });
      expect(res.statusCode).toBe(401);
    });
  });
});
