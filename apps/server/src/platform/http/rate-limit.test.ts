import { describe, expect, it } from 'vitest';
import { consumeRateLimit, leasingRateLimitStore, type RateLimitStore } from './rate-limit.js';

/** A shared counter standing for the database or Redis, counting how often it is written. */
function sharedCounter() {
  const counts = new Map<string, number>();
  let writes = 0;
  const store: RateLimitStore = {
    async consume(bucket, windowStart, cost) {
      writes++;
      await new Promise((r) => setTimeout(r, 1));
      const key = `${bucket}:${windowStart}`;
      const used = (counts.get(key) ?? 0) + cost;
      counts.set(key, used);
      return used;
    },
  };
  return { store, writes: () => writes };
}

const NOW = Date.UTC(2026, 10, 24, 12, 0, 10);

describe('leasingRateLimitStore', () => {
  it('with a chunk of 1 counts exactly', async () => {
    const shared = sharedCounter();
    const store = leasingRateLimitStore(shared.store, 5, 1);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await consumeRateLimit(store, 'a', 5, 1, NOW));
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false, false]);
  });

  it('never grants more than the limit across processes, and strands at most a chunk each', async () => {
    const shared = sharedCounter();
    const processes = [0, 1, 2].map(() => leasingRateLimitStore(shared.store, 100, 10));
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => consumeRateLimit(processes[i % 3]!, 'acct', 100, 1, NOW)),
    );
    const allowed = results.filter((r) => r.allowed).length;
    expect(allowed).toBeLessThanOrEqual(100);
    expect(allowed).toBeGreaterThanOrEqual(100 - 3 * 10);
  });

  it('takes credits in leases: far fewer shared writes than requests', async () => {
    const shared = sharedCounter();
    const store = leasingRateLimitStore(shared.store, 3000);
    await Promise.all(Array.from({ length: 300 }, () => consumeRateLimit(store, 'acct', 3000, 1, NOW)));
    expect(shared.writes()).toBeLessThanOrEqual(10);
  });

  it('starts afresh in the next window', async () => {
    const shared = sharedCounter();
    const store = leasingRateLimitStore(shared.store, 2, 1);
    await consumeRateLimit(store, 'a', 2, 2, NOW);
    expect((await consumeRateLimit(store, 'a', 2, 1, NOW)).allowed).toBe(false);
    expect((await consumeRateLimit(store, 'a', 2, 1, NOW + 60_000)).allowed).toBe(true);
  });

  it('a request costing more than a chunk leases what it needs', async () => {
    const shared = sharedCounter();
    const store = leasingRateLimitStore(shared.store, 100, 1);
    const result = await consumeRateLimit(store, 'a', 100, 5, NOW);
    expect(result).toMatchObject({ allowed: true, remaining: 95, cost: 5 });
  });
});
