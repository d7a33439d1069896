import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { ADMIN_API_KEY, startTestDesk, TEST_DATABASE_KINDS, type TestDesk } from '../../test/desk-harness.js';
import type { DeskDB } from '../db.js';
import { buildDeskApp, type DeskApp } from '../index.js';
import { basicAuth } from '../../test/desk-harness.js';

/**
 * Two server processes on one database, each with its own connection pool (its own field-rules
 * cache): a field added through one must govern the very next ticket create on the other.
 */
describe.each(TEST_DATABASE_KINDS)('ticket field rules across processes (%s)', (kind) => {
  let first: TestDesk;
  let secondDb: Database<DeskDB> | undefined;
  let second: DeskApp;
  beforeAll(async () => {
    first = await startTestDesk(kind);
    if (kind === 'postgres') {
      // A second pool on the same PostgreSQL database stands for a second process.
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${await first.services.db
        .selectNoFrom((eb) => eb.fn<string>('current_database').as('name'))
        .executeTakeFirstOrThrow()
        .then((r) => r.name)}`;
      secondDb = await openDatabase<DeskDB>({ url: url.toString(), poolSize: 2 });
    }
    second = await buildDeskApp({
      config: { ...loadConfig({}).desk, dataDir: first.services.config.dataDir },
      logger: false,
      database: secondDb ?? first.database,
    });
  });
  afterAll(async () => {
    await second?.close();
    await secondDb?.close();
    await first?.close();
  });

  const createOn = (app: DeskApp, body: Record<string, unknown>) =>
    app.app.inject({
      method: 'POST',
      url: '/api/v2/tickets',
      headers: { authorization: basicAuth(ADMIN_API_KEY), 'content-type': 'application/json' },
      payload: body,
    });

  it('a required field added on one process fails the next create on the other', async () => {
    const ticket = { email: 'cache@example.com', subject: 'Hi', description: 'x', status: 2, priority: 1 };
    // Warm the second process's cache.
    expect((await createOn(second, ticket)).statusCode).toBe(201);
    expect((await createOn(second, ticket)).statusCode).toBe(201);

    const field = await first.call('POST', '/api/v2/admin/ticket_fields', {
      body: { label: 'Contract', type: 'custom_text', required_for_agents: true },
    });
    expect(field.statusCode).toBe(201);

    const refused = await createOn(second, ticket);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: 'custom_fields.cf_contract', code: 'missing_field' }),
    ]);
    const accepted = await createOn(second, { ...ticket, custom_fields: { cf_contract: 'C-1' } });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().custom_fields).toEqual({ cf_contract: 'C-1' });

    // Deleting it on the first process frees creates on the second again.
    expect((await first.call('DELETE', `/api/v2/admin/ticket_fields/${field.data.id}`)).statusCode).toBe(204);
    const after = await createOn(second, ticket);
    expect(after.statusCode).toBe(201);
    expect(after.json().custom_fields).toEqual({});
  });
});
