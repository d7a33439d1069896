/** Per-socket rate limits on client events: token buckets in the socket's own process memory. */

/** A token bucket: up to `burst` at once, refilled at `perSecond`. */
export interface BucketLimit {
  burst: number;
  perSecond: number;
}

/** The client events that are limited. */
export type LimitedEvent = 'send' | 'typing' | 'read' | 'resume';

export type AudienceLimits = Record<LimitedEvent, BucketLimit>;

export interface RealtimeLimits {
  user: AudienceLimits;
  agent: AudienceLimits;
  /**
   * A socket refused more than `hammerFactor` × an event's burst within `hammerWindowMs` is
   * disconnected: past that it is a runaway or hostile client, not a fast typist.
   */
  hammerFactor: number;
  hammerWindowMs: number;
}

/**
 * The defaults. A widget user sends at most a few messages a second (a burst of 20 covers a paste
 * of queued messages after a reconnect); agents answer many conversations at once. Typing events
 * are throttled by well-behaved clients to one every couple of seconds per conversation.
 */
export const REALTIME_LIMITS: RealtimeLimits = {
  user: {
    send: { burst: 20, perSecond: 5 },
    typing: { burst: 10, perSecond: 2 },
    read: { burst: 20, perSecond: 5 },
    resume: { burst: 20, perSecond: 5 },
  },
  agent: {
    send: { burst: 100, perSecond: 30 },
    typing: { burst: 40, perSecond: 10 },
    read: { burst: 100, perSecond: 30 },
    resume: { burst: 200, perSecond: 50 },
  },
  hammerFactor: 10,
  hammerWindowMs: 10_000,
};

/** Overrides for tests or operators: any audience's events, or the hammer rule. */
export interface RealtimeLimitsOverride {
  user?: Partial<AudienceLimits>;
  agent?: Partial<AudienceLimits>;
  hammerFactor?: number;
  hammerWindowMs?: number;
}

export function resolveLimits(override: RealtimeLimitsOverride = {}): RealtimeLimits {
  return {
    user: { ...REALTIME_LIMITS.user, ...override.user },
    agent: { ...REALTIME_LIMITS.agent, ...override.agent },
    hammerFactor: override.hammerFactor ?? REALTIME_LIMITS.hammerFactor,
    hammerWindowMs: override.hammerWindowMs ?? REALTIME_LIMITS.hammerWindowMs,
  };
}

/** What taking a token answered: allowed, refused (retry later), or refused and time to disconnect. */
export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number; hammering: boolean };

interface Bucket {
  tokens: number;
  at: number;
  refusedSince: number;
  refused: number;
}

/** One socket's buckets, created on first use (an idle socket holds none). */
export interface SocketLimiter {
  take(event: LimitedEvent, now?: number): TakeResult;
}

export function createSocketLimiter(limits: AudienceLimits, rules: RealtimeLimits): SocketLimiter {
  const buckets: Partial<Record<LimitedEvent, Bucket>> = {};
  return {
    take(event, now = Date.now()) {
      const { burst, perSecond } = limits[event];
      let bucket = buckets[event];
      if (!bucket) bucket = buckets[event] = { tokens: burst, at: now, refusedSince: now, refused: 0 };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * perSecond) / 1000);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      if (now - bucket.refusedSince > rules.hammerWindowMs) {
        bucket.refusedSince = now;
        bucket.refused = 0;
      }
      bucket.refused += 1;
      return {
        ok: false,
        retryAfterMs: Math.ceil(((1 - bucket.tokens) * 1000) / perSecond),
        hammering: bucket.refused > rules.hammerFactor * burst,
      };
    },
  };
}
