import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

const ONE_OF = 'Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe.each(TEST_DATABASE_KINDS)('Contacts API (%s)', (kind) => {
  let desk: TestDesk;
  let agentKey: string;
  let supervisorKey: string;
  let seq = 0;
  /** A unique suffix so tests do not clash on unique emails. */
  const u = () => `${Date.now().toString(36)}${seq++}`;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    agentKey = (await createTestAgent(desk, { role: 'agent', ticketScope: 3 })).apiKey;
    supervisorKey = (await createTestAgent(desk, { role: 'supervisor' })).apiKey;
  });
  afterAll(async () => desk?.close());

  async function createContact(body: Record<string, unknown>) {
    const res = await desk.call('POST', '/api/v2/contacts', { body });
    expect(res.statusCode, JSON.stringify(res.data)).toBe(201);
    return res.data as { id: number; email: string | null; name: string };
  }

  async function createCompany(name: string) {
    const res = await desk.call('POST', '/api/v2/companies', { body: { name } });
    expect(res.statusCode).toBe(201);
    return res.data as { id: number };
  }

  describe('POST /contacts', () => {
    it('creates a contact (201, Location, full Freshdesk shape)', async () => {
      const company = await createCompany(`Acme ${u()}`);
      const email = `jane-${u()}@example.com`;
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: {
          name: 'Jane Doe',
          email,
          other_emails: [`jane.alt-${u()}@example.com`],
          phone: '+1 555 0100',
          mobile: '+1 555 0101',
          twitter_id: 'janedoe',
          unique_external_id: `ext-${u()}`,
          company_id: company.id,
          view_all_tickets: true,
          address: '1 Main St',
          description: 'VIP',
          job_title: 'CTO',
          language: 'fr',
          time_zone: 'Europe/Paris',
          tags: ['vip', 'beta', 'vip'],
          custom_fields: {},
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/contacts/${res.data.id}$`));
      expect(res.data).toEqual({
        id: expect.any(Number),
        name: 'Jane Doe',
        email,
        other_emails: [expect.stringMatching(/^jane\.alt-/)],
        phone: '+1 555 0100',
        mobile: '+1 555 0101',
        twitter_id: 'janedoe',
        unique_external_id: expect.stringMatching(/^ext-/),
        facebook_id: null,
        company_id: company.id,
        view_all_tickets: true,
        other_companies: [],
        address: '1 Main St',
        description: 'VIP',
        job_title: 'CTO',
        language: 'fr',
        time_zone: 'Europe/Paris',
        tags: ['vip', 'beta'],
        avatar: null,
        active: false,
        deleted: false,
        custom_fields: {},
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
    });

    it('defaults unset attributes to null / [] / account defaults', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', { body: { name: 'Phone Only', phone: '123' } });
      expect(res.statusCode).toBe(201);
      expect(res.data).toMatchObject({
        email: null,
        other_emails: [],
        mobile: null,
        company_id: null,
        view_all_tickets: false,
        tags: [],
        language: 'en',
        time_zone: 'UTC',
        active: false,
      });
    });

    it('any agent may create a contact', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        key: agentKey,
        body: { name: 'By agent', mobile: '999' },
      });
      expect(res.statusCode).toBe(201);
    });

    it('400 missing_field for a missing name and for no identifier at all (each one named)', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', { body: { job_title: 'x' } });
      expect(res.statusCode).toBe(400);
      expect(res.data.description).toBe('Validation failed');
      expect(res.data.errors).toEqual([
        { field: 'name', code: 'missing_field', message: 'It should be a/an String' },
        ...['email', 'mobile', 'phone', 'twitter_id', 'unique_external_id'].map((field) => ({
          field,
          code: 'missing_field',
          message: ONE_OF,
        })),
      ]);
    });

    it('400 invalid_value for a blank name', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', { body: { name: '  ', phone: '1' } });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'name',
          code: 'invalid_value',
          message: 'It should not be blank as this is a mandatory field',
        },
      ]);
    });

    it('400 invalid_value for an invalid email: never silently accepted', async () => {
      for (const email of ['not-an-email', 'jane@', 'jane@example', 'a b@example.com']) {
        const res = await desk.call('POST', '/api/v2/contacts', { body: { name: 'Bad', email } });
        expect(res.statusCode, email).toBe(400);
        expect(res.data.errors).toEqual([
          {
            field: 'email',
            code: 'invalid_value',
            message: "It should be in the 'valid email address' format",
          },
        ]);
      }
      const list = await desk.call('GET', '/api/v2/contacts?email=' + encodeURIComponent('jane@example'));
      expect(list.statusCode).toBe(400);
    });

    it('400 invalid_value for invalid other_emails elements', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: {
          name: 'Bad',
          email: `ok-${u()}@example.com`,
          other_emails: ['fine@example.com', 'nope', 'no@'],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        {
          field: 'other_emails',
          code: 'invalid_value',
          message: "It should contain elements that are in the 'valid email address' format",
        },
      ]);
    });

    it('400 invalid_value when other_emails repeats the primary email', async () => {
      const email = `same-${u()}@example.com`;
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'Same', email, other_emails: [email.toUpperCase()] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual([
        { field: 'other_emails', code: 'invalid_value', message: 'It should not contain the primary email' },
      ]);
    });

    it('400 datatype_mismatch for wrong JSON types', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'Types', email: 42, tags: 'vip', view_all_tickets: 'yes', company_id: 'one' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'email',
            code: 'datatype_mismatch',
            message: 'Value set is of type Number.It should be a/an String',
          },
          {
            field: 'tags',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Array',
          },
          {
            field: 'view_all_tickets',
            code: 'datatype_mismatch',
            message: 'Value set is of type String.It should be a/an Boolean',
          },
          expect.objectContaining({ field: 'company_id', code: 'datatype_mismatch' }),
        ]),
      );
      const tags = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'T', phone: '1', tags: [1] },
      });
      expect(tags.data.errors).toEqual([
        {
          field: 'tags',
          code: 'datatype_mismatch',
          message: 'Value set is of type Number.It should be a/an String',
        },
      ]);
    });

    it('400 invalid_field for unknown attributes and for any custom field', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'X', phone: '1', nickname: 'x', custom_fields: { cf_level: 'gold' } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          { field: 'nickname', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
          {
            field: 'custom_fields.cf_level',
            code: 'invalid_field',
            message: 'Unexpected/invalid field in request',
          },
        ]),
      );
      expect(res.data.errors).toHaveLength(2);
    });

    it('400 invalid_value for an unknown language or company', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'X', phone: '1', language: 'klingon' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({ field: 'language', code: 'invalid_value' });
      const noCompany = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'X', phone: '1', company_id: 999999 },
      });
      expect(noCompany.statusCode).toBe(400);
      expect(noCompany.data.errors).toEqual([
        {
          field: 'company_id',
          code: 'invalid_value',
          message: 'There is no company matching the given company_id',
        },
      ]);
    });

    it('409 duplicate_value with the holder user_id for email (case-insensitive), other_emails and external id', async () => {
      const email = `dup-${u()}@example.com`;
      const alt = `dup-alt-${u()}@example.com`;
      const ext = `dup-ext-${u()}`;
      const first = await createContact({
        name: 'First',
        email,
        other_emails: [alt],
        unique_external_id: ext,
      });

      const sameEmail = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'Second', email: email.toUpperCase() },
      });
      expect(sameEmail.statusCode).toBe(409);
      expect(sameEmail.data).toEqual({
        description: 'Validation failed',
        errors: [
          {
            field: 'email',
            code: 'duplicate_value',
            message: 'It should be a unique value',
            additional_info: { user_id: first.id },
          },
        ],
      });

      const primaryIsOthersAlt = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'S', email: alt },
      });
      expect(primaryIsOthersAlt.statusCode).toBe(409);
      expect(primaryIsOthersAlt.data.errors[0]).toMatchObject({
        field: 'email',
        additional_info: { user_id: first.id },
      });

      const altIsOthersPrimary = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'S', phone: '1', other_emails: [email] },
      });
      expect(altIsOthersPrimary.statusCode).toBe(409);
      expect(altIsOthersPrimary.data.errors[0]).toMatchObject({
        field: 'other_emails',
        code: 'duplicate_value',
        additional_info: { user_id: first.id },
      });

      const sameExt = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'S', unique_external_id: ext },
      });
      expect(sameExt.statusCode).toBe(409);
      expect(sameExt.data.errors).toEqual([
        {
          field: 'unique_external_id',
          code: 'duplicate_value',
          message: 'It should be a unique value',
          additional_info: { user_id: first.id },
        },
      ]);
    });

    it('concurrent creates with one email: exactly one 201, the rest 409 duplicate_value', async () => {
      const email = `race-${u()}@example.com`;
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          desk.call('POST', '/api/v2/contacts', { body: { name: `Racer ${i}`, email } }),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      const winner = results.find((r) => r.statusCode === 201)!;
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(r.data.errors).toEqual([
          {
            field: 'email',
            code: 'duplicate_value',
            message: 'It should be a unique value',
            additional_info: { user_id: winner.data.id },
          },
        ]);
      }
    });

    it('409 for an email an agent already uses', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'Fake admin', email: ADMIN_EMAIL },
      });
      expect(res.statusCode).toBe(409);
      expect(res.data.errors[0]).toMatchObject({
        field: 'email',
        additional_info: { user_id: desk.adminId },
      });
    });

    it('400 (not 409) when a duplicate comes with other errors, all reported', async () => {
      const email = `mix-${u()}@example.com`;
      await createContact({ name: 'Mix', email });
      const res = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'Mix 2', email, company_id: 999999 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors.map((e: { code: string }) => e.code).sort()).toEqual([
        'duplicate_value',
        'invalid_value',
      ]);
    });

    it('400 invalid_json for a malformed body', async () => {
      const res = await desk.call('POST', '/api/v2/contacts', {
        payload: '{"name":',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.code).toBe('invalid_json');
    });
  });

  describe('GET /contacts/:id', () => {
    it('views a contact', async () => {
      const created = await createContact({ name: 'Viewed', email: `view-${u()}@example.com` });
      const res = await desk.call('GET', `/api/v2/contacts/${created.id}`, { key: agentKey });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({ id: created.id, name: 'Viewed', email: created.email });
    });

    it('404 for an unknown id and for an agent (agents live under /agents)', async () => {
      for (const id of [999999, desk.adminId]) {
        const res = await desk.call('GET', `/api/v2/contacts/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.data).toEqual({ code: 'not_found', message: 'The requested resource was not found.' });
      }
    });

    it('400 for a malformed id', async () => {
      const res = await desk.call('GET', '/api/v2/contacts/abc');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({ field: 'id', code: 'datatype_mismatch' });
    });
  });

  describe('PUT /contacts/:id', () => {
    it('updates the given attributes only (any agent)', async () => {
      const created = await createContact({ name: 'Before', email: `upd-${u()}@example.com`, tags: ['a'] });
      const company = await createCompany(`Upd Co ${u()}`);
      const res = await desk.call('PUT', `/api/v2/contacts/${created.id}`, {
        key: agentKey,
        body: { name: 'After', company_id: company.id, tags: ['b', 'c'], phone: '42' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        id: created.id,
        name: 'After',
        email: created.email,
        company_id: company.id,
        tags: ['b', 'c'],
        phone: '42',
      });
      const again = await desk.call('GET', `/api/v2/contacts/${created.id}`);
      expect(again.data.name).toBe('After');
    });

    it('keeps its own email without a duplicate error and may clear the company', async () => {
      const created = await createContact({ name: 'Self', email: `self-${u()}@example.com` });
      const res = await desk.call('PUT', `/api/v2/contacts/${created.id}`, {
        body: { email: created.email!.toUpperCase(), company_id: null },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data.company_id).toBeNull();
    });

    it('validates like create: invalid email, unknown field, custom field, wrong type', async () => {
      const created = await createContact({ name: 'Strict', email: `strict-${u()}@example.com` });
      const res = await desk.call('PUT', `/api/v2/contacts/${created.id}`, {
        body: {
          email: 'broken',
          other_emails: ['also broken'],
          role: 'x',
          custom_fields: { cf_a: 1 },
          name: 5,
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'email',
            code: 'invalid_value',
            message: "It should be in the 'valid email address' format",
          },
          {
            field: 'other_emails',
            code: 'invalid_value',
            message: "It should contain elements that are in the 'valid email address' format",
          },
          { field: 'role', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
          {
            field: 'custom_fields.cf_a',
            code: 'invalid_field',
            message: 'Unexpected/invalid field in request',
          },
          {
            field: 'name',
            code: 'datatype_mismatch',
            message: 'Value set is of type Number.It should be a/an String',
          },
        ]),
      );
      const unchanged = await desk.call('GET', `/api/v2/contacts/${created.id}`);
      expect(unchanged.data.email).toBe(created.email);
    });

    it('400 missing_field when the update removes every identifier', async () => {
      const created = await createContact({ name: 'Ids', email: `ids-${u()}@example.com` });
      const res = await desk.call('PUT', `/api/v2/contacts/${created.id}`, { body: { email: null } });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toHaveLength(5);
      expect(res.data.errors[0]).toEqual({ field: 'email', code: 'missing_field', message: ONE_OF });
    });

    it('409 duplicate_value when taking another contact email', async () => {
      const a = await createContact({ name: 'A', email: `a-${u()}@example.com` });
      const b = await createContact({ name: 'B', email: `b-${u()}@example.com` });
      const res = await desk.call('PUT', `/api/v2/contacts/${b.id}`, { body: { email: a.email } });
      expect(res.statusCode).toBe(409);
      expect(res.data.errors).toEqual([
        {
          field: 'email',
          code: 'duplicate_value',
          message: 'It should be a unique value',
          additional_info: { user_id: a.id },
        },
      ]);
    });

    it('404 for an unknown contact or an agent', async () => {
      for (const id of [999999, desk.adminId]) {
        const res = await desk.call('PUT', `/api/v2/contacts/${id}`, { body: { name: 'x' } });
        expect(res.statusCode).toBe(404);
      }
    });
  });

  describe('GET /contacts', () => {
    let companyId: number;
    let tag: string;
    const ids: number[] = [];
    beforeAll(async () => {
      tag = u();
      companyId = (await createCompany(`List Co ${tag}`)).id;
      for (let i = 0; i < 3; i++) {
        const c = await createContact({
          name: `Listed ${i}`,
          email: `listed-${i}-${tag}@example.com`,
          phone: `ph-${tag}`,
          mobile: `mob-${tag}-${i}`,
          company_id: companyId,
        });
        ids.push(c.id);
      }
    });

    it('lists contacts with the Freshdesk shape, never agents', async () => {
      const res = await desk.call('GET', '/api/v2/contacts?per_page=100');
      expect(res.statusCode).toBe(200);
      expect(Array.isArray(res.data)).toBe(true);
      const listedIds = res.data.map((c: { id: number }) => c.id);
      expect(listedIds).not.toContain(desk.adminId);
      expect(res.data[0]).toHaveProperty('other_companies', []);
    });

    it('sends a Link header only when a next page exists', async () => {
      const first = await desk.call('GET', `/api/v2/contacts?company_id=${companyId}&per_page=2`);
      expect(first.statusCode).toBe(200);
      expect(first.data.map((c: { id: number }) => c.id)).toEqual(ids.slice(0, 2));
      expect(first.headers.link).toMatch(/^<http[^>]*\/api\/v2\/contacts\?[^>]*page=2[^>]*>; rel="next"$/);
      expect(first.headers.link).toContain(`company_id=${companyId}`);
      const second = await desk.call('GET', `/api/v2/contacts?company_id=${companyId}&per_page=2&page=2`);
      expect(second.data.map((c: { id: number }) => c.id)).toEqual(ids.slice(2));
      expect(second.headers.link).toBeUndefined();
    });

    it('filters by email (case-insensitive, also other_emails), phone, mobile and company_id', async () => {
      const byEmail = await desk.call(
        'GET',
        `/api/v2/contacts?email=${encodeURIComponent(`LISTED-1-${tag}@example.com`)}`,
      );
      expect(byEmail.data.map((c: { id: number }) => c.id)).toEqual([ids[1]]);
      const other = await createContact({
        name: 'Alt holder',
        phone: '5',
        other_emails: [`alt+list-${tag}@example.com`],
      });
      const byOther = await desk.call(
        'GET',
        `/api/v2/contacts?email=${encodeURIComponent(`alt+list-${tag}@example.com`)}`,
      );
      expect(byOther.data.map((c: { id: number }) => c.id)).toEqual([other.id]);
      const byPhone = await desk.call('GET', `/api/v2/contacts?phone=ph-${tag}`);
      expect(byPhone.data.map((c: { id: number }) => c.id)).toEqual(ids);
      const byMobile = await desk.call('GET', `/api/v2/contacts?mobile=mob-${tag}-2`);
      expect(byMobile.data.map((c: { id: number }) => c.id)).toEqual([ids[2]]);
      const none = await desk.call('GET', '/api/v2/contacts?company_id=999999');
      expect(none.statusCode).toBe(200);
      expect(none.data).toEqual([]);
      expect(none.headers.link).toBeUndefined();
    });

    it('filters by state and _updated_since', async () => {
      const verified = await createContact({ name: 'Verified', email: `verified-${tag}@example.com` });
      await desk.services.db
        .updateTable('contacts')
        .set({ active: true })
        .where('id', '=', verified.id)
        .execute();
      const ver = await desk.call('GET', '/api/v2/contacts?state=verified&per_page=100');
      const verIds = ver.data.map((c: { id: number }) => c.id);
      expect(verIds).toContain(verified.id);
      expect(verIds).not.toContain(ids[0]);
      const unver = await desk.call('GET', `/api/v2/contacts?state=unverified&company_id=${companyId}`);
      expect(unver.data.map((c: { id: number }) => c.id)).toEqual(ids);
      const blocked = await desk.call('GET', '/api/v2/contacts?state=blocked');
      expect(blocked.statusCode).toBe(200);
      expect(blocked.data).toEqual([]);

      await desk.services.db
        .updateTable('contacts')
        .set({ updated_at: new Date('2020-01-01T00:00:00Z') })
        .where('id', '=', ids[0]!)
        .execute();
      const since = await desk.call(
        'GET',
        `/api/v2/contacts?company_id=${companyId}&_updated_since=2021-01-01T00:00:00Z`,
      );
      expect(since.statusCode).toBe(200);
      expect(since.data.map((c: { id: number }) => c.id)).toEqual(ids.slice(1));
    });

    it('400 for a bad filter or page size, invalid_field for an unknown parameter', async () => {
      const state = await desk.call('GET', '/api/v2/contacts?state=happy');
      expect(state.statusCode).toBe(400);
      expect(state.data.errors).toEqual([
        {
          field: 'state',
          code: 'invalid_value',
          message: "It should be one of these values: 'blocked,deleted,unverified,verified'",
        },
      ]);
      const perPage = await desk.call('GET', '/api/v2/contacts?per_page=101');
      expect(perPage.statusCode).toBe(400);
      expect(perPage.data.errors[0]).toMatchObject({ field: 'per_page', code: 'invalid_value' });
      const since = await desk.call('GET', '/api/v2/contacts?_updated_since=yesterday');
      expect(since.statusCode).toBe(400);
      expect(since.data.errors).toEqual([
        {
          field: '_updated_since',
          code: 'invalid_value',
          message: "It should be in the 'combined date and time ISO8601' format",
        },
      ]);
      const unknown = await desk.call('GET', '/api/v2/contacts?colour=red');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.data.errors).toEqual([
        { field: 'colour', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]);
    });
  });

  describe('delete, restore, hard delete', () => {
    it('soft delete hides from the list and autocomplete; restore brings it back', async () => {
      const tag = u();
      const c = await createContact({ name: `Trash${tag}`, email: `trash-${tag}@example.com` });

      const del = await desk.call('DELETE', `/api/v2/contacts/${c.id}`, { key: supervisorKey });
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');

      const list = await desk.call('GET', `/api/v2/contacts?email=trash-${tag}@example.com`);
      expect(list.data).toEqual([]);
      const deletedList = await desk.call(
        'GET',
        `/api/v2/contacts?state=deleted&email=trash-${tag}@example.com`,
      );
      expect(deletedList.data.map((x: { id: number }) => x.id)).toEqual([c.id]);
      expect(deletedList.data[0].deleted).toBe(true);
      const view = await desk.call('GET', `/api/v2/contacts/${c.id}`);
      expect(view.statusCode).toBe(200);
      expect(view.data.deleted).toBe(true);
      const auto = await desk.call('GET', `/api/v2/contacts/autocomplete?term=Trash${tag}`);
      expect(auto.data).toEqual([]);

      const again = await desk.call('DELETE', `/api/v2/contacts/${c.id}`);
      expect(again.statusCode).toBe(404);

      // An empty JSON body is accepted, as Freshdesk clients send it.
      const restore = await desk.call('PUT', `/api/v2/contacts/${c.id}/restore`, {
        payload: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(restore.statusCode).toBe(204);
      expect(restore.body).toBe('');
      const back = await desk.call('GET', `/api/v2/contacts?email=trash-${tag}@example.com`);
      expect(back.data.map((x: { id: number }) => x.id)).toEqual([c.id]);
      expect(back.data[0].deleted).toBe(false);

      const notDeleted = await desk.call('PUT', `/api/v2/contacts/${c.id}/restore`, { body: {} });
      expect(notDeleted.statusCode).toBe(404);
    });

    it('restore accepts {} and rejects attributes', async () => {
      const c = await createContact({ name: 'R', phone: '1' });
      await desk.call('DELETE', `/api/v2/contacts/${c.id}`);
      const bad = await desk.call('PUT', `/api/v2/contacts/${c.id}/restore`, { body: { name: 'x' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.errors[0]).toMatchObject({ field: 'name', code: 'invalid_field' });
      const ok = await desk.call('PUT', `/api/v2/contacts/${c.id}/restore`, { body: {} });
      expect(ok.statusCode).toBe(204);
    });

    it('403 access_denied for plain agents on delete, restore and hard delete', async () => {
      const c = await createContact({ name: 'Guarded', phone: '1' });
      for (const [method, url] of [
        ['DELETE', `/api/v2/contacts/${c.id}`],
        ['PUT', `/api/v2/contacts/${c.id}/restore`],
        ['DELETE', `/api/v2/contacts/${c.id}/hard_delete?force=true`],
      ] as const) {
        const res = await desk.call(method, url, { key: agentKey });
        expect(res.statusCode, url).toBe(403);
        expect(res.data).toEqual({
          code: 'access_denied',
          message: 'You are not authorized to perform this action.',
        });
      }
      expect((await desk.call('GET', `/api/v2/contacts/${c.id}`)).data.deleted).toBe(false);
    });

    it('hard delete needs force=true for a live contact, not for a soft-deleted one', async () => {
      const live = await createContact({ name: 'Live', phone: '1' });
      const noForce = await desk.call('DELETE', `/api/v2/contacts/${live.id}/hard_delete`);
      expect(noForce.statusCode).toBe(400);
      expect(noForce.data.errors).toEqual([
        {
          field: 'force',
          code: 'missing_field',
          message:
            'The contact is not deleted: soft delete it first, or send force=true to delete it permanently',
        },
      ]);
      const falseForce = await desk.call('DELETE', `/api/v2/contacts/${live.id}/hard_delete?force=false`);
      expect(falseForce.statusCode).toBe(400);
      expect(falseForce.data.errors[0]).toMatchObject({ field: 'force', code: 'invalid_value' });
      const badForce = await desk.call('DELETE', `/api/v2/contacts/${live.id}/hard_delete?force=yes`);
      expect(badForce.statusCode).toBe(400);

      const forced = await desk.call('DELETE', `/api/v2/contacts/${live.id}/hard_delete?force=true`);
      expect(forced.statusCode).toBe(204);
      expect(forced.body).toBe('');
      expect((await desk.call('GET', `/api/v2/contacts/${live.id}`)).statusCode).toBe(404);

      const trashed = await createContact({ name: 'Trashed', phone: '1' });
      await desk.call('DELETE', `/api/v2/contacts/${trashed.id}`);
      const hard = await desk.call('DELETE', `/api/v2/contacts/${trashed.id}/hard_delete`, {
        key: supervisorKey,
      });
      expect(hard.statusCode).toBe(204);
      expect((await desk.call('GET', `/api/v2/contacts/${trashed.id}`)).statusCode).toBe(404);
      expect((await desk.call('DELETE', `/api/v2/contacts/999999/hard_delete?force=true`)).statusCode).toBe(
        404,
      );
    });

    it('hard delete refuses (409 inconsistent_state) a contact that requested tickets', async () => {
      const c = await createContact({ name: 'Requester', email: `req-${u()}@example.com` });
      const now = new Date();
      const ticket = await desk.services.db
        .insertInto('tickets')
        .values({
          subject: 'Help',
          requester_id: c.id,
          due_by: now,
          fr_due_by: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const res = await desk.call('DELETE', `/api/v2/contacts/${c.id}/hard_delete?force=true`);
      expect(res.statusCode).toBe(409);
      expect(res.data).toEqual({
        description: 'Validation failed',
        errors: [
          {
            field: 'id',
            code: 'inconsistent_state',
            message:
              'The contact has tickets or conversations and cannot be permanently deleted without losing them. Soft delete it instead.',
          },
        ],
      });
      const stillThere = await desk.services.db
        .selectFrom('tickets')
        .select('requester_id')
        .where('id', '=', ticket.id)
        .executeTakeFirst();
      expect(stillThere?.requester_id).toBe(c.id);
      // Soft delete stays possible.
      expect((await desk.call('DELETE', `/api/v2/contacts/${c.id}`)).statusCode).toBe(204);
    });
  });

  describe('GET /contacts/autocomplete', () => {
    it('matches name or email prefixes, case-insensitively, as [{id, name}]', async () => {
      const tag = u();
      const byName = await createContact({ name: `Zed${tag} Smith`, phone: '1' });
      const byEmail = await createContact({ name: 'Someone Else', email: `zed${tag}@example.com` });
      await createContact({ name: `Not Zed${tag}`, phone: '1' });
      const res = await desk.call('GET', `/api/v2/contacts/autocomplete?term=ZED${tag}`, { key: agentKey });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual([
        { id: byEmail.id, name: 'Someone Else' },
        { id: byName.id, name: `Zed${tag} Smith` },
      ]);
    });

    it('returns at most 25 and treats wildcards literally', async () => {
      const tag = u();
      for (let i = 0; i < 27; i++) await createContact({ name: `Many${tag} ${i}`, phone: '1' });
      const res = await desk.call('GET', `/api/v2/contacts/autocomplete?term=many${tag}`);
      expect(res.data).toHaveLength(25);
      const wildcard = await desk.call('GET', '/api/v2/contacts/autocomplete?term=%25');
      expect(wildcard.statusCode).toBe(200);
      expect(wildcard.data).toEqual([]);
    });

    it('400 missing_field without a term', async () => {
      const res = await desk.call('GET', '/api/v2/contacts/autocomplete');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({ field: 'term', code: 'missing_field' });
    });
  });

  describe('GET /contact_fields', () => {
    it('lists the default contact fields with stable ids and dates', async () => {
      const res = await desk.call('GET', '/api/v2/contact_fields', { key: agentKey });
      expect(res.statusCode).toBe(200);
      expect(res.data.map((f: { name: string }) => f.name)).toEqual([
        'name',
        'job_title',
        'email',
        'phone',
        'mobile',
        'twitter_id',
        'company_name',
        'address',
        'time_zone',
        'language',
        'tag_names',
        'description',
        'unique_external_id',
      ]);
      expect(res.data[0]).toEqual({
        id: 1,
        name: 'name',
        label: 'Full name',
        position: 1,
        type: 'default_name',
        default: true,
        editable_in_signup: true,
        required_for_agents: true,
        customers_can_edit: true,
        label_for_customers: 'Full name',
        required_for_customers: true,
        displayed_for_customers: true,
        created_at: '2026-11-24T06:00:00Z',
        updated_at: '2026-11-24T06:00:00Z',
      });
      const again = await desk.call('GET', '/api/v2/contact_fields');
      expect(again.data).toEqual(res.data);
    });
  });

  it('appears in the OpenAPI document', async () => {
    const res = await desk.call('GET', '/api/v2/openapi.json', { key: null });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.data.paths)).toEqual(
      expect.arrayContaining([
        '/api/v2/contacts',
        '/api/v2/contacts/{id}/hard_delete',
        '/api/v2/contact_fields',
      ]),
    );
  });

  it('405 for a wrong verb on a known path', async () => {
    const res = await desk.call('DELETE', '/api/v2/contacts');
    expect(res.statusCode).toBe(405);
    expect(res.data).toMatchObject({ code: 'method_not_allowed' });
    expect(res.headers.allow).toBe('GET, POST');
    const fields = await desk.call('POST', '/api/v2/contact_fields', { body: {} });
    expect(fields.statusCode).toBe(405);
  });

  it('401 without credentials', async () => {
    const res = await desk.call('GET', '/api/v2/contacts', { key: null });
    expect(res.statusCode).toBe(401);
  });
});
