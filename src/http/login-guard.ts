// What stands before a password hash (security review: a flood of sign-ins with unknown usernames
// made every request slow). In order, before any hashing:
//  1. the address's attempt rate (default 30 tries a minute per client address) → 429;
//  2. the (username, address) lockout (10 failures in 15 min) → 429;
//  3. the per-account backoff (after 20 failures in 15 min from any addresses, 2^n s) → 429;
//  4. the hash gate: at most `maxConcurrent` password hashes at once (default 4) and `perAddress`
//     per client address (default 2); a full gate answers 503 (global) or 429 (address) at once,
//     without queueing, so a flood costs the server bounded work.
// Each refusal is audited once per lockout window (LoginLimiter.refuse) rather than once per request.
import { LoginLimiter } from './login-limiter.ts';

export interface GuardOptions {
  maxConcurrent?: number;
  perAddress?: number;
  /** Tries per address per minute (default 30). */
  addressRate?: number;
  /** The (username, address) lockout. */
  pair?: LoginLimiter;
  /** Failures per account before the backoff starts (default 20). */
  accountFree?: number;
}

export type Refusal = {
  status: 429 | 503; retryAfter: number; reason: 'address-rate' | 'locked' | 'account-backoff' | 'busy' | 'address-busy';
  first: boolean; count: number; failures: number;
};

class HashGate {
  readonly maxConcurrent: number;
  readonly perAddress: number;
  #inFlight = 0;
  #byAddress = new Map<string, number>();
  /** The most hashes ever in flight at once (tests and metrics). */
  peak = 0;

  constructor(maxConcurrent = 4, perAddress = 2) {
    this.maxConcurrent = maxConcurrent;
    this.perAddress = perAddress;
  }

  get inFlight(): number { return this.#inFlight; }

  /** Takes a slot, or says why not. */
  tryEnter(ip: string): 'ok' | 'busy' | 'address-busy' {
    if (this.#inFlight >= this.maxConcurrent) return 'busy';
    const mine = this.#byAddress.get(ip) ?? 0;
    if (mine >= this.perAddress) return 'address-busy';
    this.#inFlight++;
    this.#byAddress.set(ip, mine + 1);
    this.peak = Math.max(this.peak, this.#inFlight);
    return 'ok';
  }

  leave(ip: string): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    const left = (this.#byAddress.get(ip) ?? 1) - 1;
    if (left > 0) this.#byAddress.set(ip, left); else this.#byAddress.delete(ip);
  }

  /** Runs fn holding a slot (throws nothing of its own: call tryEnter first). */
  async run<T>(ip: string, fn: () => Promise<T>): Promise<T> {
    try { return await fn(); } finally { this.leave(ip); }
  }
}

export class LoginGuard {
  readonly gate: HashGate;
  readonly pair: LoginLimiter;
  readonly account: LoginLimiter;
  readonly address: LoginLimiter;

  constructor(opts: GuardOptions = {}) {
    this.gate = new HashGate(opts.maxConcurrent ?? 4, opts.perAddress ?? 2);
    this.pair = opts.pair ?? new LoginLimiter();
    this.account = new LoginLimiter({ max: opts.accountFree ?? 20, mode: 'backoff' });
    this.address = new LoginLimiter({ max: opts.addressRate ?? 30, windowMs: 60_000 });
  }

  /** Before hashing: null when the try may go on (and counts it against the address's rate). */
  check(username: string, ip: string, nowMs: number): Refusal | null {
    const checks: Array<[LoginLimiter, string, Refusal['reason']]> = [
      [this.address, ip, 'address-rate'], [this.pair, LoginLimiter.key(username, ip), 'locked'],
      [this.account, LoginLimiter.key(username, ''), 'account-backoff'],
    ];
    for (const [limiter, key, reason] of checks) {
      const wait = limiter.retryAfter(key, nowMs);
      if (wait > 0) return { status: 429, retryAfter: wait, reason, ...limiter.refuse(key, nowMs) };
    }
    this.address.fail(ip, nowMs); // every try counts against the address's rate
    return null;
  }

  failed(username: string, ip: string, nowMs: number): void {
    this.pair.fail(LoginLimiter.key(username, ip), nowMs);
    this.account.fail(LoginLimiter.key(username, ''), nowMs);
  }

  succeeded(username: string, ip: string): void {
    this.pair.succeed(LoginLimiter.key(username, ip));
    this.account.succeed(LoginLimiter.key(username, ''));
  }
}
