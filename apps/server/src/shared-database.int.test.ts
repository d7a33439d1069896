import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { buildChatApp, buildDeskApp } from './app.js';

/**
 * An operator may point DESK_DATABASE_URL and CHAT_DATABASE_URL at one PostgreSQL database:
 * Chat keeps its tables in its own schema, so the two products still share no table.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('Desk and Chat on one PostgreSQL database', () => {
  const name = `tandem_shared_${Date.now()}`;
  // Read lazily: without TEST_DATABASE_URL this block is skipped, and must not fail while loading.
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://localhost/unused';
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('both migrate and run side by side, each in its own tables', async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const config = loadConfig({ DESK_DATABASE_URL: url, CHAT_DATABASE_URL: url });
    const desk = await buildDeskApp({ config: config.desk, logger: false });
    closers.push(() => desk.close());
    const chat = await buildChatApp({ config: config.chat, logger: false });
    closers.push(() => chat.close());

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('public', 'chat')`,
    );
    await client.end();
    const bySchema = (schema: string) =>
      rows.filter((r) => r.table_schema === schema).map((r) => r.table_name);
    expect(bySchema('chat')).toEqual(
      expect.arrayContaining(['accounts', 'agents', 'api_tokens', 'chat_migrations']),
    );
    expect(bySchema('public')).toEqual(expect.arrayContaining(['tickets', 'agents', 'desk_migrations']));
    // Same table name, different products: each sees only its own rows.
    const deskAgents = await desk.services.db.selectFrom('agents').select('id').execute();
    const chatAgents = await chat.services.db.selectFrom('agents').select('id').execute();
    expect(deskAgents).toHaveLength(1);
    expect(chatAgents).toHaveLength(1);
    expect(typeof deskAgents[0]!.id).toBe('number');
    expect(typeof chatAgents[0]!.id).toBe('string');
  });
});
