import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { freshDatabase, TEST_DATABASE_KINDS } from '../test/databases.js';
import { basicAuth } from '../test/desk-harness.js';
import type { DeskDB } from './db.js';
import { buildDeskApp } from './index.js';

describe.each(TEST_DATABASE_KINDS)('first start (%s)', (kind) => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('generates the account admin once, and the printed key works', async () => {
    const database = await freshDatabase<DeskDB>(kind);
    closers.push(() => database.close());
    const config = loadConfig({}).desk;
    const first = await buildDeskApp({ config, logger: false, database });
    closers.push(() => first.close());
    expect(first.bootstrap).toMatchObject({ created: true, email: 'admin@tandem.local' });
    expect(first.bootstrap.generatedApiKey).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(first.bootstrap.generatedPassword?.length).toBeGreaterThanOrEqual(12);

    const res = await first.app.inject({
      method: 'GET',
      url: '/api/v2/roles',
      headers: { authorization: basicAuth(first.bootstrap.generatedApiKey!) },
    });
    expect(res.statusCode).toBe(200);

    // Keys and passwords are stored only as hashes.
    const stored = await database.db
      .selectFrom('agents')
      .innerJoin('contacts', 'contacts.id', 'agents.id')
      .select(['agents.api_key_hash', 'contacts.password_hash'])
      .executeTakeFirstOrThrow();
    expect(stored.api_key_hash).not.toContain(first.bootstrap.generatedApiKey);
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);

    const second = await buildDeskApp({ config, logger: false, database });
    closers.push(() => second.close());
    expect(second.bootstrap).toEqual({ created: false });
    const admins = await database.db.selectFrom('agents').select('id').execute();
    expect(admins).toHaveLength(1);
  });

  it('takes the admin from DESK_ADMIN_* when set, printing no secret', async () => {
    const database = await freshDatabase<DeskDB>(kind);
    closers.push(() => database.close());
    const config = loadConfig({
      DESK_ADMIN_EMAIL: 'owner@example.com',
      DESK_ADMIN_PASSWORD: 'correct horse battery',
      DESK_ADMIN_API_KEY: 'operator-chosen-key-123456',
    }).desk;
    const desk = await buildDeskApp({ config, logger: false, database });
    closers.push(() => desk.close());
    expect(desk.bootstrap).toEqual({ created: true, email: 'owner@example.com' });
    const res = await desk.app.inject({
      method: 'GET',
      url: '/api/v2/roles',
      headers: { authorization: basicAuth('operator-chosen-key-123456') },
    });
    expect(res.statusCode).toBe(200);
  });
});
