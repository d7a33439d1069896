import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('needs no infrastructure: embedded defaults', () => {
    const config = loadConfig({});
    expect(config.products).toEqual(['desk', 'chat']);
    expect(config.chat.port).toBe(3001);
    expect(config.chat.databaseUrl).toBeUndefined();
    expect(config.chat.dataDir).toBe(path.resolve('./data/chat'));
    expect(config.roles).toEqual(['web', 'worker']);
    expect(config.desk.port).toBe(3000);
    expect(config.desk.databaseUrl).toBeUndefined();
    expect(config.desk.dataDir).toBe(path.resolve('./data/desk'));
    expect(config.desk.rateLimitPerMinute).toBe(3000);
    expect(config.desk.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(config.desk.pgliteThread).toBe('worker');
    expect(config.chat.pgliteThread).toBe('worker');
  });

  it('PGLITE_THREAD=main keeps embedded PGlite on the server thread; anything else is refused', () => {
    const config = loadConfig({ PGLITE_THREAD: 'main' });
    expect([config.desk.pgliteThread, config.chat.pgliteThread]).toEqual(['main', 'main']);
    expect(() => loadConfig({ PGLITE_THREAD: 'both' })).toThrow(ConfigError);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PRODUCTS: 'desk',
      ROLES: 'web',
      DESK_PORT: '4000',
      DESK_DATABASE_URL: 'postgres://u@db:5432/desk',
      DESK_PUBLIC_URL: 'https://help.example.com/',
      DESK_ADMIN_EMAIL: 'boss@example.com',
      DESK_ADMIN_PASSWORD: 'long enough',
      DESK_ADMIN_API_KEY: 'abcdefghijklmnopqrstuvwxyz',
      DESK_RATE_LIMIT_PER_MINUTE: '50',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.roles).toEqual(['web']);
    expect(config.desk).toMatchObject({
      port: 4000,
      databaseUrl: 'postgres://u@db:5432/desk',
      publicUrl: 'https://help.example.com',
      admin: { email: 'boss@example.com', password: 'long enough', apiKey: 'abcdefghijklmnopqrstuvwxyz' },
      rateLimitPerMinute: 50,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DESK_DATABASE_URL: '', DESK_ADMIN_EMAIL: '' }).desk).toMatchObject({
      databaseUrl: undefined,
      admin: { email: undefined },
    });
  });

  it('reports every bad variable by name in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        DESK_PORT: 'eighty',
        DESK_DATABASE_URL: 'mysql://x',
        DESK_ADMIN_EMAIL: 'nope',
        PRODUCTS: 'desk,crm',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DESK_PORT', 'DESK_DATABASE_URL', 'DESK_ADMIN_EMAIL', 'PRODUCTS'])
      expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });
});
