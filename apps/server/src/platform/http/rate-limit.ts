import { sql, type Kysely } from 'kysely';
import type { Redis } from 'ioredis';

/** Counts requests in fixed one-minute windows in a store every server process shares. */
export interface RateLimitStore {
  /** Adds `cost` to the bucket's current window and returns the window's total. */
  consume(bucket: string, windowStart: number, cost: number): Promise<number>;
}

/** Window counters in the product's own database (works across processes sharing it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any product's database with a rate_limit_windows table
export function databaseRateLimitStore(db: Kysely<any>): RateLimitStore {
  let lastSweep = 0;
  return {
    async consume(bucket, windowStart, cost) {
      // An upsert is the atomic increment; Kysely's builder has no ON CONFLICT … + expression shorthand.
      const { rows } = await sql<{ used: number }>`
        INSERT INTO rate_limit_windows (bucket, window_start, used) VALUES (${bucket}, ${windowStart}, ${cost})
        ON CONFLICT (bucket, window_start) DO UPDATE SET used = rate_limit_windows.used + EXCLUDED.used
        RETURNING used`.execute(db);
      if (windowStart !== lastSweep) {
        lastSweep = windowStart;
        void sql`DELETE FROM rate_limit_windows WHERE window_start < ${windowStart}`
          .execute(db)
          .catch(() => {});
      }
      return rows[0]!.used;
    },
  };
}

/** Window counters in Redis, when REDIS_URL is set. */
export function redisRateLimitStore(redis: Redis): RateLimitStore {
  return {
    async consume(bucket, windowStart, cost) {
      const key = `ratelimit:${bucket}:${windowStart}`;
      const [[, used]] = (await redis.multi().incrby(key, cost).expire(key, 120).exec()) as [
        [unknown, number],
      ];
      return used;
    },
  };
}

export interface RateLimitResult {
  limit: number;
  remaining: number;
  cost: number;
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Consumes `cost` credits for `bucket` in the current minute and reports the headers' figures. */
export async function consumeRateLimit(
  store: RateLimitStore,
  bucket: string,
  limit: number,
  cost: number,
  now = Date.now(),
): Promise<RateLimitResult> {
  const windowStart = Math.floor(now / 60_000) * 60_000;
  const used = await store.consume(bucket, windowStart, cost);
  return {
    limit,
    cost,
    remaining: Math.max(0, limit - used),
    allowed: used <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000)),
  };
}
