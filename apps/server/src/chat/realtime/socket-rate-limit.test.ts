import { describe, expect, it } from 'vitest';
import { createSocketLimiter, REALTIME_LIMITS, resolveLimits } from './socket-rate-limit.js';

describe('socket rate limiter', () => {
  const rules = resolveLimits({ user: { send: { burst: 3, perSecond: 2 } }, hammerFactor: 2 });

  it('allows a burst, then refuses with the wait until the next token', () => {
    const limiter = createSocketLimiter(rules.user, rules);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('send', t).ok)).toEqual([true, true, true]);
    expect(limiter.take('send', t)).toEqual({ ok: false, retryAfterMs: 500, hammering: false });
    expect(limiter.take('send', t + 250)).toEqual({ ok: false, retryAfterMs: 250, hammering: false });
    expect(limiter.take('send', t + 500)).toEqual({ ok: true });
    // Refills at the rate, never above the burst.
    expect([1, 2, 3, 4].map(() => limiter.take('send', t + 60_000).ok)).toEqual([true, true, true, false]);
  });

  it('keeps each event in its own bucket', () => {
    const limiter = createSocketLimiter(rules.user, rules);
    for (let i = 0; i < 3; i++) limiter.take('send', 0);
    expect(limiter.take('send', 0).ok).toBe(false);
    expect(limiter.take('typing', 0).ok).toBe(true);
  });

  it('says hammering once refusals pass factor × burst within the window, and forgets after it', () => {
    const limiter = createSocketLimiter(rules.user, rules);
    for (let i = 0; i < 3; i++) limiter.take('send', 0);
    const refusals = Array.from({ length: 7 }, () => limiter.take('send', 0));
    expect(refusals.map((r) => !r.ok && r.hammering)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    // A new window starts counting again (the bucket is empty again by then).
    const later = rules.hammerWindowMs + 1;
    for (let i = 0; i < 3; i++) limiter.take('send', later);
    expect(limiter.take('send', later)).toMatchObject({ ok: false, hammering: false });
  });

  it('gives agents more room than users by default', () => {
    expect(REALTIME_LIMITS.agent.send.burst).toBeGreaterThan(REALTIME_LIMITS.user.send.burst);
    expect(REALTIME_LIMITS.agent.send.perSecond).toBeGreaterThan(REALTIME_LIMITS.user.send.perSecond);
  });
});
