// The public threat-report intake's limits, checked before the body is read: a token bucket per
// client address (default 10 a minute, bursts of 20) and one for all public intake (600 a minute), so
// one address flooding junk is refused cheaply (429 with Retry-After) while others keep reporting.
// Memory is bounded: at most `maxKeys` addresses are held; full buckets are forgotten first (a
// forgotten address starts full again, which is what it would have by now anyway).

export interface IntakeLimits { perAddressPerMinute: number; burst: number; perMinute: number; maxKeys?: number }

interface Bucket { tokens: number; at: number }

export class IntakeLimiter {
  readonly #l: Required<IntakeLimits>;
  readonly #keys = new Map<string, Bucket>();
  readonly #all: Bucket;
  refused = 0;

  constructor(limits: IntakeLimits, nowMs: number) {
    this.#l = { maxKeys: 50_000, ...limits };
    this.#all = { tokens: Math.max(this.#l.perMinute, this.#l.burst), at: nowMs };
  }

  get size(): number { return this.#keys.size; }

  #fill(b: Bucket, perMinute: number, cap: number, nowMs: number): void {
    b.tokens = Math.min(cap, b.tokens + (Math.max(0, nowMs - b.at) * perMinute) / 60_000);
    b.at = nowMs;
  }

  /** 0 when the request may go on (a token taken), else the seconds to wait. */
  take(address: string, nowMs: number): number {
    let b = this.#keys.get(address);
    if (!b) {
      if (this.#keys.size >= this.#l.maxKeys) this.#shrink(nowMs);
      b = { tokens: this.#l.burst, at: nowMs };
      this.#keys.set(address, b);
    }
    this.#fill(b, this.#l.perAddressPerMinute, this.#l.burst, nowMs);
    if (b.tokens < 1) { this.refused++; return Math.max(1, Math.ceil(((1 - b.tokens) * 60) / this.#l.perAddressPerMinute)); }
    this.#fill(this.#all, this.#l.perMinute, Math.max(this.#l.perMinute, this.#l.burst), nowMs);
    if (this.#all.tokens < 1) { this.refused++; return Math.max(1, Math.ceil(((1 - this.#all.tokens) * 60) / this.#l.perMinute)); }
    b.tokens -= 1;
    this.#all.tokens -= 1;
    return 0;
  }

  #shrink(nowMs: number): void {
    for (const [k, b] of this.#keys) {
      this.#fill(b, this.#l.perAddressPerMinute, this.#l.burst, nowMs);
      if (b.tokens >= this.#l.burst) this.#keys.delete(k);
    }
    // Still full of active addresses: drop the oldest tenth (insertion order).
    if (this.#keys.size >= this.#l.maxKeys) {
      let n = Math.ceil(this.#l.maxKeys / 10);
      for (const k of this.#keys.keys()) { if (n-- <= 0) break; this.#keys.delete(k); }
    }
  }
}
