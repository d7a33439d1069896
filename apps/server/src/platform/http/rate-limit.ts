import { sql, type Kysely } from 'kysely';
import { Redis } from 'ioredis';

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

/**
 * Takes credits from a shared store in leases of `chunk` instead of one write per request: every
 * request of an account would otherwise update the same counter row, and those updates serialize
 * on its row lock (one commit at a time). The sum of credits granted across all processes never
 * exceeds the limit, because each lease's grant is computed from the store's atomic total; what a
 * process leased but did not use before the window ends is lost to the others (at most `chunk` per
 * process, 1% of the limit by default). With a chunk of 1 the count is exact.
 */
export function leasingRateLimitStore(
  shared: RateLimitStore,
  limit: number,
  chunk = Math.max(1, Math.floor(limit / 100)),
): RateLimitStore {
  /** Per bucket: the window leased in, credits held unused, the shared total counting our grants. */
  const leases = new Map<string, { windowStart: number; available: number; sharedTotal: number }>();
  const pending = new Map<string, Promise<void>>();

  async function lease(bucket: string, windowStart: number, need: number) {
    const size = Math.max(chunk, need);
    const total = await shared.consume(bucket, windowStart, size);
    // Of the `size` credits just counted, only those under the limit are really ours.
    const granted = Math.max(0, Math.min(size, limit - (total - size)));
    const current = leases.get(bucket);
    const carried = current?.windowStart === windowStart ? current.available : 0;
    leases.set(bucket, { windowStart, available: carried + granted, sharedTotal: total - (size - granted) });
  }

  return {
    async consume(bucket, windowStart, cost) {
      // Each lease either grants credits or shows the window spent, so this loop ends.
      for (;;) {
        const current = leases.get(bucket);
        if (current?.windowStart === windowStart) {
          if (current.available >= cost) {
            current.available -= cost;
            // Other processes' leases count as used: a conservative estimate for the headers.
            return current.sharedTotal - current.available;
          }
          if (current.sharedTotal >= limit) break;
        }
        // One lease at a time per bucket: concurrent requests wait for it instead of each leasing.
        const key = `${bucket}:${windowStart}`;
        let inFlight = pending.get(key);
        if (!inFlight) {
          inFlight = lease(bucket, windowStart, cost).finally(() => pending.delete(key));
          pending.set(key, inFlight);
        }
        await inFlight;
      }
      // Out of credits: a total over the limit, so the caller answers 429.
      return limit + cost;
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

/**
 * The rate-limit store a product uses: Redis when `redisUrl` is set (shared by every process on
 * it), else its own database through leases. `close()` releases the Redis connection.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any product's database with a rate_limit_windows table
export function productRateLimitStore(db: Kysely<any>, redisUrl: string | undefined, limit: number) {
  if (!redisUrl) return { store: leasingRateLimitStore(databaseRateLimitStore(db), limit), close: () => {} };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  return { store: redisRateLimitStore(redis), close: () => redis.disconnect() };
}
