// Failed logins per (username, client address), in memory: after `max` failures within `windowMs`
// the pair is refused until the oldest failure leaves the window. A success clears the pair.
// Bounded: at most `maxKeys` pairs are tracked (the oldest are forgotten first).

export interface LimiterOptions { max?: number; windowMs?: number; maxKeys?: number }

export class LoginLimiter {
  readonly max: number;
  readonly windowMs: number;
  readonly #maxKeys: number;
  readonly #failures = new Map<string, number[]>();

  constructor(opts: LimiterOptions = {}) {
    this.max = opts.max ?? 10;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.#maxKeys = opts.maxKeys ?? 10_000;
  }

  static key(username: string, ip: string): string {
    return `${username.normalize('NFC').toLowerCase()}\u0000${ip}`;
  }

  #recent(key: string, nowMs: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfter(key: string, nowMs: number): number {
    const list = this.#recent(key, nowMs);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.max] + this.windowMs - nowMs) / 1000));
  }

  fail(key: string, nowMs: number): void {
    const list = this.#recent(key, nowMs);
    this.#failures.delete(key);
    this.#failures.set(key, [...list, nowMs].slice(-this.max));
    while (this.#failures.size > this.#maxKeys) this.#failures.delete(this.#failures.keys().next().value as string);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
