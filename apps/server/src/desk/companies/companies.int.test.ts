import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe.each(TEST_DATABASE_KINDS)('Companies API (%s)', (kind) => {
  let desk: TestDesk;
  let agentKey: string;
  let supervisorKey: string;
  let seq = 0;
  const u = () => `${Date.now().toString(36)}${seq++}`;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    agentKey = (await createTestAgent(desk, { role: 'agent' })).apiKey;
    supervisorKey = (await createTestAgent(desk, { role: 'supervisor' })).apiKey;
  });
  afterAll(async () => desk?.close());

  async function createCompany(body: Record<string, unknown>) {
    const res = await desk.call('POST', '/api/v2/companies', { body });
    expect(res.statusCode, JSON.stringify(res.data)).toBe(201);
    return res.data as { id: number; name: string };
  }

  describe('POST /companies', () => {
    it('creates a company (201, Location, full Freshdesk shape)', async () => {
      const name = `Acme ${u()}`;
      const res = await desk.call('POST', '/api/v2/companies', {
        key: agentKey,
        body: {
          name,
          description: 'Rockets',
          note: 'Pays late',
          domains: [`Acme-${seq}.example.com`, `acme-${seq}.example.com`, `acme-${seq}.io`],
          health_score: 'Happy',
          account_tier: 'Premium',
          renewal_date: '2027-03-01',
          industry: 'Aerospace',
          custom_fields: {},
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toMatch(new RegExp(`/api/v2/companies/${res.data.id}$`));
      expect(res.data).toEqual({
        id: expect.any(Number),
        name,
        description: 'Rockets',
        note: 'Pays late',
        domains: [`acme-${seq}.example.com`, `acme-${seq}.io`],
        custom_fields: {},
        health_score: 'Happy',
        account_tier: 'Premium',
        renewal_date: '2027-03-01T00:00:00Z',
        industry: 'Aerospace',
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
    });

    it('unset attributes are null and [] ', async () => {
      const c = await createCompany({ name: `Bare ${u()}` });
      expect(c).toMatchObject({
        description: null,
        note: null,
        domains: [],
        health_score: null,
        account_tier: null,
        renewal_date: null,
        industry: null,
        custom_fields: {},
      });
    });

    it('400 missing_field without a name, invalid_value for a blank one', async () => {
      const missing = await desk.call('POST', '/api/v2/companies', { body: { description: 'x' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.data).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'name', code: 'missing_field', message: 'It should be a/an String' }],
      });
      const blank = await desk.call('POST', '/api/v2/companies', { body: { name: ' ' } });
      expect(blank.statusCode).toBe(400);
      expect(blank.data.errors).toEqual([
        {
          field: 'name',
          code: 'invalid_value',
          message: 'It should not be blank as this is a mandatory field',
        },
      ]);
    });

    it('400 invalid_value for bad domains and renewal_date; datatype_mismatch for wrong types', async () => {
      const res = await desk.call('POST', '/api/v2/companies', {
        body: {
          name: `Bad ${u()}`,
          domains: ['ok.com', 'not a domain', 'http://x.com'],
          renewal_date: 'soon',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'domains',
            code: 'invalid_value',
            message: "It should contain elements that are in the 'valid domain name' format",
          },
          {
            field: 'renewal_date',
            code: 'invalid_value',
            message: "It should be in the 'combined date and time ISO8601' format",
          },
        ]),
      );
      const types = await desk.call('POST', '/api/v2/companies', {
        body: { name: 12, domains: 'acme.com', health_score: 3 },
      });
      expect(types.statusCode).toBe(400);
      expect(types.data.errors).toEqual([
        {
          field: 'name',
          code: 'datatype_mismatch',
          message: 'Value set is of type Number.It should be a/an String',
        },
        {
          field: 'domains',
          code: 'datatype_mismatch',
          message: 'Value set is of type String.It should be a/an Array',
        },
        {
          field: 'health_score',
          code: 'datatype_mismatch',
          message: 'Value set is of type Number.It should be a/an String',
        },
      ]);
    });

    it('400 invalid_field for unknown attributes and any custom field', async () => {
      const res = await desk.call('POST', '/api/v2/companies', {
        body: { name: `X ${u()}`, website: 'x', custom_fields: { cf_size: 10 } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data.errors).toHaveLength(2);
      expect(res.data.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'custom_fields.cf_size',
            code: 'invalid_field',
            message: 'Unexpected/invalid field in request',
          },
          { field: 'website', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        ]),
      );
    });

    it('409 duplicate_value for a name (case-insensitive) or a domain already used', async () => {
      const tag = u();
      const first = await createCompany({ name: `Dup ${tag}`, domains: [`dup-${tag}.com`] });
      const byName = await desk.call('POST', '/api/v2/companies', { body: { name: `DUP ${tag}` } });
      expect(byName.statusCode).toBe(409);
      expect(byName.data).toEqual({
        description: 'Validation failed',
        errors: [
          {
            field: 'name',
            code: 'duplicate_value',
            message: 'It should be a unique value',
            additional_info: { company_id: first.id },
          },
        ],
      });
      const byDomain = await desk.call('POST', '/api/v2/companies', {
        body: { name: `Other ${tag}`, domains: [`DUP-${tag}.com`] },
      });
      expect(byDomain.statusCode).toBe(409);
      expect(byDomain.data.errors).toEqual([
        {
          field: 'domains',
          code: 'duplicate_value',
          message: 'It should be a unique value',
          additional_info: { company_id: first.id },
        },
      ]);
    });
  });

  describe('GET /companies/:id', () => {
    it('views a company; 404 unknown; 400 malformed id', async () => {
      const c = await createCompany({ name: `View ${u()}` });
      const res = await desk.call('GET', `/api/v2/companies/${c.id}`, { key: agentKey });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({ id: c.id, name: c.name });
      const missing = await desk.call('GET', '/api/v2/companies/999999');
      expect(missing.statusCode).toBe(404);
      expect(missing.data).toEqual({ code: 'not_found', message: 'The requested resource was not found.' });
      const malformed = await desk.call('GET', '/api/v2/companies/x1');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.data.errors[0]).toMatchObject({ field: 'id' });
    });
  });

  describe('PUT /companies/:id', () => {
    it('updates given attributes (any agent) and may clear them', async () => {
      const tag = u();
      const c = await createCompany({ name: `Upd ${tag}`, domains: [`upd-${tag}.com`], industry: 'Retail' });
      const res = await desk.call('PUT', `/api/v2/companies/${c.id}`, {
        key: agentKey,
        body: {
          name: `Updated ${tag}`,
          domains: [`new-${tag}.com`],
          industry: null,
          renewal_date: '2028-01-02T10:00:00Z',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({
        id: c.id,
        name: `Updated ${tag}`,
        domains: [`new-${tag}.com`],
        industry: null,
        renewal_date: '2028-01-02T10:00:00Z',
      });
      // Renaming to its own name in another case is not a duplicate.
      const same = await desk.call('PUT', `/api/v2/companies/${c.id}`, {
        body: { name: `UPDATED ${tag}`, domains: [`new-${tag}.com`] },
      });
      expect(same.statusCode).toBe(200);
    });

    it('400 and 409 like create; 404 for an unknown company', async () => {
      const tag = u();
      const a = await createCompany({ name: `A ${tag}`, domains: [`a-${tag}.com`] });
      const b = await createCompany({ name: `B ${tag}` });
      const dupName = await desk.call('PUT', `/api/v2/companies/${b.id}`, { body: { name: a.name } });
      expect(dupName.statusCode).toBe(409);
      expect(dupName.data.errors[0]).toMatchObject({ field: 'name', additional_info: { company_id: a.id } });
      const dupDomain = await desk.call('PUT', `/api/v2/companies/${b.id}`, {
        body: { domains: [`a-${tag}.com`] },
      });
      expect(dupDomain.statusCode).toBe(409);
      expect(dupDomain.data.errors[0]).toMatchObject({ field: 'domains', code: 'duplicate_value' });
      const invalid = await desk.call('PUT', `/api/v2/companies/${b.id}`, {
        body: { domains: ['-bad-.com'], name: '', custom_fields: { cf_x: 1 } },
      });
      expect(invalid.statusCode).toBe(400);
      expect(
        invalid.data.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort(),
      ).toEqual(['custom_fields.cf_x:invalid_field', 'domains:invalid_value', 'name:invalid_value']);
      const missing = await desk.call('PUT', '/api/v2/companies/999999', { body: { name: 'x' } });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('GET /companies', () => {
    it('paginates with a Link header only when a next page exists', async () => {
      for (let i = 0; i < 3; i++) await createCompany({ name: `Page ${u()}` });
      const all = await desk.call('GET', '/api/v2/companies?per_page=100');
      expect(all.statusCode).toBe(200);
      const total = all.data.length;
      expect(total).toBeGreaterThanOrEqual(3);
      expect(all.headers.link).toBeUndefined();
      const ids = all.data.map((c: { id: number }) => c.id);
      expect(ids).toEqual([...ids].sort((x: number, y: number) => x - y));

      const first = await desk.call('GET', '/api/v2/companies?per_page=2');
      expect(first.data).toHaveLength(2);
      expect(first.headers.link).toMatch(/^<http[^>]*\/api\/v2\/companies\?[^>]*page=2[^>]*>; rel="next"$/);
      const last = await desk.call('GET', `/api/v2/companies?per_page=2&page=${Math.ceil(total / 2)}`);
      expect(last.statusCode).toBe(200);
      expect(last.headers.link).toBeUndefined();
      expect(last.data[last.data.length - 1]).toEqual(all.data[total - 1]);
    });

    it('400 for a bad page size and for unknown parameters', async () => {
      const res = await desk.call('GET', '/api/v2/companies?per_page=0');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({ field: 'per_page', code: 'invalid_value' });
      const unknown = await desk.call('GET', '/api/v2/companies?name=x');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.data.errors[0]).toMatchObject({ field: 'name', code: 'invalid_field' });
    });
  });

  describe('DELETE /companies/:id', () => {
    it('403 for plain agents; supervisors delete (204) and contacts and tickets lose the company', async () => {
      const c = await createCompany({ name: `Gone ${u()}` });
      const contact = await desk.call('POST', '/api/v2/contacts', {
        body: { name: 'Employee', email: `emp-${u()}@example.com`, company_id: c.id },
      });
      expect(contact.statusCode).toBe(201);
      const now = new Date();
      const ticket = await desk.services.db
        .insertInto('tickets')
        .values({
          subject: 'Hi',
          requester_id: contact.data.id,
          company_id: c.id,
          due_by: now,
          fr_due_by: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      const denied = await desk.call('DELETE', `/api/v2/companies/${c.id}`, { key: agentKey });
      expect(denied.statusCode).toBe(403);
      expect(denied.data).toEqual({
        code: 'access_denied',
        message: 'You are not authorized to perform this action.',
      });

      const res = await desk.call('DELETE', `/api/v2/companies/${c.id}`, { key: supervisorKey });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect((await desk.call('GET', `/api/v2/companies/${c.id}`)).statusCode).toBe(404);
      const after = await desk.call('GET', `/api/v2/contacts/${contact.data.id}`);
      expect(after.data.company_id).toBeNull();
      const t = await desk.services.db
        .selectFrom('tickets')
        .select('company_id')
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      expect(t.company_id).toBeNull();

      expect((await desk.call('DELETE', `/api/v2/companies/${c.id}`)).statusCode).toBe(404);
    });
  });

  describe('GET /companies/autocomplete', () => {
    it('prefix-matches names case-insensitively as {companies:[{id,name}]}', async () => {
      const tag = u();
      const a = await createCompany({ name: `Auto${tag} Beta` });
      const b = await createCompany({ name: `auto${tag} Alpha` });
      await createCompany({ name: `Not Auto${tag}` });
      const res = await desk.call('GET', `/api/v2/companies/autocomplete?name=AUTO${tag}`, { key: agentKey });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({
        companies: [
          { id: b.id, name: `auto${tag} Alpha` },
          { id: a.id, name: `Auto${tag} Beta` },
        ],
      });
      const none = await desk.call('GET', '/api/v2/companies/autocomplete?name=_');
      expect(none.data).toEqual({ companies: [] });
    });

    it('400 missing_field without name', async () => {
      const res = await desk.call('GET', '/api/v2/companies/autocomplete');
      expect(res.statusCode).toBe(400);
      expect(res.data.errors[0]).toMatchObject({ field: 'name', code: 'missing_field' });
    });
  });

  describe('GET /company_fields', () => {
    it('lists the default company fields with stable ids and dates', async () => {
      const res = await desk.call('GET', '/api/v2/company_fields', { key: agentKey });
      expect(res.statusCode).toBe(200);
      expect(res.data.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
        'name:default_name',
        'description:default_description',
        'note:default_note',
        'domains:default_domains',
        'health_score:default_health_score',
        'account_tier:default_account_tier',
        'renewal_date:default_renewal_date',
        'industry:default_industry',
      ]);
      expect(res.data[0]).toEqual({
        id: 1,
        name: 'name',
        label: 'Company Name',
        position: 1,
        type: 'default_name',
        default: true,
        required_for_agents: true,
        created_at: '2026-11-24T06:00:00Z',
        updated_at: '2026-11-24T06:00:00Z',
      });
    });
  });

  it('appears in the OpenAPI document', async () => {
    const res = await desk.call('GET', '/api/v2/openapi.json', { key: null });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.data.paths)).toEqual(
      expect.arrayContaining(['/api/v2/companies/autocomplete', '/api/v2/company_fields']),
    );
  });

  it('405 for a wrong verb on a known path', async () => {
    const res = await desk.call('DELETE', '/api/v2/companies');
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
    expect((await desk.call('PUT', '/api/v2/company_fields', { body: {} })).statusCode).toBe(405);
  });
});
