import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { freshDatabase, TEST_DATABASE_KINDS } from '../../test/databases.js';
import { deskMigrations } from '../../desk/migrations/index.js';
import {
  consumeRateLimit,
  databaseRateLimitStore,
  redisRateLimitStore,
  type RateLimitStore,
} from './rate-limit.js';

async function twoProcessesShareOneWindow(storeA: RateLimitStore, storeB: RateLimitStore, bucket: string) {
  const now = Date.UTC(2026, 10, 24, 10, 0, 30);
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => consumeRateLimit(i % 2 ? storeA : storeB, bucket, 6, 1, now)),
  );
  expect(results.filter((r) => r.allowed)).toHaveLength(6);
  expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds === 30)).toBe(true);
  // The next minute is a fresh window.
  const next = await consumeRateLimit(storeA, bucket, 6, 2, now + 60_000);
  expect(next).toMatchObject({ allowed: true, remaining: 4, cost: 2 });
}

describe.each(TEST_DATABASE_KINDS)('database rate-limit store (%s)', (kind) => {
  it('counts atomically across stores sharing the database', async () => {
    const database = await freshDatabase(kind);
    try {
      await migrateToLatest(database.db, deskMigrations, 'desk_migrations');
      // Two stores over one database stand for two server processes.
      await twoProcessesShareOneWindow(
        databaseRateLimitStore(database.db),
        databaseRateLimitStore(database.db),
        'acct',
      );
    } finally {
      await database.close();
    }
  });
});

describe.runIf(process.env.TEST_REDIS_URL)('redis rate-limit store', () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((c) => c.disconnect()));
  it('counts atomically across processes sharing Redis', async () => {
    const a = new Redis(process.env.TEST_REDIS_URL!);
    const b = new Redis(process.env.TEST_REDIS_URL!);
    clients.push(a, b);
    await twoProcessesShareOneWindow(
      redisRateLimitStore(a),
      redisRateLimitStore(b),
      `test-${Date.now()}-${Math.random()}`,
    );
  });
});
