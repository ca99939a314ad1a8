// Retry timing of the outbox: exponential backoff with "equal jitter" (half fixed, half random),
// so retries of many items spread out but never come sooner than half the nominal delay. Pure.

export interface BackoffPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** Ceiling of any delay. */
  maxMs: number;
  /** Attempts (claims) before an item is given up as dead. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 30 * 60_000, maxAttempts: 10 };

/**
 * Delay before the next attempt after `attempts` failed ones (1 = first failure).
 * `random` in [0, 1); a receiver's Retry-After raises the delay (still capped by maxMs).
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: () => number = Math.random,
  retryAfterMs: number | null = null): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)));
  const jittered = exp / 2 + random() * (exp / 2);
  const wanted = retryAfterMs !== null && retryAfterMs > jittered ? retryAfterMs : jittered;
  return Math.round(Math.min(wanted, policy.maxMs));
}

/** true when this attempt was the last one allowed. */
export function isLastAttempt(attempts: number, policy: BackoffPolicy): boolean {
  return attempts >= policy.maxAttempts;
}
