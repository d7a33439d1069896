import type { DeskDb } from '../db.js';
import {
  deleteFailureRows,
  deleteFailures,
  deleteFailuresBefore,
  insertFailures,
  listFailuresSince,
} from './portal-auth.repository.js';

/** Failed sign-ins allowed per window: per email (guessing one account) and per IP (spraying many). */
export const SIGN_IN_LIMITS = { email: 5, ip: 20, windowMs: 15 * 60 * 1000 } as const;

export interface SignInBuckets {
  email: string;
  ip: string;
}

export const signInBuckets = (email: string, ip: string): SignInBuckets => ({
  email: `email:${email.trim().toLowerCase()}`,
  ip: `ip:${ip || 'unknown'}`,
});

/** An attempt admitted by the throttle: settle it once the password is checked. */
export interface SignInAttempt {
  /** The password was wrong: the attempt stays counted as a failure. */
  failed(): Promise<void>;
  /** The password was right: the account's failures are forgotten, this attempt uncounted. */
  succeeded(db: DeskDb): Promise<void>;
}

/**
 * Admits a sign-in attempt or tells how many seconds to wait. Each attempt is counted as a failure
 * BEFORE the password is checked, so concurrent guesses see each other and no more than the limit
 * get through; a refused attempt is uncounted again (waiting it out is not prolonged by trying).
 */
export async function admitSignIn(
  db: DeskDb,
  buckets: SignInBuckets,
  now = new Date(),
): Promise<{ attempt: SignInAttempt } | { retryAfterSeconds: number }> {
  const ours = await insertFailures(db, [buckets.email, buckets.ip], now);
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const failures = await listFailuresSince(db, [buckets.email, buckets.ip], since);
  let until = 0;
  for (const [bucket, limit] of [
    [buckets.email, SIGN_IN_LIMITS.email],
    [buckets.ip, SIGN_IN_LIMITS.ip],
  ] as const) {
    const times = failures.filter((f) => f.bucket === bucket).map((f) => new Date(f.failed_at).getTime());
    if (times.length <= limit) continue;
    // Oldest first, ours included: once enough of the oldest leave the window, one attempt is free.
    until = Math.max(until, times[times.length - 1 - limit]! + SIGN_IN_LIMITS.windowMs);
  }
  if (until > 0) {
    await deleteFailureRows(db, ours);
    return { retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
  }
  return {
    attempt: {
      async failed() {
        // Failures that left the window no longer count; dropping them keeps the table small.
        await deleteFailuresBefore(db, since);
      },
      async succeeded(trx) {
        await deleteFailures(trx, buckets.email);
        await deleteFailureRows(trx, ours);
      },
    },
  };
}
