// Failed sign-ins in memory, per key: (username, client address) for the fixed lockout, the username
// alone for the per-account backoff, the address alone for the attempt rate (login-guard.ts).
// - lockout (default): after `max` failures within `windowMs` the key is refused until the oldest of
//   them leaves the window;
// - backoff: after `max` failures within the window each further try waits 2^(n − max) s from the
//   last failure, at most `windowMs` — one account attacked from many addresses slows down for all.
// A success clears the key. Memory is bounded without ever forgetting a locked key: when more than
// `maxKeys` keys are held, expired ones and then the oldest keys that are not locked are dropped
// (locked keys can only grow as fast as failures can be made, which the guard bounds).

export interface LimiterOptions { max?: number; windowMs?: number; maxKeys?: number; mode?: 'lockout' | 'backoff' }

interface Entry { failures: number[]; refusedSince: number | null; refused: number }

export class LoginLimiter {
  readonly max: number;
  readonly windowMs: number;
  readonly mode: 'lockout' | 'backoff';
  readonly #maxKeys: number;
  readonly #keys = new Map<string, Entry>();

  constructor(opts: LimiterOptions = {}) {
    this.max = opts.max ?? 10;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.#maxKeys = opts.maxKeys ?? 10_000;
    this.mode = opts.mode ?? 'lockout';
  }

  static key(username: string, ip: string): string {
    return `${username.normalize('NFC').toLowerCase()}\u0000${ip}`;
  }

  get size(): number { return this.#keys.size; }

  #recent(key: string, nowMs: number): Entry | undefined {
    const e = this.#keys.get(key);
    if (!e) return undefined;
    e.failures = e.failures.filter((t) => nowMs - t < this.windowMs);
    if (e.failures.length === 0) { this.#keys.delete(key); return undefined; }
    return e;
  }

  #waitMs(e: Entry | undefined, nowMs: number): number {
    if (!e || e.failures.length < this.max) return 0;
    const n = e.failures.length;
    if (this.mode === 'lockout') return e.failures[n - this.max] + this.windowMs - nowMs;
    const step = Math.min(this.windowMs, 1000 * 2 ** Math.min(30, n - this.max));
    return e.failures[n - 1] + step - nowMs;
  }

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfter(key: string, nowMs: number): number {
    const e = this.#recent(key, nowMs);
    const ms = this.#waitMs(e, nowMs);
    if (ms <= 0) { if (e) e.refusedSince = null; return 0; }
    return Math.max(1, Math.ceil(ms / 1000));
  }

  /**
   * Records a refused try (after retryAfter said to wait). `first` is true once per lockout window —
   * the one audit entry of the window; `count` is how many tries this window refused so far,
   * `failures` how many failures (or tries, for the address rate) within the window led to it.
   */
  refuse(key: string, nowMs: number): { first: boolean; count: number; failures: number } {
    const e = this.#recent(key, nowMs);
    if (!e) return { first: true, count: 1, failures: 0 };
    const first = e.refusedSince === null;
    if (first) { e.refusedSince = nowMs; e.refused = 0; }
    e.refused++;
    return { first, count: e.refused, failures: e.failures.length };
  }

  fail(key: string, nowMs: number): void {
    const e = this.#recent(key, nowMs) ?? { failures: [], refusedSince: null, refused: 0 };
    this.#keys.delete(key);
    // lockout needs the last `max` failures; backoff counts them all (bounded by the window and the rate).
    e.failures = this.mode === 'lockout' ? [...e.failures, nowMs].slice(-this.max) : [...e.failures, nowMs].slice(-(this.max + 64));
    this.#keys.set(key, e);
    if (this.#keys.size > this.#maxKeys) this.#shrink(nowMs);
  }

  succeed(key: string): void {
    this.#keys.delete(key);
  }

  /** Drops expired keys, then the oldest unlocked ones, until at most maxKeys remain; never a locked key. */
  #shrink(nowMs: number): void {
    for (const key of [...this.#keys.keys()]) {
      if (this.#keys.size <= this.#maxKeys) return;
      const e = this.#recent(key, nowMs);
      if (e && this.#waitMs(e, nowMs) <= 0) this.#keys.delete(key);
    }
  }
}
